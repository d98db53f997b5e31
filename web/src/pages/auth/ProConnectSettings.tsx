import { useEffect, useState, type FormEvent } from 'react';
import { proconnectApi, type ProConnectAccountDto } from '../../api/proconnect.ts';
import { Checkbox, useForm } from '../../components/forms.tsx';
import { Notice } from '../../components/Notice.tsx';

/** On "Sécurité du compte": the account's link with ProConnect, and the choice to refuse the password. */
export function ProConnectSettings() {
  const [enabled, setEnabled] = useState(false);
  const [account, setAccount] = useState<ProConnectAccountDto | null>(null);
  const [refuses, setRefuses] = useState(false);
  const [saved, setSaved] = useState(false);
  const form = useForm((f) => (f === 'refusesPassword' ? 'refusesPassword' : null));
  useEffect(() => {
    proconnectApi.status().then((s) => setEnabled(s.enabled), () => undefined);
    proconnectApi.account().then((a) => {
      setAccount(a);
      setRefuses(a.refusesPassword);
    }, () => undefined);
  }, []);
  if (!account || (!enabled && !account.linked)) return null;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    await form.run(
      () => ({}),
      async () => {
        const next = await proconnectApi.setRefusesPassword(refuses);
        setAccount(next);
        setSaved(true);
      },
    );
  };

  return (
    <section aria-labelledby="proconnect-titre">
      <h2 id="proconnect-titre">ProConnect</h2>
      {account.linked ? (
        <>
          <p>
            Votre compte est relié à votre identité ProConnect depuis le {new Date(account.linkedAt!).toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' })}.
          </p>
          {saved ? (
            <Notice kind="succes" live>
              <p>{account.refusesPassword ? 'Votre mot de passe passnum ne permet plus de vous connecter : utilisez ProConnect.' : 'Votre mot de passe passnum est de nouveau accepté.'}</p>
            </Notice>
          ) : null}
          {form.summary}
          <form onSubmit={save} noValidate>
            <Checkbox
              id="refusesPassword"
              label="Me connecter uniquement avec ProConnect"
              hint="Le mot de passe passnum sera refusé pour ce compte : personne ne pourra l’utiliser, même s’il a été noté quelque part."
              checked={refuses}
              onChange={setRefuses}
              error={form.errors.refusesPassword}
            />
            <div className="boutons">
              <button type="submit" disabled={form.submitting}>
                Enregistrer
              </button>
            </div>
          </form>
        </>
      ) : (
        <p>
          Votre compte n’est pas encore relié à ProConnect. Il le sera à votre première connexion avec le bouton « S’identifier avec ProConnect », avec la même adresse e-mail et depuis le même établissement.
        </p>
      )}
    </section>
  );
}
