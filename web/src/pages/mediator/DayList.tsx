import { useState } from 'react';
import type { RedemptionDay, RedemptionView } from '../../api/mediator.ts';
import { frenchDate, frenchDateTime } from '../../presenters/format.ts';
import { durationLabel, ticketCount } from '../../presenters/mediator.ts';
import { UndoForm } from './UndoForm.tsx';

function time(iso: string): string {
  return frenchDateTime(iso).replace(/^.* à /, '');
}

/** The day's redemptions of the structure, each undoable while it is not in a claim. */
export function DayList({ day, onUndone }: { day: RedemptionDay; onUndone: (r: RedemptionView) => void }) {
  const [undoing, setUndoing] = useState<string | null>(null);
  return (
    <section aria-labelledby="titre-journee">
      <h2 id="titre-journee">Utilisations du {frenchDate(day.date)}</h2>
      <p>
        {day.redemptions.length === 0 ? 'Aucune utilisation aujourd’hui pour le moment.' : `${ticketCount(day.ticketCount, day.totalCents)} au total.`}
      </p>
      {day.redemptions.length ? (
        <ul className="cartes">
          {day.redemptions.map((r) => (
            <li key={r.redemptionId} className="carte">
              <h3>
                {time(r.redeemedAt)} — {ticketCount(r.tickets.length, r.totalCents)}
                {r.undone ? ' (annulée)' : ''}
              </h3>
              <dl>
                <dt>Carnet</dt>
                <dd>{r.bookletSerial ?? '—'}</dd>
                <dt>Tickets</dt>
                <dd>{r.tickets.map((t) => `n° ${t.index}${t.undoneAt ? ' (annulé)' : ''}`).join(', ')}</dd>
                <dt>Accompagnement</dt>
                <dd>
                  {r.service.formatLabel}, {durationLabel(r.service.durationMinutes)} — {r.service.themes.map((t) => t.label).join(', ')}
                </dd>
                <dt>Lieu</dt>
                <dd>{r.service.site.name}</dd>
                <dt>Par</dt>
                <dd>{r.by}</dd>
              </dl>
              {r.canUndo ? (
                undoing === r.redemptionId ? (
                  <UndoForm
                    redemption={r}
                    idPrefix={`annuler-${r.redemptionId}`}
                    onCancel={() => setUndoing(null)}
                    onDone={(done) => {
                      setUndoing(null);
                      onUndone(done);
                    }}
                  />
                ) : (
                  <button type="button" className="bouton--secondaire" onClick={() => setUndoing(r.redemptionId)}>
                    Annuler cette utilisation<span className="visuellement-cache"> de {time(r.redeemedAt)}</span>
                  </button>
                )
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
