import { useState } from 'react';
import { adminApi } from '../../api/admin.ts';
import { api } from '../../api/client.ts';
import { Page } from '../../app/Page.tsx';
import { SelectField } from '../../components/forms.tsx';
import { Loading, Notice } from '../../components/Notice.tsx';
import { frenchDateTime } from '../../presenters/format.ts';
import { Table } from '../finance/parts.tsx';
import { useLoad } from '../finance/use-load.ts';
import { OptOutsSection } from './messages/OptOutsSection.tsx';

const STATUSES = [
  { value: '', label: 'Tous les messages' },
  { value: 'pending', label: 'À envoyer' },
  { value: 'held', label: 'En attente (canal non configuré)' },
  { value: 'sent', label: 'Envoyés' },
  { value: 'failed', label: 'Abandonnés' },
];

/** Admin: the reminders and e-mails the programme sends — sent, waiting, failed and why. */
export default function Outbox() {
  const [status, setStatus] = useState('');
  const list = useLoad(() => adminApi.outbox(status || undefined), [status]);
  const [message, setMessage] = useState<{ kind: 'succes' | 'erreur'; text: string } | null>(null);
  const [printing, setPrinting] = useState(false);

  const retry = async (id: string) => {
    try {
      await adminApi.retryMessage(id);
      setMessage({ kind: 'succes', text: 'Le message sera envoyé de nouveau.' });
      await list.reload();
    } catch (e) {
      setMessage({ kind: 'erreur', text: e instanceof Error ? e.message : 'La relance n’a pas abouti.' });
    }
  };
  const printLetters = async () => {
    setPrinting(true);
    setMessage(null);
    try {
      const { blob, headers } = await api.postForFile('/api/outbox/letters');
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = 'passnum-courriers-de-rappel.pdf';
      a.click();
      setMessage({ kind: 'succes', text: `${headers.get('x-letter-count') ?? ''} courrier(s) prêt(s) à imprimer : ils sont comptés comme envoyés.` });
      await list.reload();
    } catch (e) {
      setMessage({ kind: 'erreur', text: e instanceof Error ? e.message : 'L’impression n’a pas abouti.' });
    } finally {
      setPrinting(false);
    }
  };

  return (
    <Page title="Messages envoyés" lead="Les rappels aux habitants et les messages aux comptes (liens de mot de passe) : envoyés, en attente, abandonnés et pourquoi. Les courriers se préparent ici en un lot à imprimer." wide>
      <div role="status">{message ? <Notice kind={message.kind}><p>{message.text}</p></Notice> : null}</div>
      {list.data ? (
        <ul>
          {list.data.channels.map((c) => (
            <li key={c.channel}>
              {c.label} : {c.configured ? 'en service' : 'pas encore configuré'} — {c.help}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="boutons">
        <button type="button" onClick={() => void printLetters()} disabled={printing}>
          Préparer les courriers en attente (PDF à imprimer)
        </button>
      </div>
      <SelectField id="filtre-etat" label="Afficher" value={status} onChange={setStatus} options={STATUSES} />
      {list.error ? (
        <Notice kind="erreur">
          <p>{list.error}</p>
        </Notice>
      ) : !list.data ? (
        <Loading />
      ) : list.data.messages.length ? (
        <Table id="titre-messages" caption={`${list.data.total} message${list.data.total > 1 ? 's' : ''}${list.data.total > list.data.messages.length ? ` (les ${list.data.messages.length} plus récents)` : ''}`}>
          <thead>
            <tr>
              <th scope="col">Préparé le</th>
              <th scope="col">Pour</th>
              <th scope="col">Message</th>
              <th scope="col">Moyen</th>
              <th scope="col">État</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {list.data.messages.map((m) => (
              <tr key={m.id}>
                <td>{frenchDateTime(m.createdAt)}</td>
                <td>{m.beneficiary?.name ?? m.recipient}</td>
                <td>
                  <details>
                    <summary>{m.subject || m.kindLabel}</summary>
                    <p style={{ whiteSpace: 'pre-wrap' }}>{m.body}</p>
                  </details>
                </td>
                <td>{m.channelLabel}</td>
                <td>
                  {m.statusLabel}
                  {m.sentAt ? ` le ${frenchDateTime(m.sentAt)}` : ''}
                  {m.lastError && m.status !== 'sent' ? ` — ${m.lastError}` : ''}
                </td>
                <td>
                  {m.status === 'failed' ? (
                    <button type="button" className="bouton--secondaire" onClick={() => void retry(m.id)}>
                      Relancer<span className="visuellement-cache"> le message du {frenchDateTime(m.createdAt)}</span>
                    </button>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : (
        <p>Aucun message dans cette catégorie.</p>
      )}
      <OptOutsSection />
    </Page>
  );
}
