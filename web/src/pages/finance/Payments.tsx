import { useState, type FormEvent } from 'react';
import { financeApi } from '../../api/finance.ts';
import { Page } from '../../app/Page.tsx';
import { Link, navigate } from '../../app/router.tsx';
import { CheckboxGroup, TextField, useForm } from '../../components/forms.tsx';
import { Loading, Notice } from '../../components/Notice.tsx';
import { euros, frenchDate, frenchDateTime } from '../../presenters/format.ts';
import { countAndAmount } from '../../presenters/money.ts';
import { Badge, Table } from './parts.tsx';
import { useLoad } from './use-load.ts';

/** Finance: approved claims put into a payment order (one numbered statement per structure), and the orders. */
export default function Payments() {
  const reviewed = useLoad(() => financeApi.claims({ status: 'reviewed' }), []);
  const orders = useLoad(() => financeApi.orders(), []);
  const [chosen, setChosen] = useState<string[]>([]);
  const [executionDate, setExecutionDate] = useState('');
  const form = useForm((f) => (f === 'claimIds' ? 'demandes' : f === 'executionDate' ? 'date-execution' : null));
  const payable = (reviewed.data ?? []).filter((c) => c.totals.approved.count > 0);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    const order = await form.run(
      (): Record<string, string> => (chosen.length ? {} : { demandes: 'Cochez au moins une demande approuvée.' }),
      () => financeApi.createOrder(chosen, executionDate || undefined),
    );
    if (order) navigate(`/finance/paiements/${order.id}`);
  };

  return (
    <Page title="Paiements" lead="Mettez en paiement les demandes approuvées : un bordereau numéroté par structure, le fichier comptable et le fichier de virements SEPA." wide>
      <h2>Demandes approuvées à payer</h2>
      {reviewed.error ? (
        <Notice kind="erreur">
          <p>{reviewed.error}</p>
        </Notice>
      ) : null}
      {!reviewed.data ? (
        <Loading />
      ) : payable.length ? (
        <form onSubmit={create} noValidate>
          {form.summary}
          <CheckboxGroup
            id="demandes"
            legend="Demandes à inclure dans l’ordre de paiement"
            hint="Les structures dont les coordonnées bancaires ne sont pas vérifiées ne peuvent pas être payées."
            values={chosen}
            onChange={setChosen}
            error={form.errors['demandes']}
            choices={payable.map((c) => ({
              value: c.id,
              label: `${c.structure.name} — ${c.periodLabel} — ${euros(c.totals.approved.amountCents)}`,
              hint: `${c.campaign.name} ; ${countAndAmount(c.totals.approved.count, c.totals.approved.amountCents)} approuvés`,
            }))}
          />
          <div className="boutons">
            <button type="button" className="bouton--secondaire" onClick={() => setChosen(payable.map((c) => c.id))}>
              Tout cocher
            </button>
          </div>
          <TextField id="date-execution" label="Date d’exécution des virements" type="date" optional hint="Par défaut : le prochain jour ouvré." value={executionDate} onChange={setExecutionDate} error={form.errors['date-execution']} width="moyen" />
          <div className="boutons">
            <button type="submit" disabled={form.submitting}>
              Créer l’ordre de paiement
            </button>
          </div>
        </form>
      ) : (
        <p>Aucune demande approuvée en attente de paiement.</p>
      )}

      <h2>Ordres de paiement</h2>
      {orders.data ? (
        orders.data.length ? (
          <Table id="titre-ordres" caption={`${orders.data.length} ordre${orders.data.length > 1 ? 's' : ''} de paiement`}>
            <thead>
              <tr>
                <th scope="col">Créé le</th>
                <th scope="col" className="montant">
                  Montant
                </th>
                <th scope="col">Exécution</th>
                <th scope="col">État</th>
                <th scope="col">Détail</th>
              </tr>
            </thead>
            <tbody>
              {orders.data.map((o) => (
                <tr key={o.id}>
                  <th scope="row">{frenchDateTime(o.createdAt)}</th>
                  <td className="montant">{euros(o.totalCents)}</td>
                  <td>{frenchDate(o.executionDate)}</td>
                  <td>
                    {o.status === 'paid' ? (
                      <Badge tone="succes">Payé le {frenchDate(o.paymentDate)}</Badge>
                    ) : (
                      <Badge tone="attention">Émis, en attente du paiement</Badge>
                    )}
                    <span className="champ__aide">
                      {o.paidStatementCount} bordereau{o.paidStatementCount > 1 ? 'x' : ''} payé{o.paidStatementCount > 1 ? 's' : ''} sur {o.statementCount}
                    </span>
                  </td>
                  <td>
                    <Link to={`/finance/paiements/${o.id}`}>
                      Voir l’ordre<span className="visuellement-cache"> du {frenchDateTime(o.createdAt)}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : (
          <p>Aucun ordre de paiement pour le moment.</p>
        )
      ) : (
        <Loading />
      )}
    </Page>
  );
}
