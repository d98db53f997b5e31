import { useEffect, useState, type FormEvent } from 'react';
import { dashboardsApi, type DashboardFilters } from '../../api/dashboards.ts';
import { Page } from '../../app/Page.tsx';
import { useSession } from '../../app/session.tsx';
import { SelectField, TextField } from '../../components/forms.tsx';
import { Loading, Notice } from '../../components/Notice.tsx';
import { currentCampaign, DATASET_LABELS, datasetsFor, lastDayOf, MONTH, showsFunnel } from '../../presenters/dashboards.ts';
import { frenchDate } from '../../presenters/format.ts';
import { useLoad } from '../finance/use-load.ts';
import { FunnelSection, MoneySection, PeopleSection } from './Sections.tsx';
import { EvaluationSection } from './EvaluationSection.tsx';

/** "Tableaux de bord": booklets handed out and used, people trained, money — for the actor's scope — and exports. */
export default function Dashboards() {
  const { me } = useSession();
  const role = me!.role;
  const campaigns = useLoad(() => dashboardsApi.campaigns(), []);
  const [draft, setDraft] = useState<{ campaignId?: string; fromMonth?: string; toMonth?: string }>({});
  const [monthError, setMonthError] = useState<{ from?: string; to?: string }>({});
  // The figures open on the current campaign (the open one, else the latest): a council asks about
  // this year's campaign, not every campaign mixed. Nothing is asked before that choice is known.
  const [filters, setFilters] = useState<DashboardFilters | null>(null);
  useEffect(() => {
    if (filters || (!campaigns.data && !campaigns.error)) return;
    const campaignId = currentCampaign(campaigns.data ?? [])?.id;
    setFilters({ campaignId });
    // A choice already made in the list is kept.
    setDraft((d) => (d.campaignId === undefined ? { ...d, campaignId } : d));
  }, [campaigns.data, campaigns.error, filters]);
  const key = JSON.stringify(filters);
  const funnel = useLoad(() => (filters && showsFunnel(role) ? dashboardsApi.funnel(filters) : Promise.resolve(null)), [key, role]);
  const people = useLoad(() => (filters ? dashboardsApi.people(filters) : Promise.resolve(null)), [key]);
  const money = useLoad(() => (filters ? dashboardsApi.money(filters) : Promise.resolve(null)), [key]);
  const error = funnel.error ?? people.error ?? money.error;

  // The period is made of whole months (the territory's figures are kept month by month).
  const apply = (e: FormEvent) => {
    e.preventDefault();
    const bad = (m?: string) => (m && !MONTH.test(m) ? 'Indiquez un mois sous la forme AAAA-MM, par exemple 2026-03.' : undefined);
    const errors = { from: bad(draft.fromMonth), to: bad(draft.toMonth) ?? (draft.fromMonth && draft.toMonth && draft.toMonth < draft.fromMonth ? 'Le mois de fin doit suivre le mois de début.' : undefined) };
    setMonthError(errors);
    if (errors.from || errors.to) return;
    setFilters({ campaignId: draft.campaignId || undefined, from: draft.fromMonth ? `${draft.fromMonth}-01` : undefined, to: draft.toMonth ? lastDayOf(draft.toMonth) : undefined });
  };

  const campaignName = filters?.campaignId ? (campaigns.data ?? []).find((c) => c.id === filters.campaignId)?.name : undefined;
  const coverage = `${campaignName ? `Campagne « ${campaignName} »` : 'Toutes les campagnes'}${
    filters?.from && filters.to ? ` — du ${frenchDate(filters.from)} au ${frenchDate(filters.to)}` : filters?.from ? ` — depuis le ${frenchDate(filters.from)}` : filters?.to ? ` — jusqu’au ${frenchDate(filters.to)}` : ''
  }`;

  return (
    <Page title="Tableaux de bord" lead={people.data ? `Ce que couvrent ces chiffres : ${people.data.scope.label}.` : 'Les carnets, les personnes formées et l’argent du programme.'} wide>
      {/* The report's heading on paper (the site's header and menu are not printed). */}
      <div className="rapport-entete">
        <p className="rapport-entete__titre">Rapport du pass numérique — {me!.territory.name}</p>
        <p>{coverage}</p>
        <p>Rapport établi le {frenchDate(new Date().toLocaleDateString('fr-CA', { timeZone: 'Europe/Paris' }))}</p>
      </div>
      <form className="filtres" onSubmit={apply} aria-label="Filtrer les tableaux de bord">
        <SelectField
          id="filtre-campagne"
          label="Campagne"
          value={draft.campaignId ?? ''}
          onChange={(campaignId) => setDraft((d) => ({ ...d, campaignId }))}
          options={[{ value: '', label: 'Toutes les campagnes' }, ...(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }))]}
        />
        <TextField id="filtre-du" label="Du mois" hint="AAAA-MM" type="month" optional value={draft.fromMonth ?? ''} error={monthError.from} onChange={(fromMonth) => setDraft((d) => ({ ...d, fromMonth }))} width="moyen" />
        <TextField id="filtre-au" label="Au mois (inclus)" hint="AAAA-MM" type="month" optional value={draft.toMonth ?? ''} error={monthError.to} onChange={(toMonth) => setDraft((d) => ({ ...d, toMonth }))} width="moyen" />
        <div className="boutons">
          <button type="submit">Afficher</button>
        </div>
      </form>
      {filters ? (
        <div className="rapport-actions">
          <p>
            Vous affichez : <strong>{coverage}</strong>.
          </p>
          <p>
            <a className="bouton" href={dashboardsApi.reportUrl(filters)} download>
              Télécharger le rapport (PDF)
            </a>{' '}
            <button type="button" className="bouton--secondaire" onClick={() => window.print()}>
              Imprimer cette page
            </button>
          </p>
        </div>
      ) : null}
      {error ? (
        <Notice kind="erreur" title="Chiffres indisponibles" live>
          <p>{error}</p>
        </Notice>
      ) : null}
      {showsFunnel(role) ? funnel.data ? <FunnelSection f={funnel.data} /> : error ? null : <Loading /> : null}
      {people.data ? <PeopleSection p={people.data} /> : error ? null : <Loading />}
      {people.data && filters ? <EvaluationSection filters={filters} /> : null}
      {money.data ? <MoneySection m={money.data} /> : error ? null : <Loading />}

      <section className="rapport-exports" aria-labelledby="titre-exports">
      <h2 id="titre-exports">Exports</h2>
      <p>Fichiers pour tableur, avec les mêmes filtres : CSV (Excel et LibreOffice en français) ou XLSX.</p>
      <ul>
        {datasetsFor(role).map((d) => (
          <li key={d}>
            {DATASET_LABELS[d]} :{' '}
            <a href={dashboardsApi.exportUrl(d, 'csv', filters ?? {})} download>
              CSV<span className="visuellement-cache"> — {DATASET_LABELS[d]}</span>
            </a>{' '}
            ·{' '}
            <a href={dashboardsApi.exportUrl(d, 'xlsx', filters ?? {})} download>
              XLSX<span className="visuellement-cache"> — {DATASET_LABELS[d]}</span>
            </a>
          </li>
        ))}
      </ul>
      </section>
    </Page>
  );
}
