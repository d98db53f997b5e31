import type { Ref } from 'react';
import type { DiagnosticModel } from '../api/agent.ts';
import { AreaPictogram } from './AreaPictogram.tsx';
import './diagnostic.css';

type Question = DiagnosticModel['questions'][number];

/**
 * One scored question of the diagnostic, written to be read aloud (FALC): the area with its
 * pictogram, the question, the word explained, and for an observed task what to show the person
 * and what counts as success. Shared by the intake and the follow-up.
 */
export function QuestionCard({ model, question, index, total, chosen, onAnswer, headingRef }: {
  model: DiagnosticModel;
  question: Question;
  index: number;
  total: number;
  chosen: string | undefined;
  onAnswer: (optionId: string) => void;
  headingRef: Ref<HTMLHeadingElement>;
}) {
  const area = model.areas.find((a) => a.id === question.areaId);
  const observed = question.kind === 'observed';
  return (
    <>
      <p className="etapes domaine-titre" id="diagnostic-progression">
        <AreaPictogram area={area?.pictogram} />
        <span>
          Question {index + 1} sur {total}
          {area ? ` — ${area.label}` : ''}
          {observed ? ' — tâche observée' : ''}
        </span>
      </p>
      <span className="progression" aria-hidden="true">
        <span className="progression__barre" style={{ width: `${((index + 1) * 100) / total}%` }} />
      </span>
      <h3 className="question" ref={headingRef} tabIndex={-1} id="diagnostic-question">
        {question.label}
      </h3>
      {question.hint ? <p className="question-aide">{question.hint}</p> : null}
      {observed ? (
        <div className="tache">
          <p>
            <strong>À faire par la personne, devant vous.</strong>
          </p>
          {question.material.length > 1 ? (
            <ol>
              {question.material.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ol>
          ) : (
            question.material.map((m) => <p key={m}>{m}</p>)
          )}
          {question.success ? <p>Réussi si : {question.success}</p> : null}
        </div>
      ) : null}
      <ul className="reponses" aria-labelledby="diagnostic-question">
        {question.options.map((o) => (
          <li key={o.id}>
            <button type="button" aria-pressed={chosen === o.id} onClick={() => onAnswer(o.id)}>
              {o.label}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
