import { useState, type FormEvent } from 'react';
import { agentApi, type PersonBooklet, type ReplaceResult } from '../../../api/agent.ts';
import { RadioGroup, TextField, useForm } from '../../../components/forms.tsx';
import { Notice } from '../../../components/Notice.tsx';
import { euros, frenchDate, frenchDateTime } from '../../../presenters/format.ts';

/** One booklet: its state, each ticket, reprint (same codes) and "lost: replace it". */
export function BookletCard({ booklet, onChanged }: { booklet: PersonBooklet; onChanged: () => void }) {
  const [declaring, setDeclaring] = useState(false);
  const [reason, setReason] = useState('');
  const [mode, setMode] = useState('replace');
  const [done, setDone] = useState<ReplaceResult | null>(null);
  const form = useForm((f) => (f === 'reason' ? `motif-${booklet.id}` : f === 'replace' ? `suite-${booklet.id}` : null));
  const live = booklet.status === 'issued' && !booklet.expired;
  const usable = booklet.status === 'issued';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const result = await form.run(
      (): Record<string, string> => (reason.trim().length < 5 ? { [`motif-${booklet.id}`]: 'Indiquez ce qui est arrivé au carnet (perdu, volé, abîmé…).' } : {}),
      () => agentApi.replace(booklet.id, { reason: reason.trim(), replace: mode === 'replace' }),
    );
    if (result) {
      setDone(result);
      setDeclaring(false);
      onChanged();
    }
  };

  return (
    <li className="carte">
      <h3>
        Carnet n° {booklet.serial} — {booklet.campaignName}
      </h3>
      <dl>
        <dt>État</dt>
        <dd>
          {booklet.statusLabel}
          {booklet.status === 'issued' ? (booklet.expired ? ' (campagne terminée)' : `, valable jusqu’au ${frenchDate(booklet.validUntil)}`) : ''}
          {booklet.cancelReason ? ` — motif : ${booklet.cancelReason}` : ''}
        </dd>
        <dt>Remis</dt>
        <dd>
          {booklet.issuedAt ? `le ${frenchDate(booklet.issuedAt)}` : '—'}
          {booklet.organisationName ? ` par ${booklet.organisationName}` : ''}
        </dd>
        <dt>Tickets</dt>
        <dd>
          {booklet.unusedTickets} utilisable{booklet.unusedTickets > 1 ? 's' : ''} sur {booklet.totalTickets}, {euros(booklet.faceValueCents)} chacun
        </dd>
        <dt>Impressions</dt>
        <dd>
          {booklet.prints === 0 ? 'jamais imprimé depuis l’application' : `${booklet.prints} fois, la dernière le ${frenchDateTime(booklet.lastPrintedAt)}`}
        </dd>
      </dl>
      <div className="tableau" tabIndex={0} role="region" aria-labelledby={`tickets-${booklet.id}`}>
        <table>
          <caption id={`tickets-${booklet.id}`}>Les tickets du carnet n° {booklet.serial}</caption>
          <thead>
            <tr>
              <th scope="col">Ticket</th>
              <th scope="col">État</th>
            </tr>
          </thead>
          <tbody>
            {booklet.tickets.map((t) => (
              <tr key={t.serial}>
                <th scope="row">{t.serial}</th>
                <td>{t.stateLabel}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {done ? (
        <Notice kind="succes" title={done.replacement ? `Carnet de remplacement n° ${done.replacement.serial} remis` : 'Carnet annulé'} live>
          <p>
            {done.cancelledTickets} ticket{done.cancelledTickets > 1 ? 's' : ''} du carnet perdu {done.cancelledTickets > 1 ? 'sont bloqués' : 'est bloqué'} : ils ne pourront plus servir.
            {done.replacement ? ` Le nouveau carnet porte ${done.replacement.tickets.length} ticket${done.replacement.tickets.length > 1 ? 's' : ''}, valables jusqu’au ${frenchDate(done.replacement.validUntil)}.` : ''}
          </p>
          {done.replacement ? (
            <p>
              <a className="bouton" href={agentApi.pdfUrl(done.replacement.id)} download={`carnet-${done.replacement.serial}.pdf`}>
                Imprimer le carnet de remplacement n° {done.replacement.serial}
              </a>
            </p>
          ) : null}
        </Notice>
      ) : null}
      {usable ? (
        <div className="boutons">
          <a className="bouton bouton--secondaire" href={agentApi.pdfUrl(booklet.id)} download={`carnet-${booklet.serial}.pdf`}>
            Réimprimer le carnet n° {booklet.serial} (mêmes codes)
          </a>
          {live && !declaring ? (
            <button type="button" className="bouton--secondaire" onClick={() => setDeclaring(true)}>
              Déclarer le carnet n° {booklet.serial} perdu
            </button>
          ) : null}
        </div>
      ) : null}
      {declaring ? (
        <form onSubmit={submit} noValidate aria-labelledby={`perte-${booklet.id}`}>
          <h4 id={`perte-${booklet.id}`}>Carnet n° {booklet.serial} perdu, volé ou abîmé</h4>
          <p>Les tickets pas encore utilisés seront bloqués. Le carnet de remplacement reprend seulement ces tickets, avec de nouveaux codes.</p>
          {form.summary}
          <TextField id={`motif-${booklet.id}`} label="Ce qui est arrivé" hint="Par exemple : perdu lors d’un déménagement. N’écrivez pas de nom." value={reason} onChange={setReason} error={form.errors[`motif-${booklet.id}`]} />
          <RadioGroup
            id={`suite-${booklet.id}`}
            legend="Que faire ensuite ?"
            value={mode}
            onChange={setMode}
            error={form.errors[`suite-${booklet.id}`]}
            choices={[
              { value: 'replace', label: 'Remettre un carnet de remplacement', hint: 'Si la campagne le prévoit.' },
              { value: 'cancel', label: 'Seulement bloquer ce carnet' },
            ]}
          />
          <div className="boutons">
            <button type="submit" className="bouton--danger" disabled={form.submitting}>
              Bloquer le carnet n° {booklet.serial}
              {mode === 'replace' ? ' et remettre le remplacement' : ''}
            </button>
            <button type="button" className="bouton--secondaire" onClick={() => setDeclaring(false)}>
              Annuler
            </button>
          </div>
        </form>
      ) : null}
    </li>
  );
}
