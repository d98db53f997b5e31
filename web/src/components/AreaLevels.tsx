import type { DiagnosticResult } from '../api/agent.ts';
import { AreaPictogram } from './AreaPictogram.tsx';
import './diagnostic.css';

type Area = DiagnosticResult['areas'][number];

/**
 * The level of each area (issue #18, item 1), with its equivalents on the Coop's autonomy scale
 * and in DigComp; with `before`, the baseline's level beside the follow-up's.
 */
export function AreaLevels({ areas, before, caption = 'Niveau par domaine' }: { areas: Area[]; before?: Area[] | null; caption?: string }) {
  const old = new Map((before ?? []).map((a) => [a.areaId, a]));
  const rank = (l: Area['level']) => (l ? ['sans_autonomie', 'debutant', 'intermediaire', 'autonome'].indexOf(l) : -1);
  return (
    <div className="tableau" tabIndex={0} role="region" aria-labelledby="legende-niveaux">
      <table className="niveaux">
        <caption id="legende-niveaux">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Domaine</th>
            {before ? <th scope="col">Au départ</th> : null}
            <th scope="col">{before ? 'Au suivi' : 'Niveau'}</th>
            <th scope="col">Échelle de la Coop</th>
            <th scope="col">Équivalent DigComp</th>
          </tr>
        </thead>
        <tbody>
          {areas.map((a) => {
            const b = old.get(a.areaId);
            const progressed = b && rank(a.level) > rank(b.level) && rank(b.level) >= 0;
            return (
              <tr key={a.areaId}>
                <th scope="row">
                  <span className="domaine-titre">
                    <AreaPictogram area={a.pictogram} size={28} />
                    {a.label}
                  </span>
                </th>
                {before ? <td>{b?.levelLabel ?? '—'}</td> : null}
                <td className={progressed ? 'niveau--progres' : undefined}>
                  {a.levelLabel}
                  {progressed ? ' (progrès)' : ''}
                  {a.observed ? <span className="champ__aide"> avec une tâche observée</span> : null}
                </td>
                <td>{a.coopLabel ?? '—'}</td>
                <td>{a.digcomp ?? '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
