import { useState } from 'react';
import { useFocusOn } from '../../../app/Page.tsx';
import type { StepProps } from './state.ts';

/** Step 4: one question at a time, big answer buttons; an answer moves on to the next question. */
export function DiagnosticStep({ intake, reference, update, go }: StepProps) {
  const { model } = reference;
  const questions = model.questions.filter((q) => q.areaId !== null);
  const firstUnanswered = questions.findIndex((q) => !intake.answers[q.id]);
  const [index, setIndex] = useState(firstUnanswered === -1 ? questions.length - 1 : firstUnanswered);
  const [moved, setMoved] = useState(false);
  const heading = useFocusOn<HTMLHeadingElement>(index, moved);
  const question = questions[index];
  const area = model.areas.find((a) => a.id === question.areaId);

  const answer = (optionId: string) => {
    update({ answers: { ...intake.answers, [question.id]: optionId } });
    if (index + 1 < questions.length) {
      setIndex(index + 1);
      setMoved(true);
    } else go('besoins');
  };
  const back = () => {
    if (index === 0) return go('equipement');
    setIndex(index - 1);
    setMoved(true);
  };

  return (
    <>
      <p className="etapes" id="diagnostic-progression">
        Question {index + 1} sur {questions.length}
        {area ? ` — ${area.label}` : ''}
      </p>
      <span className="progression" aria-hidden="true">
        <span className="progression__barre" style={{ width: `${((index + 1) * 100) / questions.length}%` }} />
      </span>
      <h3 className="question" ref={heading} tabIndex={-1} id="diagnostic-question">
        {question.label}
      </h3>
      <ul className="reponses" aria-labelledby="diagnostic-question">
        {question.options.map((o) => (
          <li key={o.id}>
            <button type="button" aria-pressed={intake.answers[question.id] === o.id} onClick={() => answer(o.id)}>
              {o.label}
            </button>
          </li>
        ))}
      </ul>
      <div className="boutons">
        <button type="button" className="bouton--secondaire" onClick={back}>
          {index === 0 ? 'Revenir à l’équipement' : 'Question précédente'}
        </button>
      </div>
    </>
  );
}
