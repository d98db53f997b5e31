import { useState } from 'react';
import { structureApi, type PasswordLink, type User } from '../../api/structure.ts';
import { Notice } from '../../components/Notice.tsx';
import { frenchDateTime } from '../../presenters/format.ts';
import { Badge, Table } from '../finance/parts.tsx';

/**
 * Accounts with their actions: a one-time link to choose a password (sent to the person's own
 * e-mail address, never shown here), disable / enable — only on accounts the user outranks. Used by the structure manager (their staff) and the admin (every account).
 */
export function UserList({ users, onChanged, caption, placeOf }: { users: User[]; onChanged: () => void; caption: string; placeOf?: (u: User) => string }) {
  const [link, setLink] = useState<{ user: User; link: PasswordLink } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      onChanged();
    } catch (e) {
      setError(e instanceof Error ? e.message : 'L’opération n’a pas abouti.');
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
                </div>
                ) : (
                  <span className="champ__aide">Géré par une personne qui a plus de droits</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
