import { useState, type FormEvent } from 'react';
import { RadioGroup, useForm } from '../../../components/forms.tsx';
import type { StepProps } from './state.ts';

/** Step 3: the access block of the diagnostic (devices, connection, e-mail), not scored. */
export function EquipmentStep({ intake, reference, update, go }: StepProps) {
  const questions = reference.model.questions.filter((q) => q.block === 'access');
  const [answers, setAnswers] = useState<Record<string, string>>(() => Object.fromEntries(questions.map((q) => [q.id, intake.answers[q.id] ?? ''])));
  const form = useForm();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await form.run(
      () => Object.fromEntries(questions.filter((q) => !answers[q.id]).map((q) => [`q-${q.id}`, `Répondez à la question « ${q.label} »`])),
      async () => {
        update({ answers: { ...intake.answers, ...answers }, questionsFrom: 'first' });
        go('diagnostic');
      },
    );
  };

  return (
    <>
      <p>{reference.model.accessLabel} : ce que la personne a chez elle.</p>
      {form.summary}
      <form onSubmit={submit} noValidate>
        {questions.map((q) => (
          <RadioGroup
            key={q.id}
            id={`q-${q.id}`}
            legend={q.label}
            hint={q.hint ?? undefined}
            inline={q.options.length <= 3}
            value={answers[q.id]}
            onChange={(value) => setAnswers((a) => ({ ...a, [q.id]: value }))}
            error={form.errors[`q-${q.id}`]}
            choices={q.options.map((o) => ({ value: o.id, label: o.label }))}
          />
        ))}
        <div className="boutons">
          <button type="submit">Continuer vers le diagnostic</button>
        </div>
      </form>
    </>
  );
}
