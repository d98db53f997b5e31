import { useState, type FormEvent } from 'react';
import { ATTESTATION_TEXT } from '../../../../src/domain/claims.ts';
import { themeLabel } from '../../../../src/domain/themes.ts';
import type { PageProps } from '../../routes.ts';
import { structureApi, type Claim, type ClaimLine } from '../../api/structure.ts';
import { Page } from '../../app/Page.tsx';
import { Link } from '../../app/router.tsx';
import { Checkbox, TextField, useForm } from '../../components/forms.tsx';
import { Loading, Notice } from '../../components/Notice.tsx';
import { euros, frenchDate, frenchDateTime } from '../../presenters/format.ts';
import { claimAskedCents, claimBadge, countAndAmount, lineBadge, serviceWords } from '../../presenters/money.ts';
import { Badge, Table } from '../finance/parts.tsx';
import { useLoad } from '../finance/use-load.ts';

function ContestForm({ claim, line, onDone }: { claim: Claim; line: ClaimLine; onDone: (c: Claim) => void }) {
  const id = `contester-${line.id}`;
  const [note, setNote] = useState('');
  const form = useForm((f) => (f === 'note' ? id : null));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const done = await form.run(
      () => (note.trim().length < 5 ? { [id]: 'Expliquez en quelques mots pourquoi ce ticket doit être payé.' } : {}),
      () => structureApi.contest(claim.id, line.id, note.trim()),
    );
    if (done) onDone(done);
  };
  return (
    <form onSubmit={submit} noValidate>
      {form.summary}
      <TextField id={id} label={`Contester le rejet du ticket ${line.ticketSerial}`} hint="Le ticket repart dans la demande du mois en cours, avec votre explication." value={note} onChange={setNote} error={form.errors[id]} />
      <div className="boutons">
        <button type="submit" className="bouton--secondaire" disabled={form.submitting}>
          Contester<span className="visuellement-cache"> le rejet du ticket {line.ticketSerial}</span>
        </button>
      </div>
    </form>
  );
}

/** One claim: its lines, the attestation and submission of a draft, contesting a rejected line. */
export default function ClaimDetail({ params }: PageProps) {
  const { data: claim, error, setData } = useLoad(() => structureApi.claim(params.id), [params.id]);
  const [attest, setAttest] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm((f) => (f === 'attestation' ? 'attestation' : null));

  if (error) {
    return (
      <Page title="Demande de remboursement">
        <Notice kind="erreur" title="Demande introuvable">
          <p>{error}</p>
        </Notice>
        <p>
          <Link to="/structure/remboursements">Revenir aux remboursements</Link>
        </p>
      </Page>
    );
  }
  if (!claim) return <Loading />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const done = await form.run(
      (): Record<string, string> => (attest ? {} : { attestation: 'Cochez l’attestation sur l’honneur pour transmettre la demande.' }),
      () => structureApi.submit(claim.id),
    );
    if (done) {
      setData(done);
      setMessage('La demande a été transmise au service financier. Elle ne peut plus être modifiée.');
    }
  };
  const withdraw = async (line: ClaimLine) => {
    try {
      setData(await structureApi.withdrawLine(claim.id, line.id));
      setMessage(`Le ticket ${line.ticketSerial} a été retiré de la demande : il reste « utilisé » et pourra être demandé plus tard.`);
    } catch (e) {
      setMessage(e instanceof Error ? e.message : 'Le retrait n’a pas abouti.');
    }
  };

  const b = claimBadge(claim);
  const title = `Demande de ${claim.periodLabel}`;
  return (
    <Page title={title} lead={`${claim.structure.name} — ${claim.campaign.name}`} wide>
      <p>
        <Link to="/structure/remboursements">Revenir aux remboursements</Link>
      </p>
      <div role="status">{message ? <Notice kind="succes"><p>{message}</p></Notice> : null}</div>
      <dl className="recap">
        <dt>État</dt>
        <dd>
          <Badge tone={b.tone}>{b.text}</Badge>
        </dd>
        <dt>Montant demandé</dt>
        <dd>{countAndAmount(claim.totals.pending.count + claim.totals.approved.count, claimAskedCents(claim.totals))}</dd>
        {claim.totals.approved.count ? (
          <>
            <dt>Approuvé</dt>
            <dd>{countAndAmount(claim.totals.approved.count, claim.totals.approved.amountCents)}</dd>
          </>
        ) : null}
        {claim.totals.rejected.count ? (
          <>
            <dt>Rejeté</dt>
            <dd>{countAndAmount(claim.totals.rejected.count, claim.totals.rejected.amountCents)}</dd>
          </>
        ) : null}
        <dt>Date limite des demandes</dt>
        <dd>{frenchDate(claim.campaign.claimDeadline)}</dd>
        {claim.submittedAt ? (
          <>
            <dt>Transmise le</dt>
            <dd>{frenchDateTime(claim.submittedAt)}</dd>
          </>
        ) : null}
      </dl>

      <Table id="titre-lignes" caption={`${claim.lines.length} ticket${claim.lines.length > 1 ? 's' : ''} dans cette demande`}>
        <thead>
          <tr>
            <th scope="col">Ticket</th>
            <th scope="col">Utilisé le</th>
            <th scope="col">Accompagnement</th>
            <th scope="col" className="montant">
              Montant
            </th>
            <th scope="col">État</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {claim.lines.map((l) => {
            const lb = lineBadge(l);
            return (
              <tr key={l.id}>
                <th scope="row">{l.ticketSerial}</th>
                <td>{frenchDateTime(l.redeemedAt)}</td>
                <td>
                  {serviceWords(l, themeLabel)}
                  <span className="champ__aide">{l.siteName}</span>
                </td>
                <td className="montant">{euros(l.amountCents)}</td>
                <td>
                  <Badge tone={lb.tone} icon={lb.icon}>
                    {lb.text}
                  </Badge>
                  {l.rejectReason ? <span className="champ__aide">Motif : {l.rejectReason}</span> : null}
                  {l.contestNote ? <span className="champ__aide">Contesté : {l.contestNote}</span> : null}
                </td>
                <td>
                  {claim.status === 'draft' && l.status === 'pending' ? (
                    <button type="button" className="lien-bouton" onClick={() => void withdraw(l)}>
                      Retirer<span className="visuellement-cache"> le ticket {l.ticketSerial}</span>
                    </button>
                  ) : null}
                  {l.status === 'rejected' && !l.contestedAt ? <ContestForm claim={claim} line={l} onDone={(c) => setData(c)} /> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </Table>

      {claim.status === 'draft' ? (
        <form onSubmit={submit} noValidate>
          <h2>Transmettre la demande</h2>
          {form.summary}
          <Checkbox id="attestation" label={ATTESTATION_TEXT} checked={attest} onChange={setAttest} error={form.errors['attestation']} />
          <div className="boutons">
            <button type="submit" disabled={form.submitting}>
              Transmettre la demande au service financier
            </button>
          </div>
        </form>
      ) : null}
    </Page>
  );
}
