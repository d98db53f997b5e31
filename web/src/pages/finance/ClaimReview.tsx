import { useState, type FormEvent } from 'react';
import { themeLabel } from '../../../../src/domain/themes.ts';
import { financeApi } from '../../api/finance.ts';
import type { Claim } from '../../api/structure.ts';
import { Page } from '../../app/Page.tsx';
import { Link } from '../../app/router.tsx';
import { useForm } from '../../components/forms.tsx';
import { Loading, Notice } from '../../components/Notice.tsx';
import { euros, frenchDate, frenchDateTime } from '../../presenters/format.ts';
import { claimBadge, countAndAmount, lineBadge, serviceWords } from '../../presenters/money.ts';
import type { PageProps } from '../../routes.ts';
import { Badge, Table } from './parts.tsx';
import { useLoad } from './use-load.ts';

function Summary({ claim }: { claim: Claim }) {
  const b = claimBadge(claim);
  return (
    <dl className="recap">
      <dt>Structure</dt>
      <dd>
        {claim.structure.name} (SIRET {claim.structure.siret})
      </dd>
      <dt>Campagne</dt>
      <dd>{claim.campaign.name}</dd>
      <dt>État</dt>
      <dd>
        <Badge tone={b.tone}>{b.text}</Badge>
      </dd>
      <dt>Transmise le</dt>
      <dd>{claim.submittedAt ? frenchDateTime(claim.submittedAt) : '—'}</dd>
      <dt>Attestation</dt>
      <dd>{claim.attestation ?? 'pas encore signée'}</dd>
      <dt>Lignes</dt>
      <dd>
        {countAndAmount(claim.totals.pending.count, claim.totals.pending.amountCents)} à examiner ; {countAndAmount(claim.totals.approved.count, claim.totals.approved.amountCents)} approuvés ;{' '}
        {countAndAmount(claim.totals.rejected.count, claim.totals.rejected.amountCents)} rejetés
      </dd>
    </dl>
  );
}

/** Finance: review one claim — approve it, rejecting lines with a written reason. */
export default function ClaimReview({ params }: PageProps) {
  const { data: claim, error, setData } = useLoad(() => financeApi.claim(params.id), [params.id]);
  const [rejected, setRejected] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const form = useForm(() => null);

  if (error) {
    return (
      <Page title="Demande de remboursement">
        <Notice kind="erreur">
          <p>{error}</p>
        </Notice>
      </Page>
    );
  }
  if (!claim) return <Loading />;
  const reviewable = claim.status === 'submitted';

  const toggle = (lineId: string, on: boolean) =>
    setRejected((r) => {
      const next = { ...r };
      if (on) next[lineId] = '';
      else delete next[lineId];
      return next;
    });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const result = await form.run(
      () => Object.fromEntries(Object.entries(rejected).filter(([, reason]) => reason.trim().length < 5).map(([id]) => [`motif-${id}`, 'Écrivez le motif du rejet (la structure le lira).'])),
      () => financeApi.review(claim.id, Object.entries(rejected).map(([lineId, reason]) => ({ lineId, reason: reason.trim() }))),
    );
    if (result) {
      setData(result);
      setRejected({});
      setDone(
        `Demande examinée : ${countAndAmount(result.totals.approved.count, result.totals.approved.amountCents)} approuvés${result.totals.rejected.count ? `, ${countAndAmount(result.totals.rejected.count, result.totals.rejected.amountCents)} rejetés` : ''}. Elle peut être mise en paiement.`,
      );
    }
  };

  const rejectCount = Object.keys(rejected).length;
  return (
    <Page title={`Demande de ${claim.structure.name} — ${claim.periodLabel}`} wide>
      <p>
        <Link to="/finance/demandes">Revenir aux demandes</Link>
      </p>
      <div role="status">
        {done ? (
          <Notice kind="succes" title="Demande examinée">
            <p>{done}</p>
            <p>
              <Link to="/finance/paiements">Créer un ordre de paiement</Link>
            </p>
          </Notice>
        ) : null}
      </div>
      <Summary claim={claim} />
      <form onSubmit={submit} noValidate>
        {form.summary}
        <Table id="titre-lignes" caption={`${claim.lines.length} ligne${claim.lines.length > 1 ? 's' : ''}`}>
          <thead>
            <tr>
              <th scope="col">Ticket</th>
              <th scope="col">Utilisé le</th>
              <th scope="col">Accompagnement</th>
              <th scope="col" className="montant">
                Montant
              </th>
              <th scope="col">{reviewable ? 'Décision' : 'État'}</th>
            </tr>
          </thead>
          <tbody>
            {claim.lines.map((l) => {
              const lb = lineBadge(l);
              const isRejected = l.id in rejected;
              return (
                <tr key={l.id}>
                  <th scope="row">{l.ticketSerial}</th>
                  <td>{frenchDateTime(l.redeemedAt)}</td>
                  <td>
                    {serviceWords(l, themeLabel)}
                    <span className="champ__aide">{l.siteName}</span>
                    {l.contestNote ? <span className="champ__aide">Rejet contesté par la structure : {l.contestNote}</span> : null}
                  </td>
                  <td className="montant">{euros(l.amountCents)}</td>
                  <td>
                    {reviewable && l.status === 'pending' ? (
                      <>
                        <div className="case">
                          <input type="checkbox" id={`rejeter-${l.id}`} checked={isRejected} onChange={(e) => toggle(l.id, e.target.checked)} />
                          <label htmlFor={`rejeter-${l.id}`}>
                            Rejeter<span className="visuellement-cache"> le ticket {l.ticketSerial}</span>
                          </label>
                        </div>
                        {isRejected ? (
                          <div className={`champ${form.errors[`motif-${l.id}`] ? ' champ--erreur' : ''}`}>
                            <label className="champ__libelle" htmlFor={`motif-${l.id}`}>
                              Motif du rejet<span className="visuellement-cache"> du ticket {l.ticketSerial}</span>
                            </label>
                            {form.errors[`motif-${l.id}`] ? (
                              <p className="champ__erreur" id={`motif-${l.id}-erreur`}>
                                {form.errors[`motif-${l.id}`]}
                              </p>
                            ) : null}
                            <input
                              id={`motif-${l.id}`}
                              className="champ__saisie"
                              value={rejected[l.id]}
                              onChange={(e) => setRejected((r) => ({ ...r, [l.id]: e.target.value }))}
                              aria-invalid={form.errors[`motif-${l.id}`] ? true : undefined}
                              aria-describedby={form.errors[`motif-${l.id}`] ? `motif-${l.id}-erreur` : undefined}
                            />
                          </div>
                        ) : null}
                      </>
                    ) : (
                      <>
                        <Badge tone={lb.tone} icon={lb.icon}>
                          {lb.text}
                        </Badge>
                        {l.rejectReason ? <span className="champ__aide">Motif : {l.rejectReason}</span> : null}
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </Table>
        {reviewable ? (
          <div className="boutons">
            <button type="submit" disabled={form.submitting}>
              {rejectCount ? `Approuver la demande en rejetant ${rejectCount} ligne${rejectCount > 1 ? 's' : ''}` : 'Approuver toute la demande'}
            </button>
          </div>
        ) : (
          <p>Date limite des demandes de la campagne : {frenchDate(claim.campaign.claimDeadline)}.</p>
        )}
      </form>
    </Page>
  );
}
