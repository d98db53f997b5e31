import type { Ref } from 'react';
import type { TicketCard } from '../../presenters/mediator.ts';

/** The big answer after a scan: icon, words and colour together, the holder's first name and initial. */
export function ResultCard({ card, note, ref }: { card: TicketCard; note?: string | null; ref?: Ref<HTMLDivElement> }) {
  // Focusable (not in the tab order): after « Vérifier », the focus moves here so that a phone shows it above the keyboard.
  return (
    <div className={`resultat resultat--${card.kind}`} ref={ref} tabIndex={-1} aria-label={`Résultat : ${card.title}`} role="group">
      <p className="resultat__titre">
        <span className="resultat__icone" aria-hidden="true">
          {card.icon}
        </span>
        {card.title}
      </p>
      {card.holder ? (
        <p className="resultat__titulaire">
          <span className="resultat__libelle">Titulaire : </span>
          {card.holder}
        </p>
      ) : null}
      <ul className="resultat__lignes">
        {card.lines.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
      {card.kind === 'valable' && card.holder ? <p className="resultat__conseil">Vérifiez le prénom avec la personne avant de valider.</p> : null}
      {note ? <p className="resultat__note">{note}</p> : null}
    </div>
  );
}
