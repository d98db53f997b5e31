import { useState } from 'react';
import { structureApi } from '../../api/structure.ts';
import { Page } from '../../app/Page.tsx';
import { Link } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { Loading, Notice } from '../../components/Notice.tsx';
import { euros, frenchDate, frenchDateTime } from '../../presenters/format.ts';
import { claimAskedCents, claimBadge, countAndAmount } from '../../presenters/money.ts';
import { Badge, Download, LedgerTable, Table } from '../finance/parts.tsx';
import { useLoad } from '../finance/use-load.ts';

/** "Remboursements": what the structure is owed, its monthly claims, rejected lines, statements. */
export default function Claims() {
  const { me } = useSession();
  const structureId = me?.structure?.id ?? '';
  const ledger = useLoad(() => structureApi.ledger({ structureId }), [structureId]);
  const claims = useLoad(() => structureApi.claims({ structureId }), [structureId]);
  const [assembling, setAssembling] = useState(false);
  const [assembled, setAssembled] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const assemble = async () => {
    setAssembling(true);
    setError(null);
    try {
      const r = await structureApi.assemble();
      setAssembled(
        r.linesAdded === 0
          ? 'Aucun nouveau ticket à demander : tous les tickets utilisés sont déjà dans une demande.'
          : `${r.linesAdded} ticket${r.linesAdded > 1 ? 's' : ''} ajouté${r.linesAdded > 1 ? 's' : ''} aux demandes en préparation.`,
      );
      await Promise.all([ledger.reload(), claims.reload()]);
    } catch (e) {
      setError(e instanceof Error ? e.message : 'La préparation n’a pas abouti.');
    } finally {
      setAssembling(false);
    }
  };

  const notice = ledger.data?.structure?.bankNotice;
  return (
    <Page title="Remboursements" lead="Ce que la structure a reçu en tickets, ce qui lui est dû et ce qui a été payé. Une demande par mois et par campagne." wide>
      {notice ? (
        <Notice kind="attention" title="Coordonnées bancaires à vérifier">
          <p>{notice}</p>
          <p>
            <Link to="/structure/banque">Voir les coordonnées bancaires</Link>
          </p>
        </Notice>
      ) : null}
      {ledger.error || claims.error ? (
        <Notice kind="erreur" title="Chargement impossible">
          <p>{ledger.error ?? claims.error}</p>
        </Notice>
      ) : null}

      <h2>En résumé</h2>
      {ledger.data ? <LedgerTable id="titre-grand-livre" caption="Grand livre de la structure, toutes campagnes" totals={ledger.data.totals} /> : <Loading />}

      <h2>Demandes de remboursement</h2>
      <p>Les tickets utilisés sont regroupés chaque nuit en une demande par mois. Vous pouvez aussi les regrouper tout de suite.</p>
      <div className="boutons">
        <button type="button" onClick={() => void assemble()} disabled={assembling}>
          {assembling ? 'Préparation…' : 'Préparer les demandes maintenant'}
        </button>
      </div>
      <div role="status">{assembled ? <Notice kind="succes">{<p>{assembled}</p>}</Notice> : null}</div>
      {error ? (
        <Notice kind="erreur" live>
          <p>{error}</p>
        </Notice>
      ) : null}
      {claims.data ? (
        claims.data.length ? (
          <Table id="titre-demandes" caption={`${claims.data.length} demande${claims.data.length > 1 ? 's' : ''}`}>
            <thead>
              <tr>
                <th scope="col">Mois</th>
                <th scope="col">Campagne</th>
                <th scope="col">État</th>
                <th scope="col" className="montant">
                  Demandé
                </th>
                <th scope="col" className="montant">
                  Rejeté
                </th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {claims.data.map((c) => {
                const b = claimBadge(c);
                return (
                  <tr key={c.id}>
                    <th scope="row">{c.periodLabel}</th>
                    <td>{c.campaign.name}</td>
                    <td>
                      <Badge tone={b.tone}>{b.text}</Badge>
                      {c.submittedAt ? <span className="champ__aide">Transmise le {frenchDateTime(c.submittedAt)}</span> : null}
                    </td>
                    <td className="montant">{countAndAmount(c.totals.pending.count + c.totals.approved.count, claimAskedCents(c.totals))}</td>
                    <td className="montant">{c.totals.rejected.count ? countAndAmount(c.totals.rejected.count, c.totals.rejected.amountCents) : '—'}</td>
                    <td>
                      <Link to={`/structure/remboursements/${c.id}`}>
                        {c.status === 'draft' ? 'Vérifier et transmettre' : 'Voir la demande'}
                        <span className="visuellement-cache"> de {c.periodLabel} ({c.campaign.name})</span>
                      </Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
        ) : (
          <p>Aucune demande pour le moment.</p>
        )
      ) : (
        <Loading />
      )}

      {ledger.data?.rejections.length ? (
        <>
          <h2>Lignes rejetées</h2>
          <p>Le service financier a rejeté ces tickets. Si vous n’êtes pas d’accord, ouvrez la demande et contestez la ligne avec une explication.</p>
          <Table id="titre-rejets" caption="Tickets rejetés">
            <thead>
              <tr>
                <th scope="col">Ticket</th>
                <th scope="col">Demande</th>
                <th scope="col">Motif</th>
                <th scope="col" className="montant">
                  Montant
                </th>
              </tr>
            </thead>
            <tbody>
              {ledger.data.rejections.map((r) => (
                <tr key={r.lineId}>
                  <th scope="row">{r.ticketSerial}</th>
                  <td>
                    <Link to={`/structure/remboursements/${r.claimId}`}>
                      {r.periodLabel} — {r.campaignName}
                    </Link>
                  </td>
                  <td>{r.reason ?? '—'}</td>
                  <td className="montant">{euros(r.amountCents)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </>
      ) : null}

      {ledger.data?.structure?.statements.length ? (
        <>
          <h2>Bordereaux de paiement</h2>
          <Table id="titre-bordereaux" caption="Bordereaux émis par le service financier">
            <thead>
              <tr>
                <th scope="col">Numéro</th>
                <th scope="col" className="montant">
                  Montant
                </th>
                <th scope="col">Paiement</th>
                <th scope="col">Document</th>
              </tr>
            </thead>
            <tbody>
              {ledger.data.structure.statements.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{s.number}</th>
                  <td className="montant">{euros(s.amountCents)}</td>
                  <td>{s.paymentDate ? <Badge tone="succes">Payé le {frenchDate(s.paymentDate)}{s.paymentReference ? ` (réf. ${s.paymentReference})` : ''}</Badge> : <Badge tone="info">En attente du virement</Badge>}</td>
                  <td>
                    <Download href={structureApi.statementPdfUrl(s.paymentOrderId, s.id)}>
                      Bordereau {s.number} (PDF)
                    </Download>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </>
      ) : null}
    </Page>
  );
}
