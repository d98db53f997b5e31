import { useState, type FormEvent } from 'react';
import { financeApi } from '../../api/finance.ts';
import { ConfirmationImport } from './ConfirmationImport.tsx';
import { Page } from '../../app/Page.tsx';
import { Link } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { TextField, useForm } from '../../components/forms.tsx';
import { Loading, Notice } from '../../components/Notice.tsx';
import { euros, frenchDate, frenchDateTime } from '../../presenters/format.ts';
import { groupIban } from '../../presenters/money.ts';
import type { PageProps } from '../../routes.ts';
import { Badge, Download, Table } from './parts.tsx';
import { useLoad } from './use-load.ts';

/** One payment order: its statements (PDF), the mandats file or the accounting CSV and SEPA file (by its mode); marking it paid. */
export default function PaymentOrderPage({ params }: PageProps) {
  const { data: order, error, setData } = useLoad(() => financeApi.order(params.id), [params.id]);
  const [paymentDate, setPaymentDate] = useState('');
  const [reference, setReference] = useState('');
  const [paid, setPaid] = useState(false);
  // The import's report stays on screen once the file has paid the whole order.
  const [confirmed, setConfirmed] = useState(false);
  const [released, setReleased] = useState(false);
  const [releaseError, setReleaseError] = useState<string | null>(null);
  const { me } = useSession();
  const form = useForm((f) => (f === 'paymentDate' ? 'date-paiement' : f === 'reference' ? 'reference' : null));

  if (error) {
    return (
      <Page title="Ordre de paiement">
        <Notice kind="erreur">
          <p>{error}</p>
        </Notice>
      </Page>
    );
  }
  if (!order) return <Loading />;

  const markPaid = async (e: FormEvent) => {
    e.preventDefault();
    const done = await form.run(
      () => {
        const errors: Record<string, string> = {};
        if (!/^\d{4}-\d{2}-\d{2}$/.test(paymentDate)) errors['date-paiement'] = 'Saisissez la date du paiement.';
        if (!reference.trim()) errors['reference'] = 'Saisissez la référence du virement (relevé du comptable ou de la banque).';
        return errors;
      },
      () => financeApi.markPaid(order.id, paymentDate, reference.trim()),
    );
    if (done) {
      setData(done);
      setPaid(true);
    }
  };

  const release = async () => {
    setReleaseError(null);
    try {
      setData(await financeApi.releaseOrder(order.id));
      setReleased(true);
    } catch (e) {
      setReleaseError(e instanceof Error ? e.message : 'L’ordre n’a pas pu être libéré.');
    }
  };
  const preparedByMe = me?.id === order.preparedBy;

  return (
    <Page title={`Ordre de paiement du ${frenchDateTime(order.createdAt)}`} wide>
      <p>
        <Link to="/finance/paiements">Revenir aux paiements</Link>
      </p>
      <div role="status">
        {released ? (
          <Notice kind="succes" title="Ordre libéré">
            <p>Les fichiers de paiement sont disponibles ; marquez l’ordre payé quand le paiement est confirmé.</p>
          </Notice>
        ) : null}
        {paid ? (
          <Notice kind="succes" title="Ordre marqué payé">
            <p>Les tickets de cet ordre sont maintenant « payés » ; les structures le voient dans leurs remboursements.</p>
          </Notice>
        ) : null}
      </div>
      <dl className="recap">
        <dt>État</dt>
        <dd>{order.status === 'paid' ? <Badge tone="succes">{order.statusLabel}</Badge> : <Badge tone="attention">{order.statusLabel}</Badge>}</dd>
        {order.releaseCosigner ? (
          <>
            <dt>Co-signature hors du système</dt>
            <dd>{order.releaseCosigner} (exception « agent financier unique »)</dd>
          </>
        ) : null}
        <dt>Mode de paiement</dt>
        <dd>{order.paymentModeLabel}</dd>
        <dt>Montant total</dt>
        <dd>{euros(order.totalCents)}</dd>
        <dt>Date d’exécution</dt>
        <dd>{frenchDate(order.executionDate)}</dd>
        {order.paymentDate ? (
          <>
            <dt>Payé le</dt>
            <dd>
              {frenchDate(order.paymentDate)} (réf. {order.paymentReference})
            </dd>
          </>
        ) : null}
      </dl>

      {order.stage === 'prepared' ? (
        <section aria-labelledby="titre-liberation">
          <h2 id="titre-liberation">Libération (quatre yeux)</h2>
          {releaseError ? (
            <Notice kind="erreur" live>
              <p>{releaseError}</p>
            </Notice>
          ) : null}
          {preparedByMe ? (
            <p>Vous avez préparé cet ordre : un second agent du service financier doit le vérifier et le libérer avant que ses fichiers de paiement soient produits.</p>
          ) : (
            <>
              <p>Vérifiez les bordereaux ci-dessous, puis libérez l’ordre : ses fichiers de paiement deviendront disponibles.</p>
              <div className="boutons">
                <button type="button" onClick={() => void release()}>
                  Libérer l’ordre de paiement
                </button>
              </div>
            </>
          )}
        </section>
      ) : null}

      <h2>Fichiers</h2>
      {order.paymentMode === 'mandat' ? (
        <>
          <p>
            Payé par mandats via le comptable public : créez un mandat par ligne du fichier des mandats dans votre logiciel financier, avec le bordereau PDF de la structure comme pièce justificative.
          </p>
          <ul>
            {order.stage !== 'prepared' ? (
              <li>
                <Download href={financeApi.mandatsCsvUrl(order.id)}>Fichier des mandats (CSV)</Download>
              </li>
            ) : (
              <li>Le fichier des mandats sera disponible une fois l’ordre libéré.</li>
            )}
            <li>Pièces justificatives : les bordereaux PDF, structure par structure, dans le tableau ci-dessous.</li>
          </ul>
        </>
      ) : (
        <ul>
          <li>
            <Download href={financeApi.accountingCsvUrl(order.id)}>Fichier pour le logiciel comptable (CSV)</Download>
          </li>
          {order.stage !== 'prepared' ? (
            <li>
              <Download href={financeApi.sepaUrl(order.id)}>Fichier de virements SEPA (XML pain.001)</Download>
            </li>
          ) : null}
        </ul>
      )}

      <Table id="titre-bordereaux" caption={`${order.statements.length} bordereau${order.statements.length > 1 ? 'x' : ''}`}>
        <thead>
          <tr>
            <th scope="col">Bordereau</th>
            <th scope="col">Structure</th>
            <th scope="col" className="montant">
              Montant
            </th>
            <th scope="col">Compte</th>
            <th scope="col">Paiement</th>
            <th scope="col">PDF</th>
          </tr>
        </thead>
        <tbody>
          {order.statements.map((s) => (
            <tr key={s.id}>
              <th scope="row">{s.number}</th>
              <td>
                {s.structure.name}
                <span className="champ__aide">
                  {s.ticketCount} ticket{s.ticketCount > 1 ? 's' : ''} — {s.periods.join(', ')}
                </span>
              </td>
              <td className="montant">{euros(s.amountCents)}</td>
              <td>
                {groupIban(s.iban)}
                <span className="champ__aide">{s.accountHolder}</span>
              </td>
              <td>
                {s.paidAt ? (
                  <>
                    <Badge tone="succes">Payé</Badge>
                    <span className="champ__aide">
                      {s.paymentDate ? `le ${frenchDate(s.paymentDate)}` : ''}
                      {s.paymentReference ? ` (réf. ${s.paymentReference})` : ''}
                    </span>
                  </>
                ) : (
                  'Pas encore payé'
                )}
              </td>
              <td>
                <Download href={financeApi.statementPdfUrl(order.id, s.id)}>Bordereau {s.number} (PDF)</Download>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>

      {order.stage === 'released' || confirmed ? (
        <ConfirmationImport
          order={order}
          onImported={(o) => {
            setData(o);
            setConfirmed(true);
          }}
        />
      ) : null}

      {order.stage === 'released' ? (
        <form onSubmit={markPaid} noValidate>
          <h2>Marquer l’ordre payé</h2>
          <p>Sans fichier de confirmation : quand le comptable public confirme les virements, indiquez la date et la référence du paiement ; tous les bordereaux pas encore payés le deviennent.</p>
          {form.summary}
          <TextField id="date-paiement" label="Date du paiement" type="date" value={paymentDate} onChange={setPaymentDate} error={form.errors['date-paiement']} width="moyen" />
          <TextField id="reference" label="Référence du virement" value={reference} onChange={setReference} error={form.errors['reference']} width="moyen" />
          <div className="boutons">
            <button type="submit" disabled={form.submitting}>
              Marquer payé
            </button>
          </div>
        </form>
      ) : null}
    </Page>
  );
}
