import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.ts';
import { Page, useFocusOn } from '../../app/Page.tsx';
import { Link, navigate, useLocation } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { TextField, useForm } from '../../components/forms.tsx';
import { Notice } from '../../components/Notice.tsx';
import { ProConnectChoice } from './ProConnectChoice.tsx';

/** Only same-site paths are followed after sign-in. */
function safeReturn(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/connexion') ? value : '/';
}

export default function Login() {
  const { search } = useLocation();
  const { me, signIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [step, setStep] = useState<'credentials' | 'totp'>('credentials');
  const form = useForm((f) => (f === 'totp' ? 'totp' : f === 'email' || f === 'password' ? f : null));
  const retour = safeReturn(search.get('retour'));
  const totpHeading = useFocusOn<HTMLHeadingElement>(step, step === 'totp');

  useEffect(() => {
    if (me && !form.submitting) navigate(me.totpEnrolmentRequired ? '/compte/securite' : retour, { replace: true });
  }, [me, form.submitting, retour]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await form.run(
      () => {
        const errors: Record<string, string> = {};
        if (step === 'credentials') {
          if (!email.trim()) errors.email = 'Saisissez votre adresse e-mail.';
          else if (!/^\S+@\S+\.\S+$/.test(email.trim())) errors.email = 'Saisissez une adresse e-mail complète, par exemple nom@mairie.fr.';
          if (!password) errors.password = 'Saisissez votre mot de passe.';
        } else if (!totp.trim()) {
          errors.totp = 'Saisissez le code à 6 chiffres affiché par votre application, ou un code de secours.';
        }
        return errors;
      },
      async () => {
        try {
          await signIn({ email: email.trim(), password, ...(step === 'totp' ? { totp: totp.trim() } : {}) });
        } catch (e) {
          if (e instanceof ApiError && e.code === 'totp_required' && step === 'credentials') {
            setStep('totp');
            return;
          }
          throw e;
        }
      },
    );
  };

  return (
    <Page title={step === 'totp' ? 'Connexion — code de vérification' : 'Connexion'} heading="Connexion à l’espace professionnel">
      {search.get('expiree') ? (
        <Notice kind="info" title="Votre session a expiré">
          <p>Par sécurité, la session se ferme après 30 minutes sans activité. Connectez-vous de nouveau.</p>
        </Notice>
      ) : null}
      <p>Pour les agents des mairies, les structures d’accompagnement et les services de la collectivité.</p>
      <ProConnectChoice />
      {form.summary}
      <form onSubmit={submit} noValidate>
        {step === 'credentials' ? (
          <>
            <TextField id="email" label="Adresse e-mail" type="email" autoComplete="username" spellCheck={false} value={email} onChange={setEmail} error={form.errors.email} />
            <TextField id="password" label="Mot de passe" type="password" autoComplete="current-password" value={password} onChange={setPassword} error={form.errors.password} width="moyen" />
          </>
        ) : (
          <>
            <h2 ref={totpHeading} tabIndex={-1}>
              Code de vérification
            </h2>
            <p>La double authentification est activée pour {email.trim()}.</p>
            <TextField
              id="totp"
              label="Code à 6 chiffres"
              hint="Ouvrez votre application d’authentification et recopiez le code affiché pour passnum. Vous pouvez aussi saisir un code de secours."
              autoComplete="one-time-code"
              inputMode="text"
              width="court"
              value={totp}
              onChange={setTotp}
              error={form.errors.totp}
            />
          </>
        )}
        <div className="boutons">
          <button type="submit" disabled={form.submitting}>
            {step === 'totp' ? 'Valider le code' : 'Se connecter'}
          </button>
          {step === 'totp' ? (
            <button
              type="button"
              className="bouton--secondaire"
              onClick={() => {
                setStep('credentials');
                setTotp('');
              }}
            >
              Revenir
            </button>
          ) : null}
        </div>
      </form>
      <p>Mot de passe oublié ? Demandez un lien de réinitialisation à l’administration du programme.</p>
      <p>
        Vous reliez un logiciel à passnum ? Voir <Link to="/integrateurs">la page des intégrateurs</Link>.
      </p>
    </Page>
  );
}
