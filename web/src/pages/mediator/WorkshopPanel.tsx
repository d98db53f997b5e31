import type { Workshop } from '../../api/mediator.ts';
import { durationLabel, ticketCount } from '../../presenters/mediator.ts';
import { euros } from '../../presenters/format.ts';

/** The workshop in progress: its service, recorded once, and who came so far. */
export function WorkshopPanel({ workshop, onEnd }: { workshop: Workshop; onEnd: () => void }) {
  const n = workshop.participants.length;
  return (
    <section aria-labelledby="titre-atelier-en-cours" className="atelier atelier--en-cours">
      <h2 id="titre-atelier-en-cours">Atelier en cours{workshop.title ? ` : ${workshop.title}` : ''}</h2>
      <p>
        {workshop.themes.map((t) => t.label).join(', ')} — {durationLabel(workshop.durationMinutes)}, {workshop.site.name}.
      </p>
      <p>Scannez ou tapez les tickets de chaque participant, une personne après l’autre : chaque carnet est validé à part.</p>
      <h3>
        {n === 0 ? 'Aucun participant enregistré' : `${n} participant${n > 1 ? 's' : ''}`}
      </h3>
      {n ? (
        <ul className="atelier__participants">
          {workshop.participants.map((p) => (
            <li key={p.redemptionId}>
              {p.holder} — carnet {p.bookletSerial}, {ticketCount(p.ticketCount)} ({euros(p.totalCents)})
            </li>
          ))}
        </ul>
      ) : null}
      <div className="boutons">
        <button type="button" className="bouton--secondaire" onClick={onEnd}>
          Terminer l’atelier
        </button>
      </div>
    </section>
  );
}
