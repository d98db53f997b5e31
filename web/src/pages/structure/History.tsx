import { useState, type FormEvent } from 'react';
import { REDEMPTION_STATE_LABELS, REDEMPTION_STATES } from '../../../../src/domain/redemption-state.ts';
import { mediatorApi, type HistoryFilter } from '../../api/mediator.ts';
import { Page } from '../../app/Page.tsx';
import { SelectField, TextField } from '../../components/forms.tsx';
import { Loading, Notice } from '../../components/Notice.tsx';
import { euros, frenchDateTime } from '../../presenters/format.ts';
import { Table } from '../finance/parts.tsx';
import { useLoad } from '../finance/use-load.ts';

const STATES = [{ value: '', label: 'Tous les états' }, ...REDEMPTION_STATES.map((value) => ({ value, label: REDEMPTION_STATE_LABELS[value] }))];

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The manager's history of the structure's redemptions: a month at a time, filtered, exportable. */
export default function History() {
  const [filter, setFilter] = useState<HistoryFilter>({});
  const [draft, setDraft] = useState<HistoryFilter>({});
  const [monthError, setMonthError] = useState<string | undefined>();
  const { data, error } = useLoad(() => mediatorApi.history(filter), [filter]);
  const month = draft.month ?? data?.month ?? '';

  const apply = (e: FormEvent) => {
    e.preventDefault();
    if (month && !MONTH.test(month)) return setMonthError('Le mois s’écrit AAAA-MM, par exemple 2026-03.');
    setMonthError(undefined);
    setFilter({ ...draft, month: month || undefined });
  };

  return (
    <Page title="Historique des utilisations" lead="Les tickets utilisés dans votre structure, mois par mois : où, par qui, et où en est leur remboursement.">
      <form className="filtres" onSubmit={apply} aria-label="Filtrer l’historique">
        <TextField id="historique-mois" label="Mois" hint="AAAA-MM" type="month" value={month} error={monthError} onChange={(m) => setDraft((d) => ({ ...d, month: m }))} width="moyen" />
        <SelectField id="historique-lieu" label="Lieu" value={draft.siteId ?? ''} onChange={(siteId) => setDraft((d) => ({ ...d, siteId: siteId || undefined }))} options={[{ value: '', label: 'Tous les lieux' }, ...(data?.sites ?? []).map((s) => ({ value: s.id, label: s.name }))]} />
        <SelectField id="historique-mediateur" label="Médiateur ou médiatrice" value={draft.mediatorId ?? ''} onChange={(mediatorId) => setDraft((d) => ({ ...d, mediatorId: mediatorId || undefined }))} options={[{ value: '', label: 'Toute l’équipe' }, ...(data?.mediators ?? []).map((m) => ({ value: m.id, label: m.name }))]} />
        <SelectField id="historique-etat" label="État" value={draft.state ?? ''} onChange={(state) => setDraft((d) => ({ ...d, state: (state || undefined) as HistoryFilter['state'] }))} options={STATES} />
        <div className="boutons">
          <button type="submit">Afficher</button>
        </div>
      </form>
      {error ? (
        <Notice kind="erreur" title="Chargement impossible">
          <p>{error}</p>
        </Notice>
      ) : null}
      {!data ? (
        error ? null : <Loading />
      ) : (
        <>
          <p role="status">
            {data.redemptions.length === 0
              ? 'Aucune utilisation pour ce choix.'
              : `${data.redemptions.length} utilisation${data.redemptions.length > 1 ? 's' : ''}, ${data.ticketCount} ticket${data.ticketCount > 1 ? 's' : ''}, ${euros(data.totalCents)}.`}
          </p>
          <p>
            <a href={mediatorApi.historyCsvUrl(filter)} download>
              Télécharger cette liste pour un tableur (CSV)
            </a>
          </p>
          {data.redemptions.length ? (
            <Table id="historique-table" caption={`Utilisations du mois ${data.month}`}>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Lieu</th>
                  <th scope="col">Par</th>
                  <th scope="col">Carnet</th>
                  <th scope="col">Accompagnement</th>
                  <th scope="col" className="montant">
                    Montant
                  </th>
                  <th scope="col">État</th>
                </tr>
              </thead>
              <tbody>
                {data.redemptions.map((r) => (
                  <tr key={r.redemptionId}>
                    <td>{frenchDateTime(r.redeemedAt)}</td>
                    <td>{r.service.site.name}</td>
                    <td>{r.by}</td>
                    <td>{r.bookletSerial}</td>
                    <td>
                      {r.service.formatLabel}, {r.service.durationMinutes} min — {r.service.themes.map((t) => t.label).join(', ')}
                    </td>
                    <td className="montant">{euros(r.totalCents)}</td>
                    <td>{r.stateLabel}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          ) : null}
        </>
      )}
    </Page>
  );
}
