import { useState } from 'react';
import { useFocusOn } from '../../../app/Page.tsx';
import { QuestionCard } from '../../../components/QuestionCard.tsx';
import type { StepProps } from './state.ts';

/** Step 4: one question at a time, big answer buttons; an answer moves on to the next question. */
export function DiagnosticStep({ intake, reference, update, go }: StepProps) {
  const { model } = reference;
  const questions = model.questions.filter((q) => q.areaId !== null);
  const firstUnanswered = questions.findIndex((q) => !intake.answers[q.id]);
  const [index, setIndex] = useState(firstUnanswered !== -1 ? firstUnanswered : intake.questionsFrom === 'first' ? 0 : questions.length - 1);
  const [moved, setMoved] = useState(false);
  const heading = useFocusOn<HTMLHeadingElement>(index, moved);
  const question = questions[index];

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
      <QuestionCard model={model} question={question} index={index} total={questions.length} chosen={intake.answers[question.id]} onAnswer={answer} headingRef={heading} />
      <div className="boutons">
        <button type="button" className="bouton--secondaire" onClick={back}>
          {index === 0 ? 'Revenir à l’équipement' : 'Question précédente'}
        </button>
      </div>
    </>
  );
}
