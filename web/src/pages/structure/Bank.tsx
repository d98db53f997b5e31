import { useState, type FormEvent } from 'react';
import { structureApi } from '../../api/structure.ts';
import { Page } from '../../app/Page.tsx';
import { useSession } from '../../app/session.tsx';
import { FileField, fileBase64, TextField, useForm } from '../../components/forms.tsx';
import { Loading, Notice } from '../../components/Notice.tsx';
import { frenchDateTime } from '../../presenters/format.ts';
import { bankTone, groupIban } from '../../presenters/money.ts';
import { Badge, Table } from '../finance/parts.tsx';
import { useLoad } from '../finance/use-load.ts';

const FIELD: Record<string, string> = { iban: 'iban', bic: 'bic', accountHolder: 'titulaire', rib: 'rib' };

/** Bank details: their verification status (payments wait for it), the change form, the history. */
export default function Bank() {
  const { me } = useSession();
  const structureId = me?.structure?.id ?? '';
  const { data: bank, error, reload } = useLoad(() => structureApi.bank(structureId), [structureId]);
  const [editing, setEditing] = useState(false);
  const [iban, setIban] = useState('');
  const [bic, setBic] = useState('');
  const [holder, setHolder] = useState('');
  const [rib, setRib] = useState<File | null>(null);
  const [saved, setSaved] = useState(false);
  const form = useForm((f) => FIELD[f] ?? null);

  const startEditing = () => {
    setIban(bank?.iban ?? '');
    setBic(bank?.bic ?? '');
    setHolder(bank?.accountHolder ?? me?.structure?.name ?? '');
    setRib(null);
    setEditing(true);
    setSaved(false);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const done = await form.run(
      () => {
        const errors: Record<string, string> = {};
        if (!iban.trim()) errors['iban'] = 'Saisissez l’IBAN, tel qu’il figure sur le RIB.';
        if (!holder.trim()) errors['titulaire'] = 'Saisissez le titulaire du compte.';
        if (!rib) errors['rib'] = 'Joignez le RIB de votre banque (PDF, PNG ou JPEG).';
        else if (rib.size > 2 * 1024 * 1024) errors['rib'] = 'Le RIB dépasse 2 Mo : joignez un fichier plus léger.';
        return errors;
      },
      async () =>
        structureApi.setBank(structureId, {
          iban: iban.replace(/\s+/g, ''), bic: bic.trim() || null, accountHolder: holder.trim(),
          rib: { filename: rib!.name, contentBase64: await fileBase64(rib!) },
        }),
    );
    if (done !== undefined) {
      setEditing(false);
      setSaved(true);
      await reload();
    }
  };

  return (
    <Page title="Coordonnées bancaires" lead="Le compte sur lequel la structure est remboursée. Le service financier vérifie chaque nouveau RIB avant tout paiement.">
      {error ? (
        <Notice kind="erreur" title="Chargement impossible">
          <p>{error}</p>
        </Notice>
      ) : null}
      <div role="status">
        {saved ? (
          <Notice kind="succes" title="Coordonnées enregistrées">
            <p>Elles seront vérifiées par le service financier sur le RIB que vous avez joint, avant tout paiement.</p>
          </Notice>
        ) : null}
      </div>
      {!bank ? (
        error ? null : <Loading />
      ) : (
        <>
          <dl className="recap">
            <dt>Vérification</dt>
            <dd>
              <Badge tone={bankTone(bank.status)}>{bank.statusLabel}</Badge>
            </dd>
            <dt>IBAN</dt>
            <dd>{bank.iban ? <span className="code-affiche">{groupIban(bank.iban)}</span> : 'non renseigné'}</dd>
            <dt>BIC</dt>
            <dd>{bank.bic ?? '—'}</dd>
            <dt>Titulaire</dt>
            <dd>{bank.accountHolder ?? '—'}</dd>
            <dt>RIB joint</dt>
            <dd>{bank.hasRib ? <a href={structureApi.ribUrl(structureId)} target="_blank" rel="noreferrer">Voir le RIB joint<span className="visuellement-cache"> (nouvel onglet)</span></a> : 'aucun'}</dd>
            {bank.verifiedAt ? (
              <>
                <dt>Vérifiées le</dt>
                <dd>{frenchDateTime(bank.verifiedAt)}</dd>
              </>
            ) : null}
          </dl>
          {bank.notice ? (
            <Notice kind="attention" title={bank.status === 'none' ? 'Aucun compte enregistré' : 'En attente de vérification'}>
              <p>{bank.notice}</p>
            </Notice>
          ) : null}

          {editing ? (
            <form onSubmit={submit} noValidate>
              <h2>Changer de compte</h2>
              <Notice kind="attention">
                <p>Un nouveau compte doit être vérifié par le service financier : les paiements attendent cette vérification.</p>
              </Notice>
              {form.summary}
              <TextField id="iban" label="IBAN" hint="27 caractères pour un compte français, par exemple FR76 3000 6000 0112 3456 7890 189." value={iban} onChange={setIban} error={form.errors['iban']} autoComplete="off" spellCheck={false} className="code-saisie" />
              <TextField id="bic" label="BIC" optional value={bic} onChange={setBic} error={form.errors['bic']} width="court" autoComplete="off" spellCheck={false} />
              <TextField id="titulaire" label="Titulaire du compte" hint="Tel qu’il est écrit sur le RIB." value={holder} onChange={setHolder} error={form.errors['titulaire']} />
              <FileField id="rib" label="RIB de la banque" hint="PDF, PNG ou JPEG, 2 Mo au plus. Le service financier vérifie les coordonnées sur ce document." accept="application/pdf,image/png,image/jpeg" onChange={setRib} error={form.errors['rib']} />
              <div className="boutons">
                <button type="submit" disabled={form.submitting}>
                  Enregistrer le nouveau compte
                </button>
                <button type="button" className="bouton--secondaire" onClick={() => setEditing(false)}>
                  Annuler
                </button>
              </div>
            </form>
          ) : (
            <div className="boutons">
              <button type="button" className="bouton--secondaire" onClick={startEditing}>
                {bank.iban ? 'Changer de compte bancaire' : 'Saisir le compte bancaire'}
              </button>
            </div>
          )}

          {bank.history.length ? (
            <>
              <h2>Historique</h2>
              <Table id="titre-historique" caption="Changements et vérifications">
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Événement</th>
                    <th scope="col">IBAN</th>
                    <th scope="col">Par</th>
                  </tr>
                </thead>
                <tbody>
                  {bank.history.map((h, i) => (
                    <tr key={`${h.at}-${i}`}>
                      <td>{frenchDateTime(h.at)}</td>
                      <td>{h.label}</td>
                      <td>{h.iban ?? '—'}</td>
                      <td>{h.by}</td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            </>
          ) : null}
        </>
      )}
    </Page>
  );
}
