import { useState, type FormEvent } from 'react';
import { agentApi } from '../../../api/agent.ts';
import { CheckboxGroup, RadioGroup, useForm } from '../../../components/forms.tsx';
import type { StepProps } from './state.ts';

/** Step 5: what the person needs to do; then the diagnostic is recorded and scored. */
export function NeedsStep({ intake, reference, update, go }: StepProps) {
  const { model } = reference;
  const [needs, setNeeds] = useState<string[]>(intake.needs);
  // v2: urgency and the wish to learn (or to have it done), asked after the needs, not scored.
  const orientation = model.questions.filter((q) => q.block === 'orientation');
  const [choices, setChoices] = useState<Record<string, string>>(() => Object.fromEntries(orientation.map((q) => [q.id, intake.answers[q.id] ?? ''])));
  const form = useForm((f) => (f === 'needs' ? 'besoins-' + model.needGroups[0]?.id : null));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const answers = { ...intake.answers, ...choices };
    const result = await form.run(
      () => Object.fromEntries(orientation.filter((q) => !choices[q.id]).map((q) => [`q-${q.id}`, `Répondez à la question « ${q.label} »`])),
      () => agentApi.diagnose(intake.person!.id, { version: model.version, answers, needs }),
    );
    if (!result) return;
    const campaign = reference.campaigns.find((c) => c.id === result.eligibility.campaignId) ?? reference.campaigns[0] ?? null;
    update({ needs, answers, result, campaign });
    go('resultat');
  };

  return (
    <>
      <p>Qu’est-ce que la personne a besoin ou envie de faire ? Cochez tout ce qui la concerne.</p>
      {form.summary}
      <form onSubmit={submit} noValidate>
        {model.needGroups.map((g) => (
          <CheckboxGroup
            key={g.id}
            id={`besoins-${g.id}`}
            legend={g.label}
            values={needs.filter((n) => model.needs.some((x) => x.id === n && x.group === g.id))}
            onChange={(values) => setNeeds([...needs.filter((n) => !model.needs.some((x) => x.id === n && x.group === g.id)), ...values])}
            choices={model.needs.filter((n) => n.group === g.id).map((n) => ({ value: n.id, label: n.label }))}
          />
        ))}
        {orientation.map((q) => (
          <RadioGroup
            key={q.id}
            id={`q-${q.id}`}
            legend={q.label}
            hint={q.hint ?? undefined}
            value={choices[q.id]}
            onChange={(value) => setChoices((c) => ({ ...c, [q.id]: value }))}
            error={form.errors[`q-${q.id}`]}
            choices={q.options.map((o) => ({ value: o.id, label: o.label }))}
          />
        ))}
        <div className="boutons">
          <button type="submit" disabled={form.submitting}>
            Voir le résultat
          </button>
          <button type="button" className="bouton--secondaire" onClick={() => {
              update({ needs, answers: { ...intake.answers, ...choices }, questionsFrom: 'last' });
              go('diagnostic');
            }}>
            Revenir aux questions
          </button>
        </div>
      </form>
    </>
  );
}
