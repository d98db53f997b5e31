import { useEffect, useRef, useState, type FormEvent } from 'react';
import { agentApi, type PersonalDataRequest } from '../../api/agent.ts';
import { Page } from '../../app/Page.tsx';
import { TextField, useForm } from '../../components/forms.tsx';
import { Loading, Notice } from '../../components/Notice.tsx';
import { frenchDate } from '../../presenters/format.ts';
import { Table } from '../finance/parts.tsx';
import { useLoad } from '../finance/use-load.ts';
import { Deadline, RequestForm } from './rgpd/parts.tsx';

type Action = { r: PersonalDataRequest; op: 'answer' | 'refuse' | 'extend' };
const ACTION_TITLE: Record<Action['op'], string> = {
  answer: 'Répondre à la demande de',
  refuse: 'Refuser la demande de',
  extend: 'Prolonger le délai de la demande de',
};

/**
 * The register of personal-data requests (RGPD articles 15 to 21): the open ones, the most urgent
 * first, each with its deadline in words; record a request received; extend, answer or refuse.
 * The admin sees the territory's, an agent their organisation's.
 */
export default function PersonalDataRequests() {
  const list = useLoad(() => agentApi.personalDataRequests(), []);
  const [action, setAction] = useState<Action | null>(null);
  const [note, setNote] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const form = useForm((f) => (f === 'note' || f === 'reason' ? 'demande-note' : null));
  const actionHeading = useRef<HTMLHeadingElement>(null);
  // The form opens below the table: the focus goes to its heading, so keyboard users land on it.
  useEffect(() => actionHeading.current?.focus(), [action]);

  const open = (a: Action) => {
    setDone(null);
    setNote('');
    form.setErrors({});
    form.setGeneral(null);
    setAction(a);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!action) return;
    const { r, op } = action;
    const result = await form.run(
      (): Record<string, string> => {
        if (op === 'refuse' && note.trim().length < 3)
          return { 'demande-note': 'Écrivez le motif du refus : il est communiqué à la personne.' };
        if (op === 'extend' && note.trim().length < 3)
          return {
            'demande-note':
              'Écrivez pourquoi la demande est complexe : ce motif est communiqué à la personne.',
          };
        return {};
      },
      () =>
        op === 'extend'
          ? agentApi.extendPersonalDataRequest(r.id, note.trim())
          : agentApi.closePersonalDataRequest(r.id, op === 'answer' ? 'answered' : 'refused', note.trim()),
    );
    if (result) {
      setAction(null);
      setDone(
        op === 'extend'
          ? `Délai prolongé : la demande de ${r.personName} est à traiter avant le ${frenchDate(result.dueOn)}. Prévenez la personne, avec le motif.`
          : `Demande de ${r.personName} ${op === 'answer' ? 'répondue' : 'refusée'} le ${frenchDate(result.answeredOn)}.`,
      );
      void list.reload();
    }
  };

  const requests = list.data?.requests ?? [];
  return (
    <Page
      title="Demandes RGPD"
      lead="Les demandes des personnes sur leurs données : accès, rectification, effacement, opposition. La réponse est due un mois après la réception ; deux mois de plus pour une demande complexe, à condition de prévenir la personne pendant le premier mois."
      wide
    >
      {list.error ? (
        <Notice kind="erreur">
          <p>{list.error}</p>
        </Notice>
      ) : null}
      <div role="status">
        {done ? (
          <Notice kind="succes">
            <p>{done}</p>
          </Notice>
        ) : null}
      </div>
      {list.data && list.data.late ? (
        <Notice kind="erreur" title={`${list.data.late} demande${list.data.late > 1 ? 's' : ''} en retard`}>
          <p>Le délai légal est dépassé : répondez sans attendre.</p>
        </Notice>
      ) : null}
      {!list.data ? (
        <Loading />
      ) : requests.length === 0 ? (
        <p>Aucune demande en cours.</p>
      ) : (
        <Table
          id="titre-demandes"
          caption={`Demandes en cours (${requests.length}), la plus urgente d’abord`}
        >
          <thead>
            <tr>
              <th scope="col">Personne</th>
              <th scope="col">Demande</th>
              <th scope="col">Délai</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {requests.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  {r.personName}
                  {r.nameAsWritten ? (
                    <span className="champ__aide">Nom tel qu’écrit : personne non retrouvée</span>
                  ) : null}
                  {r.organisationName ? <span className="champ__aide">{r.organisationName}</span> : null}
                </th>
                <td>
                  {r.kindLabel}
                  <span className="champ__aide">
                    {r.channelLabel}, reçue le {frenchDate(r.receivedOn)}
                  </span>
                </td>
                <td>
                  <Deadline r={r} />
                </td>
                <td>
                  <div className="en-ligne">
                    {r.copyPdfUrl ? (
                      <a href={r.copyPdfUrl} download>
                        Télécharger la copie
                        <span className="visuellement-cache"> des données de {r.personName}</span> (PDF)
                      </a>
                    ) : null}
                    <button type="button" className="lien-bouton" onClick={() => open({ r, op: 'answer' })}>
                      Répondre<span className="visuellement-cache"> à la demande de {r.personName}</span>
                    </button>
                    <button type="button" className="lien-bouton" onClick={() => open({ r, op: 'refuse' })}>
                      Refuser<span className="visuellement-cache"> la demande de {r.personName}</span>
                    </button>
                    {r.mayExtend ? (
                      <button type="button" className="lien-bouton" onClick={() => open({ r, op: 'extend' })}>
                        Prolonger le délai
                        <span className="visuellement-cache"> de la demande de {r.personName}</span>
                      </button>
                    ) : null}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}

      {action ? (
        <form onSubmit={submit} noValidate aria-labelledby="titre-action-demande">
          <h2 id="titre-action-demande" tabIndex={-1} ref={actionHeading}>
            {ACTION_TITLE[action.op]} {action.r.personName}
          </h2>
          <p>
            {action.r.kindLabel}, reçue le {frenchDate(action.r.receivedOn)}.{' '}
            {action.op === 'answer' && action.r.kind === 'erasure' && action.r.beneficiaryId
              ? 'Répondre efface ses données : son nom, sa date de naissance et son contact disparaissent. C’est refusé tant qu’un de ses tickets peut encore servir.'
              : action.op === 'extend'
                ? 'Le délai passe à trois mois après la réception. Prévenez la personne avant la fin du premier mois, en lui donnant le motif.'
                : null}
          </p>
          {form.summary}
          <TextField
            id="demande-note"
            label={
              action.op === 'refuse'
                ? 'Motif du refus'
                : action.op === 'extend'
                  ? 'Motif de la prolongation'
                  : 'Réponse donnée'
            }
            hint="Gardé au registre et au journal : n’y écrivez pas de nom."
            optional={action.op === 'answer'}
            value={note}
            onChange={setNote}
            error={form.errors['demande-note']}
          />
          <div className="boutons">
            <button
              type="submit"
              className={
                action.op === 'answer' && action.r.kind === 'erasure' && action.r.beneficiaryId
                  ? 'bouton--danger'
                  : undefined
              }
              disabled={form.submitting}
            >
              {action.op === 'answer'
                ? 'Enregistrer la réponse'
                : action.op === 'refuse'
                  ? 'Enregistrer le refus'
                  : 'Prolonger le délai'}
            </button>
            <button type="button" className="bouton--secondaire" onClick={() => setAction(null)}>
              Annuler
            </button>
          </div>
        </form>
      ) : null}

      {list.data ? (
        <RequestForm
          level={2}
          today={list.data.today}
          onRecorded={(r) => {
            setDone(`Demande de ${r.personName} enregistrée : à traiter avant le ${frenchDate(r.dueOn)}.`);
            void list.reload();
          }}
        />
      ) : null}
    </Page>
  );
}
