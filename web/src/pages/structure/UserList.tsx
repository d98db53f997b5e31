import { useState } from 'react';
import { structureApi, type PasswordLink, type User } from '../../api/structure.ts';
import { SelectField } from '../../components/forms.tsx';
import { Notice } from '../../components/Notice.tsx';
import { frenchDateTime } from '../../presenters/format.ts';
import { Badge, Table } from '../finance/parts.tsx';

/**
 * Accounts with their actions: a one-time link to choose a password (sent to the person's own
 * e-mail address, never shown here), disable / enable, change the role (only to the roles the
 * server lists in `roleChoices`) — only on accounts the user outranks. Used by the structure
 * manager (their staff) and the admin (every account).
 */
export function UserList({ users, onChanged, caption, placeOf }: { users: User[]; onChanged: () => void; caption: string; placeOf?: (u: User) => string }) {
  const [link, setLink] = useState<{ user: User; link: PasswordLink } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [changing, setChanging] = useState<{ user: User; role: string } | null>(null);
  const [changed, setChanged] = useState<string | null>(null);

  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      onChanged();
    } catch (e) {
      setError(e instanceof Error ? e.message : 'L’opération n’a pas abouti.');
    }
  };
  const changeRole = async () => {
    if (!changing) return;
    const { user, role } = changing;
    setError(null);
    try {
      const updated = await structureApi.changeRole(user.id, role);
      setChanging(null);
      setChanged(`${user.displayName} a maintenant le rôle « ${updated.roleLabel} ». Ses sessions ont été fermées : la personne se reconnecte pour l’utiliser.`);
      onChanged();
    } catch (e) {
      setError(e instanceof Error ? e.message : 'Le rôle n’a pas pu être changé.');
    }
  };
  const makeLink = async (user: User) => {
    setError(null);
    try {
      setLink({ user, link: await structureApi.passwordLink(user.id) });
    } catch (e) {
      setError(e instanceof Error ? e.message : 'Le lien n’a pas pu être créé.');
    }
  };

  return (
    <>
      <div role="status">
        {changed ? (
          <Notice kind="succes">
            <p>{changed}</p>
          </Notice>
        ) : null}
        {link ? (
          <Notice kind="succes" title={`Lien envoyé à ${link.user.displayName}`}>
            <p>
              Le lien a été envoyé par e-mail à l’adresse {link.link.sentTo}. Il sert une seule fois, jusqu’au {frenchDateTime(link.link.expiresAt)}.
            </p>
          </Notice>
        ) : null}
      </div>
      {error ? (
        <Notice kind="erreur" live>
          <p>{error}</p>
        </Notice>
      ) : null}
      <Table id="titre-comptes" caption={caption}>
        <thead>
          <tr>
            <th scope="col">Nom</th>
            <th scope="col">Rôle</th>
            {placeOf ? <th scope="col">Rattachement</th> : null}
            <th scope="col">État</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <th scope="row">
                {u.displayName}
                <span className="champ__aide">{u.email}</span>
              </th>
              <td>{u.roleLabel}</td>
              {placeOf ? <td>{placeOf(u)}</td> : null}
              <td>
                {u.disabledAt ? <Badge tone="erreur">Désactivé</Badge> : <Badge tone="succes">Actif</Badge>}
                {u.totpEnabled ? <span className="champ__aide">Double authentification activée</span> : null}
              </td>
              <td>
                {u.manageable ? (
                <div className="en-ligne">
                  <button type="button" className="lien-bouton" onClick={() => void makeLink(u)}>
                    Envoyer un lien de mot de passe<span className="visuellement-cache"> à {u.displayName}</span>
                  </button>
                  {u.disabledAt ? (
                    <button type="button" className="lien-bouton" onClick={() => void act(() => structureApi.enableUser(u.id))}>
                      Réactiver<span className="visuellement-cache"> {u.displayName}</span>
                    </button>
                  ) : (
                    <button type="button" className="lien-bouton" onClick={() => void act(() => structureApi.disableUser(u.id))}>
                      Désactiver<span className="visuellement-cache"> {u.displayName}</span>
                    </button>
                  )}
                  {u.roleChoices.length && changing?.user.id !== u.id ? (
                    <button type="button" className="lien-bouton" onClick={() => { setChanged(null); setChanging({ user: u, role: u.roleChoices[0].role }); }}>
                      Changer le rôle<span className="visuellement-cache"> de {u.displayName}</span>
                    </button>
                  ) : null}
                </div>
                ) : (
                  <span className="champ__aide">Géré par une personne qui a plus de droits</span>
                )}
                {changing?.user.id === u.id ? (
                  <form
                    aria-label={`Changer le rôle de ${u.displayName}`}
                    onSubmit={(e) => {
                      e.preventDefault();
                      void changeRole();
                    }}
                  >
                    <SelectField
                      id={`nouveau-role-${u.id}`}
                      label={`Nouveau rôle de ${u.displayName}`}
                      hint="La personne est déconnectée et retrouve ses nouveaux droits à sa prochaine connexion."
                      value={changing.role}
                      onChange={(role) => setChanging({ user: u, role })}
                      options={u.roleChoices.map((c) => ({ value: c.role, label: c.label }))}
                      autoFocus
                    />
                    <div className="en-ligne">
                      <button type="submit">Enregistrer le rôle</button>
                      <button type="button" className="bouton--secondaire" onClick={() => setChanging(null)}>
                        Annuler
                      </button>
                    </div>
                  </form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
