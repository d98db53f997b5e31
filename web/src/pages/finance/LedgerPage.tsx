import { financeApi } from '../../api/finance.ts';
import { Page } from '../../app/Page.tsx';
import { Loading, Notice } from '../../components/Notice.tsx';
import { euros, frenchDate } from '../../presenters/format.ts';
import { countAndAmount } from '../../presenters/money.ts';
import { Download, LedgerTable, Table } from './parts.tsx';
import { useLoad } from './use-load.ts';

/** The territory's ledger: totals, per structure and campaign, and per campaign against its budget. */
export default function LedgerPage() {
  const ledger = useLoad(() => financeApi.ledger(), []);
  const campaigns = useLoad(() => financeApi.campaignLedger(), []);
  return (
    <Page title="Grand livre" lead="Où en est l’argent du programme : tickets utilisés, demandés, approuvés, payés et rejetés, par structure et par campagne." wide>
      {ledger.error || campaigns.error ? (
        <Notice kind="erreur">
          <p>{ledger.error ?? campaigns.error}</p>
        </Notice>
      ) : null}
      <h2>Tout le territoire</h2>
      {ledger.data ? <LedgerTable id="titre-total" caption="Totaux, toutes structures et campagnes" totals={ledger.data.totals} /> : <Loading />}

      <h2>Par campagne</h2>
      {campaigns.data ? (
        <Table id="titre-campagnes" caption="Budget et valeur des tickets, par campagne">
          <thead>
            <tr>
              <th scope="col">Campagne</th>
              <th scope="col" className="montant">
                Budget
              </th>
              <th scope="col" className="montant">
                Remis
              </th>
              <th scope="col" className="montant">
                Utilisés
              </th>
              <th scope="col" className="montant">
                Payés
              </th>
              <th scope="col" className="montant">
                Non utilisé
              </th>
              <th scope="col">Bilan final</th>
            </tr>
          </thead>
          <tbody>
            {campaigns.data.map((c) => (
              <tr key={c.campaignId}>
                <th scope="row">
                  {c.campaignName}
                  <span className="champ__aide">Demandes jusqu’au {frenchDate(c.claimDeadline)}</span>
                </th>
                <td className="montant">{euros(c.budgetCents)}</td>
                <td className="montant">{countAndAmount(c.issued.count, c.issued.amountCents)}</td>
                <td className="montant">{countAndAmount(c.redeemed.count, c.redeemed.amountCents)}</td>
                <td className="montant">{countAndAmount(c.paid.count, c.paid.amountCents)}</td>
                <td className="montant">
                  {euros(c.unusedCents)}
                  <span className="champ__aide">{c.unusedIsFinal ? 'définitif' : 'provisoire'}</span>
                </td>
                <td>
                  {c.claimsClosed ? (
                    <>
                      <Download href={financeApi.finalReportUrl(c.campaignId, 'pdf')}>Bilan {c.campaignName} (PDF)</Download>
                      <br />
                      <Download href={financeApi.finalReportUrl(c.campaignId, 'csv')}>Bilan {c.campaignName} (CSV)</Download>
                    </>
                  ) : (
                    'après la date limite des demandes'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : (
        <Loading />
      )}

      <h2>Par structure</h2>
      {ledger.data ? (
        <Table id="titre-structures" caption="Par structure et campagne">
          <thead>
            <tr>
              <th scope="col">Structure</th>
              <th scope="col" className="montant">
                Utilisés, non demandés
              </th>
              <th scope="col" className="montant">
                Demandés
              </th>
              <th scope="col" className="montant">
                Approuvés
              </th>
              <th scope="col" className="montant">
                Payés
              </th>
              <th scope="col" className="montant">
                Rejetés
              </th>
            </tr>
          </thead>
          <tbody>
            {ledger.data.rows.map((r) => (
              <tr key={`${r.structureId}-${r.campaignId}`}>
                <th scope="row">
                  {r.structureName}
                  <span className="champ__aide">{r.campaignName}</span>
                </th>
                <td className="montant">{euros(r.redeemedUnclaimed.amountCents)}</td>
                <td className="montant">{euros(r.claimed.amountCents)}</td>
                <td className="montant">{euros(r.approved.amountCents)}</td>
                <td className="montant">{euros(r.paid.amountCents)}</td>
                <td className="montant">{euros(r.rejected.amountCents)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : (
        <Loading />
      )}
    </Page>
  );
}
