import { useState, type FormEvent } from 'react';
import { structureApi, type TrainingSession } from '../../api/structure.ts';
import { Page } from '../../app/Page.tsx';
import { useSession } from '../../app/session.tsx';
import { RadioGroup, SelectField, TextField, useForm } from '../../components/forms.tsx';
import { Loading, Notice } from '../../components/Notice.tsx';
import { frenchDate, frenchDateTime } from '../../presenters/format.ts';
import { durationLabel } from '../../presenters/mediator.ts';
import { parisLocalToIso, seatsWords, sessionErrors, type SessionDraft } from '../../presenters/structure.ts';
import { useLoad } from '../finance/use-load.ts';

const FIELD: Record<string, string> = { siteId: 'seance-lieu', title: 'seance-titre', theme: 'seance-theme', format: 'seance-format', startsAt: 'seance-date', durationMinutes: 'seance-duree', capacity: 'seance-places' };
const EMPTY: SessionDraft = { siteId: '', title: '', theme: '', format: 'collectif', date: '', time: '14:00', durationMinutes: '120', capacity: '8' };

/** Groups sessions by Paris day for a calendar-like list. */
function byDay(sessions: TrainingSession[]): [string, TrainingSession[]][] {
  const days = new Map<string, TrainingSession[]>();
  for (const s of [...sessions].sort((a, b) => a.startsAt.localeCompare(b.startsAt))) {
    const day = frenchDateTime(s.startsAt).replace(/ à .*$/, '');
    days.set(day, [...(days.get(day) ?? []), s]);
  }
  return [...days.entries()];
}

/** "Séances": the calendar of upcoming sessions with their bookings, and publishing a new one. */
export default function Sessions() {
  const { me } = useSession();
  const structureId = me?.structure?.id ?? '';
  const sessions = useLoad(() => structureApi.sessions(structureId), [structureId]);
  const sites = useLoad(() => structureApi.sites(structureId), [structureId]);
  const [draft, setDraft] = useState<SessionDraft>(EMPTY);
  const [created, setCreated] = useState<string | null>(null);
  const form = useForm((f) => FIELD[f] ?? null);
  const set = (patch: Partial<SessionDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const siteId = draft.siteId || (sites.data?.length === 1 ? sites.data[0].id : '');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const d = { ...draft, siteId };
    const done = await form.run(
      () => sessionErrors(d, new Date().toISOString()),
      () =>
        structureApi.createSession({
          siteId: d.siteId, title: d.title.trim(), theme: d.theme.trim(), format: d.format as 'individuel' | 'collectif',
          startsAt: parisLocalToIso(d.date, d.time)!, durationMinutes: Number(d.durationMinutes), capacity: Number(d.capacity),
        }),
    );
    if (done) {
      setCreated(`La séance « ${d.title.trim()} » du ${frenchDate(d.date)} est publiée : les agents des mairies peuvent y inscrire des personnes.`);
      setDraft(EMPTY);
      await sessions.reload();
    }
  };

  return (
    <Page title="Séances" lead="Les séances à venir de la structure et leurs inscrits. Les agents des mairies y inscrivent les personnes qu’ils reçoivent." wide>
      {sessions.error ? (
        <Notice kind="erreur">
          <p>{sessions.error}</p>
        </Notice>
      ) : null}
      <h2>Calendrier</h2>
      {sessions.data ? (
        sessions.data.length ? (
          byDay(sessions.data).map(([day, list]) => (
            <section key={day} aria-label={day}>
              <h3>{day}</h3>
              <ul className="cartes">
                {list.map((s) => (
                  <li key={s.id} className="carte">
                    <h4>
                      {frenchDateTime(s.startsAt).replace(/^.* à /, '')} — {s.title}
                    </h4>
                    <dl>
                      <dt>Thème</dt>
                      <dd>{s.theme}</dd>
                      <dt>Format</dt>
                      <dd>
                        {s.format === 'collectif' ? 'Atelier collectif' : 'Accompagnement individuel'}, {durationLabel(s.durationMinutes)}
                      </dd>
                      <dt>Lieu</dt>
                      <dd>{s.siteName}</dd>
                      <dt>Places</dt>
                      <dd>{seatsWords(s.booked, s.capacity)}</dd>
                      <dt>Inscrits</dt>
                      <dd>{s.attendees?.length ? s.attendees.map((a) => a.name).join(', ') : 'personne pour le moment'}</dd>
                    </dl>
                  </li>
                ))}
              </ul>
            </section>
          ))
        ) : (
          <p>Aucune séance à venir.</p>
        )
      ) : (
        <Loading />
      )}

      <h2>Publier une séance</h2>
      <div role="status">{created ? <Notice kind="succes"><p>{created}</p></Notice> : null}</div>
      {sites.data ? (
        <form onSubmit={submit} noValidate>
          {form.summary}
          <SelectField
            id="seance-lieu"
            label="Lieu"
            value={siteId}
            onChange={(v) => set({ siteId: v })}
            options={[...(sites.data.length > 1 ? [{ value: '', label: 'Choisir…' }] : []), ...sites.data.map((s) => ({ value: s.id, label: s.name }))]}
            error={form.errors['seance-lieu']}
          />
          <TextField id="seance-titre" label="Titre" hint="Par exemple : Premiers pas sur smartphone." value={draft.title} onChange={(title) => set({ title })} error={form.errors['seance-titre']} />
          <TextField id="seance-theme" label="Thème" hint="Par exemple : Prendre en main son smartphone." value={draft.theme} onChange={(theme) => set({ theme })} error={form.errors['seance-theme']} />
          <RadioGroup
            id="seance-format"
            legend="Format"
            inline
            value={draft.format}
            onChange={(format) => set({ format })}
            error={form.errors['seance-format']}
            choices={[
              { value: 'collectif', label: 'Atelier collectif' },
              { value: 'individuel', label: 'Accompagnement individuel' },
            ]}
          />
          <div className="en-ligne">
            <TextField id="seance-date" label="Date" type="date" value={draft.date} onChange={(date) => set({ date })} error={form.errors['seance-date']} width="moyen" />
            <TextField id="seance-heure" label="Heure de début" type="time" value={draft.time} onChange={(time) => set({ time })} width="court" />
          </div>
          <div className="en-ligne">
            <SelectField
              id="seance-duree"
              label="Durée"
              value={draft.durationMinutes}
              onChange={(durationMinutes) => set({ durationMinutes })}
              options={[30, 60, 90, 120, 180, 240].map((m) => ({ value: String(m), label: durationLabel(m) }))}
            />
            <TextField id="seance-places" label="Nombre de places" type="number" min={1} max={200} value={draft.capacity} onChange={(capacity) => set({ capacity })} error={form.errors['seance-places']} width="court" inputMode="numeric" />
          </div>
          <div className="boutons">
            <button type="submit" disabled={form.submitting}>
              Publier la séance
            </button>
          </div>
        </form>
      ) : (
        <Loading />
      )}
    </Page>
  );
}
