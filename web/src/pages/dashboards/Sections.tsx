import type { Funnel, Money, People } from '../../api/dashboards.ts';
import { euros } from '../../presenters/format.ts';
import { frenchPercent } from '../../presenters/dashboards.ts';
import { Table } from '../finance/parts.tsx';
import { Bar, Figures } from './parts.tsx';

export function FunnelSection({ f }: { f: Funnel }) {
  const t = f.totals;
  return (
    <section aria-labelledby="titre-parcours">
      <h2 id="titre-parcours">Carnets remis et utilisés</h2>
      <Figures
        label="Chiffres clés des carnets"
        items={[
          { label: t.quota !== null ? `carnets remis sur ${t.quota} prévus (${frenchPercent(t.handedOutPercentOfQuota)})` : 'carnets remis', value: t.handedOut },
          { label: `ont utilisé au moins un ticket (${frenchPercent(t.firstUsedPercent)})`, value: t.firstUsed },
          { label: `ont utilisé tous leurs tickets (${frenchPercent(t.allUsedPercent)})`, value: t.allUsed },
          { label: 'jours médians avant le premier ticket utilisé', value: f.timeToFirstUse.medianDays ?? '—' },
        ]}
      />
      <Table id="titre-communes" caption="Par commune : quota, carnets remis, premier ticket utilisé, tous utilisés">
        <thead>
          <tr>
            <th scope="col">Commune</th>
            <th scope="col" className="montant">Quota</th>
            <th scope="col" className="montant">Remis</th>
            <th scope="col">Premier ticket utilisé</th>
            <th scope="col">Tous utilisés</th>
          </tr>
        </thead>
        <tbody>
          {f.byCommune.filter((c) => c.quota > 0 || c.handedOut > 0).map((c) => (
            <tr key={c.inseeCode}>
              <th scope="row">{c.name}</th>
              <td className="montant">{c.quota}</td>
              <td className="montant">
                {c.handedOut}
                <Bar part={c.handedOut} whole={c.quota} />
              </td>
              <td>
                {c.firstUsed} ({frenchPercent(c.firstUsedPercent)})
                <Bar part={c.firstUsed} whole={c.handedOut} />
              </td>
              <td>
                {c.allUsed} ({frenchPercent(c.allUsedPercent)})
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      {f.byOrganisation.length ? (
        <Table id="titre-organisations" caption="Par organisation qui a remis les carnets">
          <thead>
            <tr>
              <th scope="col">Organisation</th>
              <th scope="col" className="montant">Remis</th>
              <th scope="col">Premier ticket utilisé</th>
              <th scope="col">Tous utilisés</th>
            </tr>
          </thead>
          <tbody>
            {f.byOrganisation.map((o) => (
              <tr key={o.organisationId}>
                <th scope="row">{o.name}</th>
                <td className="montant">{o.handedOut}</td>
                <td>
                  {o.firstUsed} ({frenchPercent(o.firstUsedPercent)})
                  <Bar part={o.firstUsed} whole={o.handedOut} />
                </td>
                <td>
                  {o.allUsed} ({frenchPercent(o.allUsedPercent)})
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
      {f.timeToFirstUse.bands.length ? (
        <Table id="titre-delai" caption={`Délai entre la remise et le premier ticket utilisé (${f.timeToFirstUse.people} personnes)`}>
          <thead>
            <tr>
              <th scope="col">Délai</th>
              <th scope="col">Personnes</th>
            </tr>
          </thead>
          <tbody>
            {f.timeToFirstUse.bands.map((b) => (
              <tr key={b.label}>
                <th scope="row">{b.label}</th>
                <td>
                  {b.people}
                  <Bar part={b.people} whole={f.timeToFirstUse.people} />
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </section>
  );
}

function CountTable({ id, caption, head, rows, total }: { id: string; caption: string; head: string; rows: { id: string; label: string; n: number }[]; total: number }) {
  if (!rows.length) return null;
  return (
    <Table id={id} caption={caption}>
      <thead>
        <tr>
          <th scope="col">{head}</th>
          <th scope="col">Nombre</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <th scope="row">{r.label}</th>
            <td>
              {r.n}
              <Bar part={r.n} whole={total} />
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

export function PeopleSection({ p }: { p: People }) {
  const s = p.sessions;
  const trained = p.priorityPublic.trained;
  return (
    <section aria-labelledby="titre-personnes">
      <h2 id="titre-personnes">Personnes formées</h2>
      <Figures
        label="Chiffres clés des personnes"
        items={[
          { label: p.handedOutPeople !== null ? `personnes formées sur ${p.handedOutPeople} ayant reçu un carnet (${frenchPercent(p.trainedPercent)})` : 'personnes formées', value: p.trainedPeople },
          { label: `séances (${s.tickets} tickets)`, value: s.sessions },
          { label: `du public prioritaire parmi les personnes formées (${trained.priorityPeople} personnes)`, value: frenchPercent(trained.priorityPercent) },
          { label: `ont progressé en autonomie (sur ${p.autonomy.peopleWithFollowup} revues)`, value: p.autonomy.improved },
        ]}
      />
      <CountTable id="titre-themes" caption="Séances par thématique" head="Thématique" rows={s.byTheme.map((t) => ({ id: t.id, label: t.label, n: t.sessions }))} total={s.sessions} />
      <CountTable id="titre-formats" caption="Séances par format" head="Format" rows={s.byFormat.map((t) => ({ id: t.id, label: t.label, n: t.sessions }))} total={s.sessions} />
      <CountTable id="titre-durees" caption="Séances par durée" head="Durée" rows={s.byDuration.map((t) => ({ id: t.id, label: t.label, n: t.sessions }))} total={s.sessions} />
      <CountTable id="titre-prioritaire" caption="Personnes formées du public prioritaire, par critère" head="Critère" rows={trained.byMarker.map((m) => ({ id: m.id, label: m.label, n: m.people }))} total={trained.people} />
      {p.autonomy.profiles.length ? (
        <Table id="titre-autonomie" caption={`Autonomie au premier diagnostic et au diagnostic de suivi (${p.autonomy.improved} en progrès, ${p.autonomy.same} stables, ${p.autonomy.declined} en recul)`}>
          <thead>
            <tr>
              <th scope="col">Profil</th>
              <th scope="col" className="montant">Premier diagnostic</th>
              <th scope="col" className="montant">Suivi</th>
            </tr>
          </thead>
          <tbody>
            {p.autonomy.profiles.map((a) => (
              <tr key={a.id}>
                <th scope="row">{a.label}</th>
                <td className="montant">{a.intake}</td>
                <td className="montant">{a.followup}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </section>
  );
}

export function MoneySection({ m }: { m: Money }) {
  const base = m.budgetCents ?? m.issuedCents;
  const rows: [string, number | null][] = [
    ['Budget des campagnes', m.budgetCents],
    ['Valeur des tickets remis', m.issuedCents],
    ['Valeur des tickets utilisés', m.redeemedCents],
    ['Demandé en remboursement', m.claimedCents],
    ['Approuvé', m.approvedCents],
    ['Rejeté', m.rejectedCents],
    ['Payé', m.paidCents],
    ['Remis, non utilisé, encore valable', m.unusedValidCents],
    ['Remis, non utilisé, expiré', m.unusedExpiredCents],
    ['Budget non engagé en carnets', m.notIssuedCents],
  ];
  return (
    <section aria-labelledby="titre-argent">
      <h2 id="titre-argent">L’argent</h2>
      <p>Tickets utilisés : {frenchPercent(m.redeemedPercentOfIssued)} de la valeur remise.</p>
      <Table id="titre-montants" caption="Montants">
        <thead>
          <tr>
            <th scope="col">Poste</th>
            <th scope="col">Montant</th>
          </tr>
        </thead>
        <tbody>
          {rows.filter(([, v]) => v !== null).map(([label, v]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>
                {euros(v!)}
                <Bar part={v!} whole={base} />
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}
