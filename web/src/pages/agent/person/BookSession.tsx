import { useState, type FormEvent } from 'react';
import { agentApi, type BeneficiaryDetails, type TrainingSession } from '../../../api/agent.ts';
import { RadioGroup, useForm } from '../../../components/forms.tsx';
import { Loading, Notice } from '../../../components/Notice.tsx';
import { frenchDateTime } from '../../../presenters/format.ts';

/** The person's booked sessions, and another one to book among the places matching her needs. */
export function BookSession({ person, onBooked }: { person: BeneficiaryDetails; onBooked: () => void }) {
  const [sessions, setSessions] = useState<TrainingSession[] | null>(null);
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState('');
  const [booked, setBooked] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const form = useForm((f) => (f === 'sessionId' || f === 'beneficiaryId' ? 'autre-seance' : null));
  const already = new Set(person.bookings.map((b) => b.id));

  const start = () => {
    setOpen(true);
    setBooked(null);
    setLoadError(null);
    agentApi.orientation(person.id, null).then(
      (o) => setSessions(o.sessions.filter((s) => !already.has(s.id) && s.seatsLeft > 0)),
      (e: Error) => setLoadError(e.message),
    );
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const session = sessions?.find((s) => s.id === choice);
    const ok = await form.run(
      (): Record<string, string> => (session ? {} : { 'autre-seance': 'Choisissez une séance.' }),
      () => agentApi.book(choice, person.id),
    );
    if (ok && session) {
      setBooked(`${session.title}, ${frenchDateTime(session.startsAt)} — ${session.structureName}`);
      setOpen(false);
      setChoice('');
      onBooked();
    }
  };

  return (
    <section aria-labelledby="titre-seances">
      <h2 id="titre-seances">Séances réservées</h2>
      {person.bookings.length ? (
        <ul>
          {person.bookings.map((s) => (
            <li key={s.bookingId}>
              {frenchDateTime(s.startsAt)} — {s.title}, {s.structureName} ({s.address}
              {s.communeName ? `, ${s.communeName}` : ''})
            </li>
          ))}
        </ul>
      ) : (
        <p>Aucune séance réservée ces trois derniers mois.</p>
      )}
      {booked ? (
        <Notice kind="succes" title="Séance réservée" live>
          <p>{booked}. Donnez la date à la personne ; un rappel lui sera envoyé deux jours avant si elle l’a accepté.</p>
        </Notice>
      ) : null}
      {!open ? (
        <div className="boutons">
          <button type="button" className="bouton--secondaire" onClick={start}>
            Réserver une autre séance
          </button>
        </div>
      ) : loadError ? (
        <Notice kind="erreur" title="Les séances n’ont pas pu être chargées" live>
          <p>{loadError}</p>
        </Notice>
      ) : !sessions ? (
        <Loading label="Recherche des séances dans les lieux qui correspondent à ses besoins…" />
      ) : sessions.length ? (
        <form onSubmit={submit} noValidate>
          {form.summary}
          <RadioGroup
            id="autre-seance"
            legend="Quelle séance réserver ?"
            hint="Les prochaines séances des lieux habilités qui correspondent à ses besoins, sa commune d’abord."
            value={choice}
            onChange={setChoice}
            error={form.errors['autre-seance']}
            choices={sessions.slice(0, 8).map((s) => ({
              value: s.id,
              label: `${frenchDateTime(s.startsAt)} — ${s.title}`,
              hint: `${s.structureName} (${s.address}) · ${s.seatsLeft} place${s.seatsLeft > 1 ? 's' : ''} libre${s.seatsLeft > 1 ? 's' : ''}`,
            }))}
          />
          <div className="boutons">
            <button type="submit" disabled={form.submitting}>
              Réserver cette séance
            </button>
            <button type="button" className="bouton--secondaire" onClick={() => setOpen(false)}>
              Annuler
            </button>
          </div>
        </form>
      ) : (
        <p>Aucune séance n’a de place libre prochainement dans les lieux qui correspondent à ses besoins : la personne peut appeler le lieu de son choix.</p>
      )}
    </section>
  );
}
