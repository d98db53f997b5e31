import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { agentApi, type Orientation } from '../../../api/agent.ts';
import { CheckboxGroup, RadioGroup, useForm } from '../../../components/forms.tsx';
import { Loading, Notice } from '../../../components/Notice.tsx';
import { frenchDateTime, frenchPhone } from '../../../presenters/format.ts';
import { openingView } from '../../../presenters/opening-hours.ts';
import { SUPPORT_CHOICES } from '../../../presenters/orientation.ts';
import { DoneForThem } from '../orientation/DoneForThem.tsx';
import type { StepProps } from './state.ts';

export const canIssue = (p: StepProps['intake']) => Boolean(p.result?.eligibility.eligible || p.override);

/**
 * Step 7: language, reading and sensory needs (asked to choose a place, never stored); the places
 * that train on the needs (own commune first) and a first session to book; apart, the procedures
 * she wants done for her and the France Services and Aidants Connect places.
 */
export function OrientationStep({ intake, update, go }: StepProps) {
  const [orientation, setOrientation] = useState<Orientation | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [sessionId, setSessionId] = useState(intake.booking?.id ?? 'aucune');
  const form = useForm((f) => (f === 'sessionId' ? 'seance' : null));
  const now = useMemo(() => new Date(), []);
  const next = canIssue(intake) ? 'remise' : 'recapitulatif';

  const [support, setSupport] = useState<string[]>([]);

  useEffect(() => {
    agentApi.orientation(intake.person!.id, intake.campaign?.id ?? null, support).then(setOrientation, (e: Error) => setLoadError(e.message));
  }, [intake.person, intake.campaign, support]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (sessionId === 'aucune' || sessionId === intake.booking?.id) {
      if (sessionId === 'aucune') update({ booking: null });
      return go(next);
    }
    const session = orientation?.sessions.find((s) => s.id === sessionId) ?? null;
    const ok = await form.run(
      () => ({}),
      async () => {
        await agentApi.book(sessionId, intake.person!.id);
        return true;
      },
    );
    if (!ok) return;
    update({ booking: session });
    go(next);
  };

  if (loadError) {
    return (
      <>
        <Notice kind="erreur" title="Les lieux conseillés n’ont pas pu être chargés" live>
          <p>{loadError}</p>
        </Notice>
        <div className="boutons">
          <button type="button" onClick={() => go(next)}>
            Continuer sans orientation
          </button>
        </div>
      </>
    );
  }
  const supportFields = (
    <CheckboxGroup
      id="besoins-particuliers"
      legend="Pour choisir un lieu adapté : la personne…"
      hint="Seulement pour trouver un lieu qui sait l’accompagner. Ces réponses ne sont pas enregistrées."
      values={support}
      onChange={setSupport}
      choices={SUPPORT_CHOICES}
    />
  );
  if (!orientation) {
    return (
      <>
        {supportFields}
        <Loading label="Recherche des lieux conseillés…" />
      </>
    );
  }
  const places = orientation.places.slice(0, 5);

  return (
    <>
      {supportFields}
      <h3>Pour apprendre : lieux conseillés</h3>
      {places.length ? (
        <ul className="cartes">
          {places.map((p) => {
            const hours = openingView(p.openingHours, now);
            return (
              <li className="carte" key={p.siteId}>
                <h4>
                  {p.structureName}
                  {p.siteName && p.siteName !== p.structureName ? ` — ${p.siteName}` : ''}
                </h4>
                <p>
                  {p.address}, {p.postalCode} {p.communeName ?? ''}
                  {p.inCommune ? ' (dans sa commune)' : ''}
                </p>
                {p.phone ? <p>Téléphone : {frenchPhone(p.phone)}</p> : null}
                <p>{hours.status.text}</p>
                {p.matchedServices.length ? <p>Pour : {p.matchedServices.join(', ')}.</p> : null}
              </li>
            );
          })}
        </ul>
      ) : (
        <p>
          Aucun lieu habilité ne propose exactement ces besoins{support.length ? ' avec cet accompagnement' : ''} : la liste complète figure sur la page publique « Où utiliser mon pass ? ».
        </p>
      )}
      <DoneForThem d={orientation.doneForThem} />
      {form.summary}
      <form onSubmit={submit} noValidate>
        {orientation.sessions.length ? (
          <RadioGroup
            id="seance"
            legend="Réserver une première séance ?"
            hint="La séance réservée est imprimée sur la couverture du carnet."
            value={sessionId}
            onChange={setSessionId}
            error={form.errors.seance}
            choices={[
              { value: 'aucune', label: 'Pas de réservation pour l’instant' },
              ...orientation.sessions.slice(0, 8).map((s) => ({
                value: s.id,
                label: `${frenchDateTime(s.startsAt)} — ${s.title}`,
                hint: `${s.structureName}${s.siteName && s.siteName !== s.structureName ? `, ${s.siteName}` : ''} (${s.address}) · ${s.format === 'collectif' ? 'atelier collectif' : 'séance individuelle'} de ${s.durationMinutes} min · ${s.seatsLeft} place${s.seatsLeft > 1 ? 's' : ''} libre${s.seatsLeft > 1 ? 's' : ''}`,
              })),
            ]}
          />
        ) : (
          <p>Aucune séance n’est programmée prochainement dans ces lieux : la personne pourra appeler le lieu de son choix.</p>
        )}
        <div className="boutons">
          <button type="submit" disabled={form.submitting}>
            {canIssue(intake) ? 'Continuer vers la remise du carnet' : 'Continuer vers le récapitulatif'}
          </button>
          <button type="button" className="bouton--secondaire" onClick={() => go('resultat')}>
            Revenir au résultat
          </button>
        </div>
      </form>
    </>
  );
}
