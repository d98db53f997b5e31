import { useState, type FormEvent } from 'react';
import { financeApi, type PendingBank } from '../../api/finance.ts';
import { Page } from '../../app/Page.tsx';
import { Checkbox, TextField, useForm } from '../../components/forms.tsx';
import { Loading, Notice } from '../../components/Notice.tsx';
import { frenchDateTime } from '../../presenters/format.ts';
import { groupIban } from '../../presenters/money.ts';
import { useLoad } from './use-load.ts';

function VerifyForm({ bank, onVerified }: { bank: PendingBank; onVerified: (name: string) => void }) {
  const id = `iban-${bank.structureId}`;
  const [iban, setIban] = useState('');
  const [bicOk, setBicOk] = useState(false);
  const [holderOk, setHolderOk] = useState(false);
  const form = useForm((f) => (f === 'iban' ? id : null));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const done = await form.run(
      (): Record<string, string> => {
        const errors: Record<string, string> = {};
        if (!iban.trim()) errors[id] = 'Recopiez l’IBAN lu sur le RIB de la structure.';
        if (!bicOk) errors[`bic-${bank.structureId}`] = 'Confirmez que le BIC est celui du RIB.';
        if (!holderOk) errors[`titulaire-${bank.structureId}`] = 'Confirmez que le titulaire est celui du RIB.';
        return errors;
      },
      // The BIC and holder sent are those shown here: changed since, nothing is verified.
      () => financeApi.verifyBank(bank.structureId, { iban: iban.replace(/\s+/g, ''), bic: bank.bic, accountHolder: bank.accountHolder ?? '' }),
    );
    if (done) onVerified(bank.structureName);
  };
  return (
    <form onSubmit={submit} noValidate>
      {form.summary}
      <TextField
        id={id}
        label={`IBAN lu sur le RIB de ${bank.structureName}`}
        hint="Recopiez-le depuis le RIB reçu (papier ou PDF), sans regarder l’IBAN saisi : les deux doivent être identiques."
        value={iban}
        onChange={setIban}
        error={form.errors[id]}
        autoComplete="off"
        spellCheck={false}
        className="code-saisie"
      />
      <Checkbox id={`bic-${bank.structureId}`} label={`Le BIC du RIB est bien « ${bank.bic ?? 'aucun'} »`} checked={bicOk} onChange={setBicOk} error={form.errors[`bic-${bank.structureId}`]} />
      <Checkbox id={`titulaire-${bank.structureId}`} label={`Le titulaire du RIB est bien « ${bank.accountHolder ?? ''} »`} checked={holderOk} onChange={setHolderOk} error={form.errors[`titulaire-${bank.structureId}`]} />
      <div className="boutons">
        <button type="submit" disabled={form.submitting}>
          Valider les coordonnées<span className="visuellement-cache"> de {bank.structureName}</span>
        </button>
      </div>
    </form>
  );
}

/** Finance: bank details waiting for verification against the structure's RIB. */
export default function BankChecks() {
  const pending = useLoad(() => financeApi.pendingBanks(), []);
  const [verified, setVerified] = useState<string | null>(null);
  return (
    <Page title="Coordonnées bancaires à vérifier" lead="Aucun paiement ne part vers un compte non vérifié. Ouvrez le RIB joint par la structure, ressaisissez l’IBAN et confirmez le BIC et le titulaire. Vous ne pouvez pas vérifier des coordonnées que vous avez saisies.">
      <div role="status">
        {verified ? (
          <Notice kind="succes">
            <p>Les coordonnées bancaires de {verified} sont vérifiées : ses demandes approuvées peuvent être payées.</p>
          </Notice>
        ) : null}
      </div>
      {pending.error ? (
        <Notice kind="erreur">
          <p>{pending.error}</p>
        </Notice>
      ) : null}
      {pending.data ? (
        pending.data.length ? (
          <ul className="cartes">
            {pending.data.map((b) => (
              <li key={b.structureId} className="carte">
                <h2>{b.structureName}</h2>
                <dl>
                  <dt>SIRET</dt>
                  <dd>{b.siret}</dd>
                  <dt>IBAN saisi</dt>
                  <dd>{groupIban(b.iban) || 'aucun'}</dd>
                  <dt>BIC</dt>
                  <dd>{b.bic ?? '—'}</dd>
                  <dt>Titulaire</dt>
                  <dd>{b.accountHolder ?? '—'}</dd>
                  <dt>Saisi le</dt>
                  <dd>{b.updatedAt ? frenchDateTime(b.updatedAt) : '—'}</dd>
                  <dt>RIB</dt>
                  <dd>
                    <a href={financeApi.ribUrl(b.structureId)} target="_blank" rel="noreferrer">
                      Ouvrir le RIB joint<span className="visuellement-cache"> par {b.structureName} (nouvel onglet)</span>
                    </a>
                  </dd>
                </dl>
                {b.iban ? <VerifyForm bank={b} onVerified={(name) => { setVerified(name); void pending.reload(); }} /> : <p>La structure n’a pas encore saisi d’IBAN.</p>}
              </li>
            ))}
          </ul>
        ) : (
          <Notice kind="succes" title="Rien à vérifier">
            <p>Toutes les coordonnées bancaires saisies sont vérifiées.</p>
          </Notice>
        )
      ) : (
        <Loading />
      )}
    </Page>
  );
}
