// Small pieces shared by the structure manager's and finance's reimbursement screens.
import type { ReactNode } from 'react';
import type { Ledger } from '../../api/structure.ts';
import { euros } from '../../presenters/format.ts';
import { ledgerRows, type Tone } from '../../presenters/money.ts';
import './money.css';

const ICON: Record<Tone, string> = { succes: '✓', erreur: '✗', attention: '!', info: 'i' };

/** A state as an icon and a word, in a bordered pill (the colour only repeats them). */
export function Badge({ tone, icon, children }: { tone: Tone; icon?: string; children: ReactNode }) {
  return (
    <span className={`etiquette etiquette--${tone}`}>
      <span aria-hidden="true">{icon ?? ICON[tone]} </span>
      {children}
    </span>
  );
}

/** A table in its own scrolling region (keyboard reachable), captioned. */
export function Table({ id, caption, children }: { id: string; caption: ReactNode; children: ReactNode }) {
  return (
    <div className="tableau" tabIndex={0} role="region" aria-labelledby={id}>
      <table>
        <caption id={id}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}

/** Owed, claimed, approved, paid, rejected: counts and amounts. */
export function LedgerTable({ totals, id, caption }: { totals: Ledger['totals']; id: string; caption: string }) {
  return (
    <Table id={id} caption={caption}>
      <thead>
        <tr>
          <th scope="col">Où en sont les tickets</th>
          <th scope="col" className="montant">
            Tickets
          </th>
          <th scope="col" className="montant">
            Montant
          </th>
        </tr>
      </thead>
      <tbody>
        {ledgerRows(totals).map((r) => (
          <tr key={r.key} className={r.key === 'owed' ? 'ligne-forte' : undefined}>
            <th scope="row">
              {r.label}
              <span className="champ__aide">{r.help}</span>
            </th>
            <td className="montant">{r.count}</td>
            <td className="montant">{euros(r.amountCents)}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** A file download: an ordinary link, with the format in its name. */
export function Download({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a href={href} download>
      {children}
    </a>
  );
}
