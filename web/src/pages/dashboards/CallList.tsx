import { useState } from 'react';
import { dashboardsApi } from '../../api/dashboards.ts';
import { Page } from '../../app/Page.tsx';
import { SelectField } from '../../components/forms.tsx';
import { Loading, Notice } from '../../components/Notice.tsx';
import { euros, frenchDate, frenchDateTime, frenchPhone } from '../../presenters/format.ts';
import { Table } from '../finance/parts.tsx';
import { useLoad } from '../finance/use-load.ts';

type Person = NonNullable<Awaited<ReturnType<typeof dashboardsApi.actionList>>>['people'][number];

/** "Personnes à appeler": unused tickets about to expire, and booklets asleep since hand-out. */
export default function CallList() {
  const [days, setDays] = useState('30');
  const list = useLoad(() => dashboardsApi.actionList({ days: Number(days) }), [days]);
  return (
    <Page title="Personnes à appeler" lead="Les personnes dont des tickets non utilisés expirent bientôt, et celles qui n’ont encore utilisé aucun ticket : un appel suffit souvent à réserver une séance." wide>
      <div className="filtres">
        <SelectField id="horizon" label="Tickets qui expirent dans les" value={days} onChange={setDays} options={['15', '30', '60', '90'].map((d) => ({ value: d, label: `${d} prochains jours` }))} />
      </div>
      {list.error ? (
        <Notice kind="erreur">
          <p>{list.error}</p>
        </Notice>
      ) : null}
      {list.data ? (
        <>
          <h2 id="titre-expirent">Tickets qui expirent bientôt</h2>
          {list.data.people.length ? (
            <PeopleTable id="table-expirent" people={list.data.people} caption={`${plural(list.data.total)} — ${list.data.scope.label}, tickets valables jusqu’au ${frenchDate(list.data.until)} au plus tard`} />
          ) : (
            <p>Aucun ticket non utilisé n’expire dans cette période.</p>
          )}
          <h2 id="titre-dorment">Carnets qui dorment</h2>
          {list.data.dormant.people.length ? (
            <PeopleTable id="table-dorment" people={list.data.dormant.people} caption={`${plural(list.data.dormant.total)} — carnet remis avant le ${frenchDate(list.data.dormant.handedOutBefore)}, aucun ticket utilisé`} />
          ) : (
            <p>Aucun carnet remis depuis plus de 30 jours sans ticket utilisé.</p>
          )}
        </>
      ) : (
        <Loading />
      )}
    </Page>
  );
}

function plural(n: number): string {
  return `${n} personne${n > 1 ? 's' : ''}`;
}

function PeopleTable({ id, caption, people }: { id: string; caption: string; people: Person[] }) {
  return (
    <Table id={id} caption={caption}>
      <thead>
        <tr>
          <th scope="col">Personne</th>
          <th scope="col">Contact</th>
          <th scope="col">Tickets non utilisés</th>
          <th scope="col">Fin de validité</th>
          <th scope="col">Que faire</th>
        </tr>
      </thead>
      <tbody>
        {people.map((p) => (
          <tr key={`${p.beneficiaryId}-${p.campaign.id}`}>
            <th scope="row">
              {p.firstName} {p.lastName}
              <span className="champ__aide">
                {p.commune.name} — {p.organisation.name}
              </span>
            </th>
            <td>
              {p.phone ? <a href={`tel:${p.phone}`}>{frenchPhone(p.phone)}</a> : null}
              {p.phone && p.email ? <br /> : null}
              {p.email ?? null}
              {!p.phone && !p.email ? 'aucun contact' : null}
              {p.optedOut ? <span className="champ__aide">Ne souhaite pas être relancée</span> : null}
            </td>
            <td>
              {p.unusedTickets} ({euros(p.unusedCents)})<span className="champ__aide">{p.usedTickets} déjà utilisés</span>
            </td>
            <td>
              {frenchDate(p.validUntil)}
              <span className="champ__aide">dans {p.daysLeft} jour{p.daysLeft > 1 ? 's' : ''}</span>
            </td>
            <td>
              {p.advice}
              {p.lastMessageAt ? <span className="champ__aide">Dernier message : {frenchDateTime(p.lastMessageAt)}</span> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
