import { useMemo } from 'react';
import type { Orientation } from '../../../api/agent.ts';
import { frenchPhone } from '../../../presenters/format.ts';
import { openingView } from '../../../presenters/opening-hours.ts';
import { programmesWords } from '../../../presenters/orientation.ts';

/**
 * Learn, or have it done (issue #18, item 5): the procedures the person wants done for her, and the
 * France Services and Aidants Connect places that can do them — apart from the training places.
 */
export function DoneForThem({ d, level = 3 }: { d: Orientation['doneForThem']; level?: 2 | 3 }) {
  const now = useMemo(() => new Date(), []);
  if (!d.needs.length) return null;
  const H = level === 2 ? 'h2' : 'h3';
  const P = level === 2 ? 'h3' : 'h4';
  return (
    <section aria-labelledby="titre-faire-pour-elle" className="faire-pour-elle">
      <H id="titre-faire-pour-elle">Démarches à faire pour elle</H>
      <p>
        {d.reason} {d.urgent ? 'Une démarche est à faire vite : appelez le lieu dès aujourd’hui. ' : ''}
        Un agent France Services ou un aidant habilité Aidants Connect peut les faire avec elle ou à sa place, sans ticket.
      </p>
      <ul>
        {d.needs.map((n) => (
          <li key={n.id}>{n.label}</li>
        ))}
      </ul>
      {d.places.length ? (
        <ul className="cartes">
          {d.places.map((p) => (
            <li className="carte" key={p.siteId}>
              <P>
                {p.structureName}
                {p.siteName && p.siteName !== p.structureName ? ` — ${p.siteName}` : ''}
              </P>
              <p>Label : {programmesWords(p.programmes)}.</p>
              <p>
                {p.address}, {p.postalCode} {p.communeName ?? ''}
                {p.inCommune ? ' (dans sa commune)' : ''}
              </p>
              {p.phone ? <p>Téléphone : {frenchPhone(p.phone)}</p> : null}
              <p>{openingView(p.openingHours, now).status.text}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p>Aucun lieu France Services ou Aidants Connect du territoire ne répond à ces critères : le site france-services.gouv.fr donne les plus proches.</p>
      )}
    </section>
  );
}
