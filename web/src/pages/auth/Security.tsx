import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import type { TotpConfirmed, TotpEnrolment } from '../../../../src/contracts/access.ts';
import { api } from '../../api/client.ts';
import { Page, useFocusOn } from '../../app/Page.tsx';
import { Link, navigate } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { TextField, useForm } from '../../components/forms.tsx';
import { Notice } from '../../components/Notice.tsx';
import { ProConnectSettings } from './ProConnectSettings.tsx';

/** POST /api/me/totp: a new secret to enrol (QR code as a data URL), not active until confirmed. */
type Enrolment = z.infer<typeof TotpEnrolment>;

export default function Security() {
  const { me, refresh } = useSession();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [code, setCode] = useState('');
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const form = useForm((f) => (f === 'code' || f === 'totp' ? 'code' : null));
  const stepHeading = useFocusOn<HTMLHeadingElement>(recoveryCodes ? 'codes' : enrolment ? 'scan' : 'start', !!enrolment);
  if (!me) return null;
  const required = me.totpEnrolmentRequired;

  const start = async () => {
    await form.run(
      () => ({}),
      async () => setEnrolment(await api.post<Enrolment>('/api/me/totp')),
    );
  };

  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    await form.run(
      (): Record<string, string> => (/^\d{6}$/.test(code.replace(/\s/g, '')) ? {} : { code: 'Saisissez les 6 chiffres affichés par l’application.' }),
      async () => {
        const res = await api.post<z.infer<typeof TotpConfirmed>>('/api/me/totp/confirm', { code: code.replace(/\s/g, '') });
        setRecoveryCodes(res.recoveryCodes ?? []);
      },
    );
  };

  const finish = async () => {
    await refresh();
    navigate('/');
  };

  return (
    <Page title="Sécurité du compte">
      <p>
        Compte : <strong>{me.email}</strong> — {me.roleLabel}.
      </p>
      {required && !recoveryCodes ? (
        <Notice kind="attention" title="Double authentification obligatoire">
          <p>Votre rôle donne accès à des données sensibles : activez la double authentification pour continuer.</p>
        </Notice>
      ) : null}
      {form.summary}
      {recoveryCodes ? (
        <>
          <h2 ref={stepHeading} tabIndex={-1}>
            Vos codes de secours
          </h2>
          <Notice kind="succes" title="La double authentification est activée" />
          <p>
            Notez ces codes et gardez-les en lieu sûr, sur papier. Chacun permet <strong>une seule</strong> connexion si vous n’avez plus votre téléphone.
            Ils ne seront plus affichés.
          </p>
          <ul className="pastilles" aria-label="Codes de secours">
            {recoveryCodes.map((c) => (
              <li key={c} className="code-affiche">
                {c}
              </li>
            ))}
          </ul>
          <div className="boutons">
            <button type="button" onClick={finish}>
              J’ai noté mes codes : continuer
            </button>
          </div>
        </>
      ) : me.totpEnabled ? (
        <Notice kind="succes" title="La double authentification est activée">
          <p>À chaque connexion, un code à 6 chiffres de votre application d’authentification vous est demandé après le mot de passe.</p>
        </Notice>
      ) : enrolment ? (
        <>
          <h2 ref={stepHeading} tabIndex={-1}>
            Scannez le QR code
          </h2>
          <ol>
            <li>Ouvrez votre application d’authentification (par exemple FreeOTP, Aegis, Google Authenticator ou Microsoft Authenticator).</li>
            <li>Ajoutez un compte en scannant ce QR code.</li>
            <li>Recopiez ci-dessous le code à 6 chiffres affiché par l’application.</li>
          </ol>
          <p className="qr">
            <img src={enrolment.qrCodeDataUrl} alt="QR code à scanner avec l’application d’authentification" />
          </p>
          <p>
            Impossible de scanner ? Saisissez cette clé dans l’application : <span className="code-affiche">{enrolment.secret.match(/.{1,4}/g)?.join(' ')}</span>
          </p>
          <form onSubmit={confirm} noValidate>
            <TextField id="code" label="Code à 6 chiffres" autoComplete="one-time-code" inputMode="numeric" width="court" value={code} onChange={setCode} error={form.errors.code} />
            <div className="boutons">
              <button type="submit" disabled={form.submitting}>
                Confirmer et activer
              </button>
            </div>
          </form>
        </>
      ) : (
        <>
          <h2>Double authentification</h2>
          <p>
            En plus du mot de passe, un code à 6 chiffres affiché par une application de votre téléphone vous sera demandé à chaque connexion. Même si
            quelqu’un découvre votre mot de passe, il ne pourra pas se connecter.
          </p>
          <div className="boutons">
            <button type="button" onClick={start} disabled={form.submitting}>
              Activer la double authentification
            </button>
            {!required ? (
              <Link to="/" className="bouton bouton--secondaire">
                Plus tard
              </Link>
            ) : null}
          </div>
        </>
      )}
      <ProConnectSettings />
    </Page>
  );
}
