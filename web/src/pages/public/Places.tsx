import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { z } from 'zod';
import type { PublicPlace } from '../../../../src/contracts/structures.ts';
import { api } from '../../api/client.ts';
import { Page } from '../../app/Page.tsx';
import { Link, navigate, useLocation } from '../../app/router.tsx';
import { SelectField } from '../../components/forms.tsx';
import { Loading, Notice } from '../../components/Notice.tsx';
import { openingView } from '../../presenters/opening-hours.ts';
import { openingHoursSentence } from '../../../../src/domain/opening-hours.ts';
import { frenchDate, frenchPhone } from '../../presenters/format.ts';

type Place = z.infer<typeof PublicPlace>;
type Site = Place['sites'][number];

function phoneHref(phone: string): string {
  return 'tel:' + phone.replace(/[^\d+]/g, '');
}

function SiteCard({ place, site, now }: { place: Place; site: Site; now: Date }) {
  const view = useMemo(() => openingView(site.openingHours, now), [site.openingHours, now]);
  const phone = site.phone ?? place.phone;
  const title = site.name && site.name !== place.name ? `${place.name} — ${site.name}` : place.name;
  return (
    <li className="carte">
      <h2>{title}</h2>
      <p>
        <span className={`etiquette etiquette--${view.status.kind === 'open' ? 'ouvert' : 'ferme'}`}>
          <span aria-hidden="true">{view.status.kind === 'open' ? '● ' : '○ '}</span>
          {view.status.text}
        </span>
      </p>
      <dl>
        <dt>Adresse</dt>
        <dd>
          {site.address}, {site.postalCode} {site.communeName ?? ''}
        </dd>
        <dt>Téléphone</dt>
        <dd>{phone ? <a href={phoneHref(phone)}>{frenchPhone(phone)}</a> : 'non communiqué'}</dd>
        <dt>Horaires</dt>
        <dd>{openingHoursSentence(site.openingHours) ?? 'non communiqués'}</dd>
        {place.website ? (
          <>
            <dt>Site internet</dt>
            <dd>
              <a href={place.website} rel="noopener noreferrer">
                {place.website.replace(/^https?:\/\//, '')}
              </a>
            </dd>
          </>
        ) : null}
      </dl>
      {view.week.length ? (
        <details>
          <summary>Horaires des 7 prochains jours</summary>
          <ul>
            {view.week.map((d) => (
              <li key={d.day}>
                {d.day} : {d.hours}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {place.services.length ? (
        <>
          <h3>Ce que l’on peut y apprendre</h3>
          <ul className="pastilles">
            {place.services.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </>
      ) : null}
      {place.campaigns.length ? (
        <p>
          Accepte les tickets{' '}
          {place.campaigns.map((c, i) => (
            <span key={c.id}>
              {i ? ', ' : ''}« {c.name} » (valables jusqu’au {frenchDate(c.validityEnd)})
            </span>
          ))}
          .
        </p>
      ) : null}
    </li>
  );
}

export default function Places() {
  const { search } = useLocation();
  const commune = search.get('commune') ?? '';
  const service = search.get('service') ?? '';
  const [all, setAll] = useState<Place[] | null>(null);
  const [places, setPlaces] = useState<Place[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState({ commune, service });
  const now = useMemo(() => new Date(), []);

  // All places once (they give the filter choices), then the filtered list from the server.
  useEffect(() => {
    api.get<Place[]>('/api/public/places').then(setAll, (e: Error) => setError(e.message));
  }, []);
  useEffect(() => {
    setDraft({ commune, service });
    if (!commune && !service) return setPlaces(all);
    setPlaces(null);
    api.get<Place[]>('/api/public/places', { commune, service }).then(setPlaces, (e: Error) => setError(e.message));
  }, [commune, service, all]);

  // Filter choices come from the places themselves: only communes and services that have a place.
  const communes = useMemo(() => {
    const m = new Map<string, string>();
    for (const p of all ?? []) for (const s of p.sites) m.set(s.communeInsee, s.communeName ?? s.communeInsee);
    return [...m].sort((a, b) => a[1].localeCompare(b[1], 'fr'));
  }, [all]);
  const services = useMemo(() => [...new Set((all ?? []).flatMap((p) => p.services))].sort((a, b) => a.localeCompare(b, 'fr')), [all]);

  const sites = (places ?? []).flatMap((p) => p.sites.filter((s) => !commune || s.communeInsee === commune).map((s) => ({ place: p, site: s })));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const qs = new URLSearchParams();
    if (draft.commune) qs.set('commune', draft.commune);
    if (draft.service) qs.set('service', draft.service);
    const query = qs.toString();
    navigate(`/ou-utiliser-mon-pass${query ? '?' + query : ''}`);
  };

  return (
    <Page title={'Où utiliser mon pass\u00a0?'} lead="Les lieux qui acceptent les tickets du pass numérique : présentez-y votre carnet, une séance ou un atelier vous sera proposé." wide>
      <form className="filtres" onSubmit={submit} role="search" aria-label="Filtrer les lieux">
        <SelectField
          id="commune"
          label="Commune"
          value={draft.commune}
          onChange={(v) => setDraft({ ...draft, commune: v })}
          options={[{ value: '', label: 'Toutes les communes' }, ...communes.map(([insee, name]) => ({ value: insee, label: name }))]}
        />
        <SelectField
          id="service"
          label="Ce que je veux apprendre"
          value={draft.service}
          onChange={(v) => setDraft({ ...draft, service: v })}
          options={[{ value: '', label: 'Tout' }, ...services.map((s) => ({ value: s, label: s }))]}
        />
        <div className="boutons">
          <button type="submit">Afficher les lieux</button>
        </div>
      </form>
      {error ? (
        <Notice kind="erreur" title="La liste des lieux n’a pas pu être chargée" live>
          <p>{error}</p>
        </Notice>
      ) : null}
      <p role="status" className="etapes">
        {places === null ? 'Recherche des lieux…' : sites.length === 0 ? 'Aucun lieu ne correspond à ces critères.' : `${sites.length} lieu${sites.length > 1 ? 'x' : ''} trouvé${sites.length > 1 ? 's' : ''}.`}
      </p>
      {places === null && !error ? <Loading /> : null}
      {sites.length ? (
        <ul className="cartes">
          {sites.map(({ place, site }) => (
            <SiteCard key={site.id} place={place} site={site} now={now} />
          ))}
        </ul>
      ) : null}
      {places !== null && sites.length === 0 && (commune || service) ? (
        <p>
          Essayez <Link to="/ou-utiliser-mon-pass">toutes les communes et tous les services</Link>, ou
          demandez conseil à votre mairie.
        </p>
      ) : null}
    </Page>
  );
}
