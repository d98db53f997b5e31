// Pieces of the register of personal-data requests shared by the admin's screen and the person's
// page: the deadline in words (late ones say so in text, the colour only repeats it) and the form
// that records a request received.
import { useState, type FormEvent } from 'react';
import { agentApi, type PersonalDataRequest } from '../../../api/agent.ts';
import { RadioGroup, TextField, useForm } from '../../../components/forms.tsx';
import { REQUEST_CHANNEL_LABELS, REQUEST_CHANNELS, REQUEST_KIND_LABELS, REQUEST_KINDS } from '../../../../../src/domain/personal-data-request.ts';
import { frenchDate } from '../../../presenters/format.ts';
import { Badge } from '../../finance/parts.tsx';

const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;

/** "à traiter avant le 14 avril 2026", with "En retard" or "Plus que 3 jours" as a word. */
export function Deadline({ r }: { r: PersonalDataRequest }) {
  if (r.status === 'answered' || r.status === 'refused') return <>{`${r.statusLabel} le ${frenchDate(r.answeredOn)}`}</>;
  return (
    <>
      {r.late ? (
        <Badge tone="erreur">En retard de {plural(-(r.daysLeft ?? 0), 'jour')}</Badge>
      ) : r.dueSoon ? (
        <Badge tone="attention">{r.daysLeft === 0 ? 'Dernier jour aujourd’hui' : `Plus que ${plural(r.daysLeft ?? 0, 'jour')}`}</Badge>
      ) : null}{' '}
      à traiter avant le {frenchDate(r.dueOn)}
      {r.status === 'extended' ? <span className="champ__aide">Délai prolongé : {r.extensionReason}</span> : null}
    </>
  );
}

const FIELD: Record<string, string> = { requesterName: 'demande-nom', receivedOn: 'demande-recue-le', kind: 'demande-type', channel: 'demande-canal' };

/** Records a request received: about this person (`beneficiaryId`), or under the name written. `today`: the server's Paris day. */
export function RequestForm({ beneficiaryId, today, onRecorded, level = 3 }: { beneficiaryId?: string; today: string; onRecorded: (r: PersonalDataRequest) => void; level?: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  const [name, setName] = useState('');
  const [kind, setKind] = useState<string>('access');
  const [channel, setChannel] = useState<string>('guichet');
  const [receivedOn, setReceivedOn] = useState(today);
  const form = useForm((f) => FIELD[f] ?? null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const done = await form.run(
      () => {
        const errors: Record<string, string> = {};
        if (!beneficiaryId && name.trim().length < 2) errors['demande-nom'] = 'Saisissez le nom de la personne, tel qu’elle l’a écrit.';
        if (!/^\d{4}-\d{2}-\d{2}$/.test(receivedOn)) errors['demande-recue-le'] = 'Saisissez la date de réception de la demande.';
        return errors;
      },
      () => agentApi.recordPersonalDataRequest({
        beneficiaryId: beneficiaryId ?? null, requesterName: beneficiaryId ? null : name.trim(), kind: kind as PersonalDataRequest['kind'],
        channel: channel as PersonalDataRequest['channel'], receivedOn,
      }),
    );
    if (done) {
      setName('');
      onRecorded(done);
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="titre-nouvelle-demande">
      <Heading id="titre-nouvelle-demande">Enregistrer une demande reçue</Heading>
      {form.summary}
      {beneficiaryId ? null : (
        <TextField id="demande-nom" label="Nom de la personne" hint="Tel qu’il figure sur la demande." value={name} onChange={setName} error={form.errors['demande-nom']} autoComplete="off" width="moyen" />
      )}
      <RadioGroup id="demande-type" legend="Ce que la personne demande" value={kind} onChange={setKind} error={form.errors['demande-type']} choices={REQUEST_KINDS.map((k) => ({ value: k, label: REQUEST_KIND_LABELS[k] }))} />
      <RadioGroup id="demande-canal" legend="Reçue" inline value={channel} onChange={setChannel} error={form.errors['demande-canal']} choices={REQUEST_CHANNELS.map((c) => ({ value: c, label: REQUEST_CHANNEL_LABELS[c] }))} />
      <TextField id="demande-recue-le" label="Date de réception" hint="Le délai d’un mois pour répondre court à partir de cette date." type="date" value={receivedOn} onChange={setReceivedOn} error={form.errors['demande-recue-le']} width="moyen" />
      <div className="boutons">
        <button type="submit" disabled={form.submitting}>
          Enregistrer la demande
        </button>
      </div>
    </form>
  );
}
