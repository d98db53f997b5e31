import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.ts';
import { financeApi, type PaymentOrder } from '../../api/finance.ts';
import { FileField } from '../../components/forms.tsx';
import { Notice } from '../../components/Notice.tsx';
import { euros, frenchDate } from '../../presenters/format.ts';
import { Table } from './parts.tsx';

type Outcome =
  | { kind: 'imported'; file: string; count: number; statements: PaymentOrder['statements'] }
  | { kind: 'refused'; file: string; message: string; errors: { line: number; message: string }[] };

/** The per-line refusals the server gives with a refused file (details.errors), if any. */
function lineErrors(e: unknown): { line: number; message: string }[] {
  const list = e instanceof ApiError ? e.details.errors : undefined;
  return Array.isArray(list)
    ? list.filter(
        (x): x is { line: number; message: string } =>
          typeof x?.line === 'number' && typeof x?.message === 'string',
      )
    : [];
}

/**
 * The bank's or the public accountant's confirmation file (CSV: bordereau, date_paiement,
 * reference): every statement it lists is paid at once, or, if one line is wrong, nothing is.
 */
export function ConfirmationImport({
  order,
  onImported,
}: {
  order: PaymentOrder;
  onImported: (order: PaymentOrder) => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const result = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (outcome) result.current?.focus();
  }, [outcome]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) {
      setFileError('Choisissez le fichier de confirmation (CSV).');
      document.getElementById('fichier-confirmation')?.focus();
      return;
    }
    setFileError(undefined);
    setSending(true);
    setOutcome(null);
    try {
      const text = await file.text();
      if (!text.trim()) throw new ApiError(422, 'validation_failed', 'Le fichier est vide.');
      const done = await financeApi.importConfirmations(order.id, text);
      const paidNow = done.order.statements.filter(
        (s) => s.paidAt && !order.statements.find((o) => o.id === s.id)?.paidAt,
      );
      onImported(done.order);
      setOutcome({ kind: 'imported', file: file.name, count: done.imported, statements: paidNow });
    } catch (err) {
      setOutcome({
        kind: 'refused',
        file: file.name,
        message: err instanceof Error ? err.message : 'L’import n’a pas abouti.',
        errors: lineErrors(err),
      });
    } finally {
      setSending(false);
    }
  };

  return (
    <section aria-labelledby="titre-confirmation">
      <h2 id="titre-confirmation">Importer la confirmation de paiement</h2>
      {order.stage === 'released' ? (
        <p>
          Le fichier de la banque ou du comptable public (CSV, séparateur point-virgule ou virgule) a une
          ligne d’en-tête nommant ses trois colonnes : « bordereau » (son numéro, par exemple{' '}
          {order.statements[0]?.number ?? '2026-000001'}), « date_paiement » (JJ/MM/AAAA ou AAAA-MM-JJ) et «
          reference » (la référence du virement ou du mandat). Chaque bordereau listé devient payé ; si une
          seule ligne est fausse, rien n’est enregistré et chaque erreur est expliquée.
        </p>
      ) : null}
      {order.stage === 'released' ? (
        <form onSubmit={submit} noValidate>
          <FileField
            id="fichier-confirmation"
            label="Fichier de confirmation de paiement (CSV)"
            hint="Exemple de ligne : 2026-000001;05/06/2026;VIR-2026-0042"
            accept=".csv,text/csv"
            onChange={(f) => {
              setFile(f);
              setFileError(undefined);
            }}
            error={fileError}
          />
          <div className="boutons">
            <button type="submit" disabled={sending}>
              Importer la confirmation
            </button>
          </div>
          <div role="status">{sending ? <p>Import en cours…</p> : null}</div>
        </form>
      ) : null}
      {outcome ? (
        <div>
          <h3 ref={result} tabIndex={-1}>
            {outcome.kind === 'imported'
              ? `Confirmation importée : ${outcome.count} bordereau${outcome.count > 1 ? 'x' : ''} payé${outcome.count > 1 ? 's' : ''}`
              : 'Le fichier n’a pas été importé'}
          </h3>
          {outcome.kind === 'imported' ? (
            <>
              <Notice kind="succes">
                <p>
                  Fichier « {outcome.file} » : les tickets de ces bordereaux sont maintenant « payés » ; les
                  structures le voient dans leurs remboursements.
                </p>
              </Notice>
              <Table id="titre-confirmation-resultat" caption="Bordereaux payés par ce fichier">
                <thead>
                  <tr>
                    <th scope="col">Bordereau</th>
                    <th scope="col">Structure</th>
                    <th scope="col" className="montant">
                      Montant
                    </th>
                    <th scope="col">Payé le</th>
                    <th scope="col">Référence</th>
                  </tr>
                </thead>
                <tbody>
                  {outcome.statements.map((s) => (
                    <tr key={s.id}>
                      <th scope="row">{s.number}</th>
                      <td>{s.structure.name}</td>
                      <td className="montant">{euros(s.amountCents)}</td>
                      <td>{s.paymentDate ? frenchDate(s.paymentDate) : '—'}</td>
                      <td>{s.paymentReference ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            </>
          ) : (
            <>
              <Notice kind="erreur">
                <p>
                  Fichier « {outcome.file} » : {outcome.message}
                </p>
              </Notice>
              {outcome.errors.length ? (
                <Table id="titre-confirmation-erreurs" caption="Les lignes en erreur">
                  <thead>
                    <tr>
                      <th scope="col">Ligne</th>
                      <th scope="col">Erreur</th>
                    </tr>
                  </thead>
                  <tbody>
                    {outcome.errors.map((x) => (
                      <tr key={x.line}>
                        <td>{x.line}</td>
                        <td>{x.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
              ) : null}
            </>
          )}
        </div>
      ) : null}
    </section>
  );
}
