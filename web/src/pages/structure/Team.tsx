import { useState, type FormEvent } from 'react';
import { structureApi } from '../../api/structure.ts';
import { Page } from '../../app/Page.tsx';
import { useSession } from '../../app/session.tsx';
import { RadioGroup, TextField, useForm } from '../../components/forms.tsx';
import { Loading, Notice } from '../../components/Notice.tsx';
import { useLoad } from '../finance/use-load.ts';
import { ApiTokens } from './ApiTokens.tsx';
import { UserList } from './UserList.tsx';

const FIELD: Record<string, string> = { email: 'email', displayName: 'nom', role: 'role' };

/** "Équipe et accès": the structure's staff, new accounts, API tokens. */
export default function Team() {
  const { me } = useSession();
  const users = useLoad(() => structureApi.users(), []);
  const tokens = useLoad(() => structureApi.tokens(), []);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('mediator');
  const [created, setCreated] = useState<string | null>(null);
  const form = useForm((f) => FIELD[f] ?? null);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    const done = await form.run(
      () => {
        const errors: Record<string, string> = {};
        if (!name.trim()) errors['nom'] = 'Saisissez le nom de la personne.';
        if (!/^\S+@\S+\.\S+$/.test(email.trim())) errors['email'] = 'Saisissez une adresse e-mail valide, par exemple prenom.nom@exemple.fr.';
        return errors;
      },
      () => structureApi.createUser({ displayName: name.trim(), email: email.trim(), role, structureId: me?.structure?.id }),
    );
    if (done) {
      setCreated(`Compte créé pour ${done.displayName}. Créez-lui maintenant un lien de mot de passe dans la liste.`);
      setName('');
      setEmail('');
      void users.reload();
    }
  };

  return (
    <Page title="Équipe et accès" lead="Les comptes des médiateurs et responsables de la structure, et les jetons d’accès de vos logiciels." wide>
      <h2>Comptes</h2>
      {users.error ? (
        <Notice kind="erreur">
          <p>{users.error}</p>
        </Notice>
      ) : null}
      {users.data ? <UserList users={users.data} onChanged={() => void users.reload()} caption={`${users.data.length} compte${users.data.length > 1 ? 's' : ''}`} /> : <Loading />}
      <form onSubmit={create} noValidate>
        <h3>Ajouter une personne</h3>
        <div role="status">{created ? <Notice kind="succes"><p>{created}</p></Notice> : null}</div>
        {form.summary}
        <TextField id="nom" label="Prénom et nom" value={name} onChange={setName} error={form.errors['nom']} autoComplete="off" width="moyen" />
        <TextField id="email" label="Adresse e-mail" type="email" value={email} onChange={setEmail} error={form.errors['email']} autoComplete="off" width="moyen" />
        <RadioGroup
          id="role"
          legend="Rôle"
          value={role}
          onChange={setRole}
          error={form.errors['role']}
          choices={[
            { value: 'mediator', label: 'Médiateur ou médiatrice', hint: 'Vérifie et valide les tickets.' },
            { value: 'structure_manager', label: 'Responsable de la structure', hint: 'Gère aussi la structure, l’équipe, les remboursements.' },
          ]}
        />
        <div className="boutons">
          <button type="submit" disabled={form.submitting}>
            Créer le compte
          </button>
        </div>
      </form>

      <h2>Jetons d’accès à l’API</h2>
      <p>
        Un jeton permet à un logiciel de la structure de vérifier et valider des tickets par l’API (<a href="/api/docs">documentation</a>).
      </p>
      {tokens.error ? (
        <Notice kind="erreur">
          <p>{tokens.error}</p>
        </Notice>
      ) : null}
      {tokens.data ? <ApiTokens tokens={tokens.data} onChanged={() => void tokens.reload()} /> : <Loading />}
    </Page>
  );
}
