import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.ts';
import { Page } from '../../app/Page.tsx';
import { Link } from '../../app/router.tsx';
import type { PageProps } from '../../routes.ts';
import { Checkbox, TextField, useForm } from '../../components/forms.tsx';
import { Notice } from '../../components/Notice.tsx';

// The server's rule (PASSWORD_MIN in src/usecases/administration/create-user.ts); it decides in the end.
const MIN_LENGTH = 12;

/** The page a one-time link sent by the administration opens: the person chooses a password. */
export default function SetPassword({ params }: PageProps) {
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [visible, setVisible] = useState(false);
  const [done, setDone] = useState(false);
  const form = useForm((f) => (f === 'password' ? 'mot-de-passe' : null));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await form.run(
      () => {
        const errors: Record<string, string> = {};
        if (password.length < MIN_LENGTH) errors['mot-de-passe'] = `Le mot de passe doit contenir au moins ${MIN_LENGTH} caractères.`;
        else if (confirmation !== password) errors.confirmation = 'Les deux mots de passe ne sont pas identiques : saisissez le même deux fois.';
        return errors;
      },
      async () => {
        await api.post(`/api/password-links/${encodeURIComponent(params.token)}`, { password });
        setDone(true);
      },
    );
  };

  if (done) {
    return (
      <Page title="Mot de passe enregistré">
        <Notice kind="succes" title="Votre mot de passe est enregistré" live>
          <p>Vous pouvez maintenant vous connecter avec votre adresse e-mail et ce mot de passe.</p>
        </Notice>
        <p>
          <Link to="/connexion" className="bouton">
            Se connecter
          </Link>
        </p>
      </Page>
    );
  }

  return (
    <Page title="Choisir votre mot de passe" lead="Ce lien personnel vous a été envoyé pour accéder à passnum. Il ne sert qu’une fois et reste valable 48 heures.">
      {form.summary}
      <form onSubmit={submit} noValidate>
        <TextField
          id="mot-de-passe"
          label="Nouveau mot de passe"
          hint={`Au moins ${MIN_LENGTH} caractères. Une phrase de plusieurs mots est facile à retenir et difficile à deviner.`}
          type={visible ? 'text' : 'password'}
          autoComplete="new-password"
          value={password}
          onChange={setPassword}
          error={form.errors['mot-de-passe']}
          width="moyen"
        />
        <TextField
          id="confirmation"
          label="Le même mot de passe, une deuxième fois"
          type={visible ? 'text' : 'password'}
          autoComplete="new-password"
          value={confirmation}
          onChange={setConfirmation}
          error={form.errors.confirmation}
          width="moyen"
        />
        <Checkbox id="afficher" label="Afficher les mots de passe saisis" checked={visible} onChange={setVisible} />
        <div className="boutons">
          <button type="submit" disabled={form.submitting}>
            Enregistrer mon mot de passe
          </button>
        </div>
      </form>
    </Page>
  );
}
