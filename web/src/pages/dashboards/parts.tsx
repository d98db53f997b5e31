import type { ReactNode } from 'react';
import { barWidth } from '../../presenters/dashboards.ts';
import './dashboards.css';

/** A visual bar repeating a share shown in words next to it (hidden from screen readers). */
export function Bar({ part, whole }: { part: number; whole: number }) {
  return (
    <span className="barre" aria-hidden="true">
      <span style={{ width: `${barWidth(part, whole)}%` }} />
    </span>
  );
}

/** Key figures as a list of labelled values. */
export function Figures({ label, items }: { label: string; items: { label: string; value: ReactNode }[] }) {
  return (
    <ul className="chiffres" aria-label={label}>
      {items.map((i) => (
        <li key={i.label}>
          <span className="chiffres__valeur">{i.value}</span>
          {i.label}
        </li>
      ))}
    </ul>
  );
}
