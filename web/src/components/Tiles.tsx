import { Link } from '../app/router.tsx';

/** Big links to a role's main tasks. */
export function Tiles({ items, label }: { items: { to: string; title: string; text: string }[]; label: string }) {
  return (
    <ul className="tuiles" aria-label={label}>
      {items.map((i) => (
        <li key={i.to}>
          <Link to={i.to} className="tuile">
            <span className="tuile__titre">{i.title}</span>
            <span className="tuile__texte">{i.text}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
