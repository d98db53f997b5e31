import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.ts';
import { structureApi, type Site } from '../../api/structure.ts';
import { Page } from '../../app/Page.tsx';
import { useSession } from '../../app/session.tsx';
import { SelectField, TextField, useForm } from '../../components/forms.tsx';
import { Loading, Notice } from '../../components/Notice.tsx';
import { frenchPhone } from '../../presenters/format.ts';
import { openingView } from '../../presenters/opening-hours.ts';
import { useLoad } from '../finance/use-load.ts';
import { OpeningHoursGrid } from './OpeningHoursGrid.tsx';
import { openingHoursSentence } from '../../../../src/domain/opening-hours.ts';

interface Commune {
  inseeCode: string;
  name: string;
  postalCodes: string[];
}

const FIELD: Record<string, string> = { name: 'nom', address: 'adresse', communeInsee: 'commune', postalCode: 'code-postal', openingHours: 'horaires', phone: 'telephone' };

type SiteDraft = { name: string; address: string; communeInsee: string; postalCode: string; openingHours: string; phone: string };

function SiteForm({ initial, communes, prefix, submitLabel, onSubmit, onCancel }: {
  initial: SiteDraft; communes: Commune[]; prefix: string; submitLabel: string; onSubmit: (d: SiteDraft) => Promise<unknown>; onCancel?: () => void;
}) {
  const [d, setD] = useState(initial);
  const id = (f: string) => `${prefix}-${f}`;
  const form = useForm((f) => (FIELD[f] ? id(FIELD[f]) : null));
  const set = (patch: Partial<SiteDraft>) => setD((x) => ({ ...x, ...patch }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await form.run(
      () => {
        const errors: Record<string, string> = {};
        if (!d.name.trim()) errors[id('nom')] = 'Saisissez le nom du lieu.';
        if (!d.address.trim()) errors[id('adresse')] = 'Saisissez l’adresse du lieu.';
        if (!d.communeInsee) errors[id('commune')] = 'Choisissez la commune.';
        return errors;
      },
      () => onSubmit(d),
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      {form.summary}
      <TextField id={id('nom')} label="Nom du lieu" value={d.name} onChange={(name) => set({ name })} error={form.errors[id('nom')]} />
      <TextField id={id('adresse')} label="Adresse" value={d.address} onChange={(address) => set({ address })} error={form.errors[id('adresse')]} />
      <SelectField
        id={id('commune')}
        label="Commune"
        value={d.communeInsee}
        onChange={(communeInsee) => set({ communeInsee, postalCode: communes.find((c) => c.inseeCode === communeInsee)?.postalCodes[0] ?? d.postalCode })}
        options={[{ value: '', label: 'Choisir…' }, ...communes.map((c) => ({ value: c.inseeCode, label: `${c.name} (${c.postalCodes.join(', ')})` }))]}
        error={form.errors[id('commune')]}
      />
      <TextField id={id('code-postal')} label="Code postal" value={d.postalCode} onChange={(postalCode) => set({ postalCode })} error={form.errors[id('code-postal')]} width="court" inputMode="numeric" />
      <OpeningHoursGrid id={id('horaires')} value={d.openingHours} onChange={(openingHours) => set({ openingHours })} error={form.errors[id('horaires')]} />
      <TextField id={id('telephone')} label="Téléphone du lieu" type="tel" optional value={d.phone} onChange={(phone) => set({ phone })} error={form.errors[id('telephone')]} width="moyen" />
      <div className="boutons">
        <button type="submit" disabled={form.submitting}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="bouton--secondaire" onClick={onCancel}>
            Annuler
          </button>
        ) : null}
      </div>
    </form>
  );
}

const draftOf = (s?: Site): SiteDraft => ({
  name: s?.name ?? '', address: s?.address ?? '', communeInsee: s?.communeInsee ?? '', postalCode: s?.postalCode ?? '', openingHours: s?.openingHours ?? '', phone: s?.phone ?? '',
});
const bodyOf = (d: SiteDraft) => ({
  name: d.name.trim(), address: d.address.trim(), communeInsee: d.communeInsee, postalCode: d.postalCode.trim(), openingHours: d.openingHours.trim() || null, phone: d.phone.trim() || null,
});

/** "Lieux et horaires": where the structure welcomes people, with opening hours as residents see them. */
export default function Sites() {
  const { me } = useSession();
  const structureId = me?.structure?.id ?? '';
  const sites = useLoad(() => structureApi.sites(structureId), [structureId]);
  const communes = useLoad(() => api.get<Commune[]>('/api/communes'), []);
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [message, setMessage] = useState<{ kind: 'succes' | 'erreur'; text: string } | null>(null);
  const now = new Date();

  const remove = async (s: Site) => {
    try {
      await structureApi.deleteSite(structureId, s.id);
      setMessage({ kind: 'succes', text: `Le lieu « ${s.name} » a été supprimé.` });
      await sites.reload();
    } catch (e) {
      setMessage({ kind: 'erreur', text: e instanceof Error ? e.message : 'La suppression n’a pas abouti.' });
    }
  };

  return (
    <Page title="Lieux et horaires" lead="Les adresses où la structure accueille les habitants. Les horaires sont affichés sur « Où utiliser mon pass ? ».">
      <div role="status">{message ? <Notice kind={message.kind}><p>{message.text}</p></Notice> : null}</div>
      {sites.error ? (
        <Notice kind="erreur">
          <p>{sites.error}</p>
        </Notice>
      ) : null}
      {!sites.data || !communes.data ? (
        <Loading />
      ) : (
        <>
          <ul className="cartes">
            {sites.data.map((s) => {
              const opening = openingView(s.openingHours, now);
              return (
                <li key={s.id} className="carte">
                  <h2>{s.name}</h2>
                  {editing === s.id ? (
                    <SiteForm
                      initial={draftOf(s)}
                      communes={communes.data!}
                      prefix={`lieu-${s.id}`}
                      submitLabel="Enregistrer le lieu"
                      onCancel={() => setEditing(null)}
                      onSubmit={async (d) => {
                        await structureApi.updateSite(structureId, s.id, bodyOf(d));
                        setEditing(null);
                        setMessage({ kind: 'succes', text: `Le lieu « ${d.name} » a été enregistré.` });
                        await sites.reload();
                      }}
                    />
                  ) : (
                    <>
                      <dl>
                        <dt>Adresse</dt>
                        <dd>
                          {s.address}, {s.postalCode} {s.communeName ?? s.communeInsee}
                        </dd>
                        <dt>Téléphone</dt>
                        <dd>{s.phone ? frenchPhone(s.phone) : '—'}</dd>
                        <dt>Horaires</dt>
                        <dd>
                          <span className="champ__aide">{opening.status.text}</span>
                          {opening.week.length ? (
                            <ul>
                              {opening.week.map((w) => (
                                <li key={w.day}>
                                  {w.day} : {w.hours}
                                </li>
                              ))}
                            </ul>
                          ) : null}
                          <p>{openingHoursSentence(s.openingHours) ?? 'Horaires non communiqués.'}</p>
                        </dd>
                      </dl>
                      <div className="en-ligne">
                        <button type="button" className="bouton--secondaire" onClick={() => setEditing(s.id)}>
                          Modifier<span className="visuellement-cache"> le lieu {s.name}</span>
                        </button>
                        <button type="button" className="lien-bouton" onClick={() => void remove(s)}>
                          Supprimer<span className="visuellement-cache"> le lieu {s.name}</span>
                        </button>
                      </div>
                    </>
                  )}
                </li>
              );
            })}
          </ul>
          <h2>Ajouter un lieu</h2>
          {adding ? (
            <SiteForm
              initial={draftOf()}
              communes={communes.data}
              prefix="nouveau-lieu"
              submitLabel="Ajouter le lieu"
              onCancel={() => setAdding(false)}
              onSubmit={async (d) => {
                await structureApi.addSite(structureId, bodyOf(d));
                setAdding(false);
                setMessage({ kind: 'succes', text: `Le lieu « ${d.name} » a été ajouté.` });
                await sites.reload();
              }}
            />
          ) : (
            <div className="boutons">
              <button type="button" onClick={() => setAdding(true)}>
                Ajouter un lieu
              </button>
            </div>
          )}
        </>
      )}
    </Page>
  );
}
