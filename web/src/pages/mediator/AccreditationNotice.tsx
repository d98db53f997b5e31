import type { MediatorContext } from '../../api/mediator.ts';
import { Notice } from '../../components/Notice.tsx';

/** On arrival, when the structure may not take tickets: the application's status per open campaign, the next step, whom to contact. */
export function AccreditationNotice({ context }: { context: MediatorContext }) {
  const { items } = context.accreditation;
  const c = context.contact;
  return (
    <Notice kind="attention" title="Votre structure ne peut pas encore accepter les tickets">
      {items.length === 0 ? (
        <p>Aucune campagne du pass numérique n’est ouverte en ce moment : les tickets ne peuvent pas être utilisés.</p>
      ) : (
        <ul>
          {items.map((i) => (
            <li key={i.campaignName}>
              <strong>
                {i.campaignName} : {i.statusLabel}.
              </strong>{' '}
              {i.nextStep}
            </li>
          ))}
        </ul>
      )}
      <p>
        Contact de l’équipe du pass numérique ({c.territoryName})
        {c.phone ? (
          <>
            {' '}: <a href={`tel:${c.phone.replace(/\s/g, '')}`}>{c.phone}</a>
          </>
        ) : null}
        {c.email ? (
          <>
            {c.phone ? ', ' : ' : '}
            <a href={`mailto:${c.email}`}>{c.email}</a>
          </>
        ) : null}
        {c.address ? `, ${c.address}` : ''}.
      </p>
    </Notice>
  );
}
