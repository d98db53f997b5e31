import { useState, type FormEvent } from 'react';
import { SECURITY_ACTION_LABELS } from '../../../../src/domain/security-labels.ts';
import { securityLogApi } from '../../api/security-log.ts';
import { Page } from '../../app/Page.tsx';
import { SelectField } from '../../components/forms.tsx';
import { Loading, Notice } from '../../components/Notice.tsx';
import { frenchDateTime } from '../../presenters/format.ts';
import { Table } from '../finance/parts.tsx';
import { useLoad } from '../finance/use-load.ts';

const ACTIONS = Object.entries(SECURITY_ACTION_LABELS).map(([value, label]) => ({ value, label }));

/** Admin: the territory's latest sign-ins, sign-outs, record reads and sensitive downloads (read-only). */
export default function SecurityLog() {
  const [draft, setDraft] = useState('');
  const [action, setAction] = useState('');
  const list = useLoad(() => securityLogApi.lines(action || undefined), [action]);
  const search = (e: FormEvent) => {
    e.preventDefault();
    setAction(draft);
  };
  const lines = list.data;
  const refused = lines?.filter((l) => l.action === 'login.failed').length ?? 0;

  return (
    <Page
      title="Journal de sécurité"
      lead="Les connexions réussies et refusées, les déconnexions, les dossiers de personnes consultés et les fichiers sensibles téléchargés, sur le territoire. Chaque ligne est gardée un an. Ce journal ne contient ni nom, ni adresse e-mail, ni recherche tapée."
      wide
    >
      <form onSubmit={search} noValidate>
        <div className="grille-champs">
          <SelectField id="filtre-action-securite" label="Action" value={draft} onChange={setDraft} options={[{ value: '', label: 'Toutes les actions' }, ...ACTIONS]} />
        </div>
        <div className="boutons">
          <button type="submit">Afficher</button>
        </div>
      </form>
      {list.error ? (
        <Notice kind="erreur">
          <p>{list.error}</p>
        </Notice>
      ) : !lines ? (
        <Loading />
      ) : lines.length ? (
        <>
          {refused ? (
            <p>
              {refused} connexion{refused > 1 ? 's refusées' : ' refusée'} parmi ces lignes. Plusieurs refus de suite pour un même compte ou une même adresse IP peuvent être une tentative
              d’intrusion : prévenez la personne qui exploite le service.
            </p>
          ) : null}
          <Table id="titre-securite" caption={`Les ${lines.length} lignes les plus récentes${action ? ` : ${SECURITY_ACTION_LABELS[action] ?? ''}` : ''}`}>
            <thead>
              <tr>
                <th scope="col">Quand</th>
                <th scope="col">Quoi</th>
                <th scope="col">Qui</th>
                <th scope="col">Sur quel objet</th>
                <th scope="col">Adresse IP</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr key={l.id}>
                  <td>{frenchDateTime(l.at)}</td>
                  <td>
                    {l.actionLabel}
                    {l.detailText ? ` (${l.detailText})` : ''}
                  </td>
                  <td>{l.actorName ? `${l.actorName}${l.actorRole ? `, ${l.actorRole}` : ''}` : l.actorKind === 'anonymous' ? 'Adresse sans compte' : (l.actorRole ?? 'Compte')}</td>
                  <td>{l.targetLabel ? <>{l.targetLabel} <span className="texte-code">{l.targetId}</span></> : '—'}</td>
                  <td className="texte-code">{l.ip ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </>
      ) : (
        <p>{action ? 'Aucune ligne pour cette action.' : 'Aucune ligne pour le moment.'}</p>
      )}
    </Page>
  );
}
