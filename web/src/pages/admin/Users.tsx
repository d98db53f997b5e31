import { useState, type FormEvent } from 'react';
import { adminApi } from '../../api/admin.ts';
import { structureApi } from '../../api/structure.ts';
import { Page } from '../../app/Page.tsx';
import { SelectField, TextField, useForm } from '../../components/forms.tsx';
import { Loading, Notice } from '../../components/Notice.tsx';
import { useLoad } from '../finance/use-load.ts';
import { UserList } from '../structure/UserList.tsx';

const ROLES = [
  { value: 'agent', label: 'Agent d’une mairie ou d’un point d’accueil' },
  { value: 'mediator', label: 'Médiateur ou médiatrice d’une structure' },
  { value: 'structure_manager', label: 'Responsable d’une structure' },
  { value: 'admin', label: 'Administration du programme' },
  { value: 'finance', label: 'Service financier' },
  { value: 'auditor', label: 'Consultation (élus, évaluation)' },
];
const FIELD: Record<string, string> = { email: 'email', displayName: 'nom', role: 'role', organisationId: 'organisation', structureId: 'structure' };

/** Admin: every account of the territory; new accounts get a one-time password link. */
export default function Users() {
  const users = useLoad(() => structureApi.users(), []);
  const orgs = useLoad(() => adminApi.organisations(), []);
  const structures = useLoad(() => adminApi.structures(), []);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('agent');
  const [organisationId, setOrganisationId] = useState('');
  const [structureId, setStructureId] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const form = useForm((f) => FIELD[f] ?? null);
  const needsOrg = role === 'agent';
  const needsStructure = role === 'mediator' || role === 'structure_manager';

  const create = async (e: FormEvent) => {
    e.preventDefault();
    const done = await form.run(
      () => {
        const errors: Record<string, string> = {};
        if (!name.trim()) errors['nom'] = 'Saisissez le nom de la personne.';
        if (!/^\S+@\S+\.\S+$/.test(email.trim())) errors['email'] = 'Saisissez une adresse e-mail valide, par exemple prenom.nom@exemple.fr.';
        if (needsOrg && !organisationId) errors['organisation'] = 'Choisissez l’organisation de l’agent.';
        if (needsStructure && !structureId) errors['structure'] = 'Choisissez la structure.';
        return errors;
      },
      () => structureApi.createUser({ displayName: name.trim(), email: email.trim(), role, organisationId: needsOrg ? organisationId : null, structureId: needsStructure ? structureId : null }),
    );
    if (done) {
      setCreated(`Compte créé pour ${done.displayName}. Créez-lui un lien de mot de passe dans la liste.`);
      setName('');
      setEmail('');
      void users.reload();
    }
  };

  const placeOf = (u: { organisationId: string | null; structureId: string | null }) =>
    orgs.data?.find((o) => o.id === u.organisationId)?.name ?? structures.data?.find((s) => s.id === u.structureId)?.name ?? '—';

  return (
    <Page title="Comptes" lead="Les comptes du territoire. Un nouveau compte n’a pas de mot de passe : transmettez-lui un lien à usage unique." wide>
      {users.error ? (
        <Notice kind="erreur">
          <p>{users.error}</p>
        </Notice>
      ) : null}
      {users.data ? <UserList users={users.data} onChanged={() => void users.reload()} caption={`${users.data.length} comptes`} placeOf={placeOf} /> : <Loading />}

      <h2>Créer un compte</h2>
      <div role="status">{created ? <Notice kind="succes"><p>{created}</p></Notice> : null}</div>
      <form onSubmit={create} noValidate>
        {form.summary}
        <TextField id="nom" label="Prénom et nom" value={name} onChange={setName} error={form.errors['nom']} autoComplete="off" width="moyen" />
        <TextField id="email" label="Adresse e-mail" type="email" value={email} onChange={setEmail} error={form.errors['email']} autoComplete="off" width="moyen" />
        <SelectField id="role" label="Rôle" value={role} onChange={setRole} options={ROLES} error={form.errors['role']} />
        {needsOrg ? (
          <SelectField
            id="organisation"
            label="Organisation"
            value={organisationId}
            onChange={setOrganisationId}
            error={form.errors['organisation']}
            options={[{ value: '', label: 'Choisir…' }, ...(orgs.data ?? []).map((o) => ({ value: o.id, label: o.name }))]}
          />
        ) : null}
        {needsStructure ? (
          <SelectField
            id="structure"
            label="Structure"
            value={structureId}
            onChange={setStructureId}
            error={form.errors['structure']}
            options={[{ value: '', label: 'Choisir…' }, ...(structures.data ?? []).map((s) => ({ value: s.id, label: s.name }))]}
          />
        ) : null}
        <div className="boutons">
          <button type="submit" disabled={form.submitting}>
            Créer le compte
          </button>
        </div>
      </form>
    </Page>
  );
}
