import { useState, type FormEvent } from 'react';
import { agentApi, type BeneficiaryDetails } from '../../../api/agent.ts';
import { navigate } from '../../../app/router.tsx';
import { TextField, useForm } from '../../../components/forms.tsx';
import { Notice } from '../../../components/Notice.tsx';
import { frenchDate } from '../../../presenters/format.ts';
import { Deadline, RequestForm } from '../../admin/rgpd/parts.tsx';
import { useLoad } from '../../finance/use-load.ts';

/**
 * A personal-data request at the desk: hand over the copy, or erase (once no ticket is usable).
 * Both are written to the register of requests: the copy answers the person's open access request
 * (or records one received at the desk today), the erasure answers hers on the server. A request
 * received by mail or e-mail is recorded here too, with its date.
 */
export function PersonalData({ person }: { person: BeneficiaryDetails }) {
  const requests = useLoad(() => agentApi.personalDataRequests({ beneficiaryId: person.id }), [person.id]);
  const [recording, setRecording] = useState(false);
  const [said, setSaid] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [erasing, setErasing] = useState(false);
  const [reason, setReason] = useState('');
  const form = useForm((f) => (f === 'reason' ? 'motif-effacement' : null));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await form.run(
      (): Record<string, string> => (reason.trim().length < 3 ? { 'motif-effacement': 'Indiquez le motif, par exemple « demande de la personne du 12 mars ».' } : {}),
      () => agentApi.erase(person.id, reason.trim()),
    );
    if (ok) navigate('/agent/beneficiaires?efface=1');
  };
  const open = requests.data?.requests ?? [];
  const answer = async (id: string, label: string) => {
    setError(null);
    try {
      const r = await agentApi.closePersonalDataRequest(id, 'answered');
      setSaid(`Demande « ${label.toLowerCase()} » répondue le ${frenchDate(r.answeredOn)}.`);
      void requests.reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : 'La réponse n’a pas pu être enregistrée.');
    }
  };
  // Handing over the copy answers the access request (the download itself goes on).
  const copyHandedOver = async () => {
    setError(null);
    try {
      let id = open.find((r) => r.kind === 'access')?.id;
      if (!id) {
        const today = requests.data?.today ?? new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
        id = (await agentApi.recordPersonalDataRequest({ beneficiaryId: person.id, kind: 'access', channel: 'guichet', receivedOn: today })).id;
      }
      await agentApi.closePersonalDataRequest(id, 'answered', 'Copie remise');
      setSaid('Copie remise : la demande d’accès est enregistrée comme répondue.');
      void requests.reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : 'La demande n’a pas pu être enregistrée.');
    }
  };
  return (
    <section aria-labelledby="titre-donnees">
      <h2 id="titre-donnees">Demande sur ses données personnelles</h2>
      <p>La personne peut demander une copie de ses données, leur rectification, leur effacement ou s’opposer à leur usage. Répondez dans le mois qui suit sa demande.</p>
      <div role="status">
        {said ? (
          <Notice kind="succes">
            <p>{said}</p>
          </Notice>
        ) : null}
      </div>
      {error ? (
        <Notice kind="erreur" live>
          <p>{error}</p>
        </Notice>
      ) : null}
      {open.length ? (
        <>
          <h3>Ses demandes en cours</h3>
          <ul>
            {open.map((r) => (
              <li key={r.id}>
                {r.kindLabel} ({r.channelLabel.toLowerCase()}, reçue le {frenchDate(r.receivedOn)}) : <Deadline r={r} />{' '}
                {r.kind === 'erasure' ? (
                  <span className="champ__aide">Pour y répondre, effacez ses données ci-dessous.</span>
                ) : r.kind === 'access' ? (
                  <span className="champ__aide">Pour y répondre, remettez-lui la copie de ses données.</span>
                ) : (
                  <button type="button" className="lien-bouton" onClick={() => void answer(r.id, r.kindLabel)}>
                    Marquer comme répondue<span className="visuellement-cache"> : {r.kindLabel}</span>
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <div className="boutons">
        <a className="bouton bouton--secondaire" href={agentApi.personalDataPdfUrl(person.id)} download onClick={() => void copyHandedOver()}>
          Télécharger la copie de ses données (PDF)
        </a>
        {!erasing ? (
          <button type="button" className="bouton--secondaire" onClick={() => setErasing(true)}>
            Effacer ses données
          </button>
        ) : null}
        {!recording ? (
          <button type="button" className="bouton--secondaire" onClick={() => setRecording(true)}>
            Enregistrer une demande reçue
          </button>
        ) : null}
      </div>
      {recording && requests.data ? (
        <RequestForm
          beneficiaryId={person.id}
          today={requests.data.today}
          onRecorded={(r) => {
            setRecording(false);
            setSaid(`Demande enregistrée : à traiter avant le ${frenchDate(r.dueOn)}.`);
            void requests.reload();
          }}
        />
      ) : null}
      {erasing ? (
        <form onSubmit={submit} noValidate aria-labelledby="titre-effacement">
          <h3 id="titre-effacement">Effacer les données de {person.firstName}</h3>
          <p>L’effacement est définitif : son nom, sa date de naissance et son contact disparaissent ; les chiffres du programme gardent seulement sa tranche d’âge. Il est refusé tant qu’un de ses tickets peut encore servir.</p>
          {form.summary}
          <TextField id="motif-effacement" label="Motif" hint="Gardé au journal : n’y écrivez pas de nom." value={reason} onChange={setReason} error={form.errors['motif-effacement']} />
          <div className="boutons">
            <button type="submit" className="bouton--danger" disabled={form.submitting}>
              Effacer définitivement
            </button>
            <button type="button" className="bouton--secondaire" onClick={() => setErasing(false)}>
              Annuler
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
