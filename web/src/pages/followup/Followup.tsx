import { useEffect, useState, type FormEvent } from 'react';
import { followupApi, type FollowupForm, type FollowupResult } from '../../api/followup.ts';
import { useDocumentTitle, useFocusOn } from '../../app/Page.tsx';
import type { PageProps } from '../../routes.ts';
import { Link } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { AreaLevels } from '../../components/AreaLevels.tsx';
import { RadioGroup, useForm } from '../../components/forms.tsx';
import { Loading, Notice } from '../../components/Notice.tsx';
import { QuestionCard } from '../../components/QuestionCard.tsx';
import { frenchDate } from '../../presenters/format.ts';

const OUTCOMES = [
  { value: 'oui', label: 'Oui, seul ou seule' },
  { value: 'avec_aide', label: 'Oui, avec de l’aide' },
  { value: 'non', label: 'Non' },
  { value: 'pas_encore', label: 'Je n’ai pas encore essayé' },
];

/**
 * The follow-up diagnostic (issue #18, item 4): the same questions as the baseline, with the
 * baseline's questionnaire version, then per need « Avez-vous pu le faire vous-même ? »; the result
 * shows each area at intake and now. Open to the person's agent and to the structure that trained them.
 */
export default function Followup({ params }: PageProps) {
  const { me } = useSession();
  const [form, setForm] = useState<FollowupForm | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [index, setIndex] = useState(0);
  const [step, setStep] = useState<'questions' | 'besoins' | 'resultat'>('questions');
  const [outcomes, setOutcomes] = useState<Record<string, string>>({});
  const [result, setResult] = useState<FollowupResult | null>(null);
  const submit = useForm();
  const name = form ? `${form.person.firstName} ${form.person.lastNameInitial}.` : '';
  useDocumentTitle(`Diagnostic de suivi${name ? ` — ${name}` : ''}`);
  const h1 = useFocusOn<HTMLHeadingElement>('page');
  const h2 = useFocusOn<HTMLHeadingElement>(`${step}-${index}`, step !== 'questions' || index > 0);

  useEffect(() => {
    followupApi.form(params.id).then(setForm, (e: Error) => setError(e.message));
  }, [params.id]);

  const back = me?.role === 'agent' ? { to: `/agent/beneficiaires/${encodeURIComponent(params.id)}`, label: 'Revenir à sa fiche' } : { to: '/mediateur/scanner', label: 'Revenir au scanner' };
  const questions = form ? form.model.questions.filter((q) => q.areaId !== null) : [];

  const answer = (optionId: string) => {
    const q = questions[index];
    setAnswers((a) => ({ ...a, [q.id]: optionId }));
    if (index + 1 < questions.length) setIndex(index + 1);
    else setStep('besoins');
  };

  const send = async (e: FormEvent) => {
    e.preventDefault();
    const needs = form!.baseline.needs;
    const done = await submit.run(
      () => Object.fromEntries(needs.filter((n) => !outcomes[n.id]).map((n) => [`besoin-${n.id}`, `Répondez pour « ${n.label} »`])),
      () => followupApi.record(params.id, { version: form!.baseline.version, answers, needs: needs.map((n) => n.id), needOutcomes: outcomes }),
    );
    if (!done) return;
    setResult(done);
    setStep('resultat');
  };

  return (
    <div className="page">
      <h1 ref={h1} tabIndex={-1}>
        Diagnostic de suivi{name ? ` — ${name}` : ''}
      </h1>
      {error ? (
        <Notice kind="erreur" title="Le diagnostic de suivi n’est pas possible" live>
          <p>{error}</p>
          <p>
            <Link to={back.to}>{back.label}</Link>
          </p>
        </Notice>
      ) : !form ? (
        <Loading />
      ) : (
        <>
          <p className="chapo">
            Les mêmes questions qu’au premier diagnostic du {frenchDate(form.baseline.createdAt.slice(0, 10))} (questionnaire {form.baseline.version}), pour voir ses progrès.
          </p>
          {step === 'questions' ? (
            <>
              <h2 ref={h2} tabIndex={-1}>
                Questions
              </h2>
              <QuestionCard model={form.model} question={questions[index]} index={index} total={questions.length} chosen={answers[questions[index].id]} onAnswer={answer} headingRef={null} />
              {index > 0 ? (
                <div className="boutons">
                  <button type="button" className="bouton--secondaire" onClick={() => setIndex(index - 1)}>
                    Question précédente
                  </button>
                </div>
              ) : null}
            </>
          ) : step === 'besoins' ? (
            <>
              <h2 ref={h2} tabIndex={-1}>
                Ses besoins
              </h2>
              {submit.summary}
              <form onSubmit={send} noValidate>
                {form.baseline.needs.length ? (
                  form.baseline.needs.map((n) => (
                    <RadioGroup
                      key={n.id}
                      id={`besoin-${n.id}`}
                      legend={`${n.label} : avez-vous pu le faire vous-même ?`}
                      value={outcomes[n.id] ?? ''}
                      onChange={(v) => setOutcomes((o) => ({ ...o, [n.id]: v }))}
                      error={submit.errors[`besoin-${n.id}`]}
                      choices={OUTCOMES}
                    />
                  ))
                ) : (
                  <p>Aucun besoin n’avait été noté au premier diagnostic.</p>
                )}
                <div className="boutons">
                  <button type="submit" disabled={submit.submitting}>
                    Enregistrer le suivi
                  </button>
                  <button type="button" className="bouton--secondaire" onClick={() => setStep('questions')}>
                    Revenir aux questions
                  </button>
                </div>
              </form>
            </>
          ) : result ? (
            <>
              <h2 ref={h2} tabIndex={-1}>
                Ses progrès
              </h2>
              <Notice kind="succes" title="Diagnostic de suivi enregistré" live>
                <p>Il est comparé au premier diagnostic, avec le même questionnaire.</p>
              </Notice>
              <AreaLevels areas={result.areas} before={result.baselineAreas} caption="Niveau par domaine, au départ et au suivi" />
              {form.baseline.needs.length ? (
                <>
                  <h3>Ses besoins</h3>
                  <ul>
                    {form.baseline.needs.map((n) => (
                      <li key={n.id}>
                        {n.label} : {OUTCOMES.find((o) => o.value === result.needOutcomes[n.id])?.label ?? '—'}
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
              <div className="boutons">
                <Link className="bouton" to={back.to}>
                  {back.label}
                </Link>
              </div>
            </>
          ) : null}
        </>
      )}
    </div>
  );
}
