import { useState, type FormEvent } from 'react';
import { dashboardsApi, type DashboardFilters } from '../../api/dashboards.ts';
import { Page } from '../../app/Page.tsx';
import { useSession } from '../../app/session.tsx';
import { SelectField, TextField } from '../../components/forms.tsx';
import { Loading, Notice } from '../../components/Notice.tsx';
import { DATASET_LABELS, datasetsFor, lastDayOf, MONTH, showsFunnel } from '../../presenters/dashboards.ts';
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
  const [filters, setFilters] = useState<DashboardFilters>({});
  const key = JSON.stringify(filters);
  const funnel = useLoad(() => (showsFunnel(role) ? dashboardsApi.funnel(filters) : Promise.resolve(null)), [key, role]);
  const people = useLoad(() => dashboardsApi.people(filters), [key]);
  const money = useLoad(() => dashboardsApi.money(filters), [key]);
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

  return (
    <Page title="Tableaux de bord" lead={people.data ? `Ce que couvrent ces chiffres : ${people.data.scope.label}.` : 'Les carnets, les personnes formées et l’argent du programme.'} wide>
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
      {error ? (
        <Notice kind="erreur" title="Chiffres indisponibles" live>
          <p>{error}</p>
        </Notice>
      ) : null}
      {showsFunnel(role) ? funnel.data ? <FunnelSection f={funnel.data} /> : error ? null : <Loading /> : null}
      {people.data ? <PeopleSection p={people.data} /> : error ? null : <Loading />}
      {people.data ? <EvaluationSection filters={filters} /> : null}
      {money.data ? <MoneySection m={money.data} /> : error ? null : <Loading />}

      <h2>Exports</h2>
      <p>Fichiers pour tableur, avec les mêmes filtres : CSV (Excel et LibreOffice en français) ou XLSX.</p>
      <ul>
        {datasetsFor(role).map((d) => (
          <li key={d}>
            {DATASET_LABELS[d]} :{' '}
            <a href={dashboardsApi.exportUrl(d, 'csv', filters)} download>
              CSV<span className="visuellement-cache"> — {DATASET_LABELS[d]}</span>
            </a>{' '}
            ·{' '}
            <a href={dashboardsApi.exportUrl(d, 'xlsx', filters)} download>
              XLSX<span className="visuellement-cache"> — {DATASET_LABELS[d]}</span>
            </a>
          </li>
        ))}
      </ul>
    </Page>
  );
}
