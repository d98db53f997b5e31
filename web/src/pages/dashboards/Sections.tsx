import type { Funnel, Money, People } from '../../api/dashboards.ts';
import { BarChart } from '../../components/BarChart.tsx';
import { euros } from '../../presenters/format.ts';
import { frenchPercent, funnelSteps, halfOfPeopleWithin } from '../../presenters/dashboards.ts';
import { Table } from '../finance/parts.tsx';
import { CountChart, Figures, nombre } from './parts.tsx';

export function FunnelSection({ f }: { f: Funnel }) {
  const t = f.totals;
  const steps = funnelSteps(t);
  // The quota is the first step's reference, not a step: each bar is a step's rate of its own
  // reference, so 24 booklets out of a quota of 3,000 and 12 of them used both read plainly.
  const rated = steps.filter((s) => s.key !== 'quota');
  const delay = f.timeToFirstUse;
  const topBand = delay.bands.reduce<{ label: string; people: number } | null>(
    (a, b) => (a && a.people >= b.people ? a : b),
    null,
  );
  const reference = (s: (typeof steps)[number]) =>
    s.of === 'du quota' ? `${nombre(s.count)} sur ${nombre(t.quota)} prévus` : s.of ? `${nombre(s.count)} sur ${nombre(t.handedOut)} remis` : nombre(s.count);
  return (
    <section aria-labelledby="titre-parcours">
      <h2 id="titre-parcours">Carnets remis et utilisés</h2>
      <Figures
        label="Chiffres clés des carnets"
        items={[
          ...rated.map((s) => ({ label: s.sentence.slice(s.sentence.indexOf(' ') + 1), value: nombre(s.count) })),
          delay.medianDays === null
            ? { label: 'aucun ticket utilisé pour l’instant', value: '—' }
            : {
                label: 'suffisent à la moitié des personnes pour utiliser leur premier ticket, après la remise du carnet',
                value: delay.medianDays === 0 ? 'Le jour même' : `${nombre(delay.medianDays)} jour${delay.medianDays > 1 ? 's' : ''}`,
              },
        ]}
      />
      <BarChart
        id="graphique-parcours"
        caption={
          t.quota !== null
            ? `Les carnets à chaque étape : les carnets remis rapportés au quota (${nombre(t.quota)} prévus), les tickets utilisés rapportés aux carnets remis`
            : 'Les carnets à chaque étape : les tickets utilisés rapportés aux carnets remis'
        }
        summary={`Graphique en barres, une barre par étape, chacune à l’échelle de sa référence : ${rated.map((s) => s.sentence).join(' ; ')}. Les chiffres sont dans le tableau qui suit.`}
        spec={{
          horizontal: true,
          max: 100,
          labels: rated.map((s) => `${s.label} (${reference(s)})`),
          series: [
            {
              label: 'Taux',
              // Without a quota, the booklets handed out are the reference itself: a full bar.
              values: rated.map((s) => (s.of ? (s.percent ?? 0) : 100)),
              display: rated.map((s) => (s.of ? `${frenchPercent(s.percent)}` : nombre(s.count))),
            },
          ],
        }}
        table={
          <Table id="titre-etapes" caption="Données du graphique : carnets à chaque étape">
            <thead>
              <tr>
                <th scope="col">Étape</th>
                <th scope="col" className="montant">
                  Carnets
                </th>
                <th scope="col">Taux</th>
              </tr>
            </thead>
            <tbody>
              {steps.map((s) => (
                <tr key={s.label}>
                  <th scope="row">{s.label}</th>
                  <td className="montant">{nombre(s.count)}</td>
                  <td>{s.of ? `${frenchPercent(s.percent)} ${s.of}` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        }
      />
      <p>{halfOfPeopleWithin(delay.medianDays)}</p>
      {delay.bands.length ? (
        <BarChart
          id="graphique-delai"
          caption={`Délai entre la remise du carnet et le premier ticket utilisé (${nombre(delay.people)} personnes)`}
          summary={`Histogramme : ${nombre(delay.people)} personnes. ${halfOfPeopleWithin(delay.medianDays)}${topBand && topBand.people ? ` Le plus souvent : ${topBand.label} (${nombre(topBand.people)} personnes).` : ''} Les chiffres sont dans le tableau qui suit.`}
          spec={{
            histogram: true,
            labels: delay.bands.map((b) => b.label),
            series: [
              {
                label: 'Personnes',
                values: delay.bands.map((b) => b.people),
                display: delay.bands.map((b) => nombre(b.people)),
              },
            ],
          }}
          table={
            <Table
              id="titre-delai"
              caption="Données du graphique : personnes par délai avant le premier ticket utilisé"
            >
              <thead>
                <tr>
                  <th scope="col">Délai</th>
                  <th scope="col" className="montant">
                    Personnes
                  </th>
                </tr>
              </thead>
              <tbody>
                {delay.bands.map((b) => (
                  <tr key={b.label}>
                    <th scope="row">{b.label}</th>
                    <td className="montant">{nombre(b.people)}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          }
        />
      ) : null}
      <Table
        id="titre-communes"
        caption="Par commune : quota, carnets remis, premier ticket utilisé, tous utilisés"
      >
        <thead>
          <tr>
            <th scope="col">Commune</th>
            <th scope="col" className="montant">
              Quota
            </th>
            <th scope="col" className="montant">
              Remis
            </th>
            <th scope="col">Premier ticket utilisé</th>
            <th scope="col">Tous utilisés</th>
          </tr>
        </thead>
        <tbody>
          {f.byCommune
            .filter((c) => c.quota > 0 || c.handedOut > 0)
            .map((c) => (
              <tr key={c.inseeCode}>
                <th scope="row">{c.name}</th>
                <td className="montant">{nombre(c.quota)}</td>
                <td className="montant">{nombre(c.handedOut)}</td>
                <td>
                  {nombre(c.firstUsed)} ({frenchPercent(c.firstUsedPercent)})
                </td>
                <td>
                  {nombre(c.allUsed)} ({frenchPercent(c.allUsedPercent)})
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
              <th scope="col" className="montant">
                Remis
              </th>
              <th scope="col">Premier ticket utilisé</th>
              <th scope="col">Tous utilisés</th>
            </tr>
          </thead>
          <tbody>
            {f.byOrganisation.map((o) => (
              <tr key={o.organisationId}>
                <th scope="row">{o.name}</th>
                <td className="montant">{nombre(o.handedOut)}</td>
                <td>
                  {nombre(o.firstUsed)} ({frenchPercent(o.firstUsedPercent)})
                </td>
                <td>
                  {nombre(o.allUsed)} ({frenchPercent(o.allUsedPercent)})
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </section>
  );
}

export function PeopleSection({ p }: { p: People }) {
  const s = p.sessions;
  const trained = p.priorityPublic.trained;
  const a = p.autonomy;
  const most = (key: 'intake' | 'followup') =>
    a.profiles.reduce<(typeof a.profiles)[number] | null>((x, y) => (x && x[key] >= y[key] ? x : y), null);
  const topIntake = most('intake');
  const topFollowup = most('followup');
  return (
    <section aria-labelledby="titre-personnes">
      <h2 id="titre-personnes">Personnes formées</h2>
      <Figures
        label="Chiffres clés des personnes"
        items={[
          {
            label:
              p.handedOutPeople !== null
                ? `personnes formées sur ${nombre(p.handedOutPeople)} ayant reçu un carnet (${frenchPercent(p.trainedPercent)})`
                : 'personnes formées',
            value: nombre(p.trainedPeople),
          },
          { label: `séances (${nombre(s.tickets)} tickets)`, value: nombre(s.sessions) },
          {
            label: `du public prioritaire parmi les personnes formées (${nombre(trained.priorityPeople)} personnes)`,
            value: frenchPercent(trained.priorityPercent),
          },
          {
            label: `ont progressé en autonomie (sur ${nombre(a.peopleWithFollowup)} revues)`,
            value: nombre(a.improved),
          },
        ]}
      />
      <CountChart
        id="titre-themes"
        caption="Séances par thématique"
        head="Thématique"
        unit="Séances"
        rows={s.byTheme.map((t) => ({ id: t.id, label: t.label, n: t.sessions }))}
      />
      <CountChart
        id="titre-formats"
        caption="Séances par format"
        head="Format"
        unit="Séances"
        rows={s.byFormat.map((t) => ({ id: t.id, label: t.label, n: t.sessions }))}
      />
      <CountChart
        id="titre-durees"
        caption="Séances par durée"
        head="Durée"
        unit="Séances"
        rows={s.byDuration.map((t) => ({ id: t.id, label: t.label, n: t.sessions }))}
      />
      <CountChart
        id="titre-prioritaire"
        caption="Personnes formées du public prioritaire, par critère"
        head="Critère"
        unit="Personnes"
        rows={trained.byMarker.map((m) => ({ id: m.id, label: m.label, n: m.people }))}
      />
      {a.profiles.length ? (
        <BarChart
          id="graphique-autonomie"
          caption={`Autonomie au premier diagnostic et au diagnostic de suivi (${nombre(a.improved)} en progrès, ${nombre(a.same)} stables, ${nombre(a.declined)} en recul)`}
          summary={`Graphique en barres groupées, premier diagnostic (barres pleines) et suivi (barres hachurées) : au premier diagnostic, le profil le plus fréquent est ${topIntake?.label ?? '—'} (${nombre(topIntake?.intake)}) ; au suivi, ${topFollowup?.label ?? '—'} (${nombre(topFollowup?.followup)}). Les chiffres sont dans le tableau qui suit.`}
          spec={{
            horizontal: true,
            labels: a.profiles.map((x) => x.label),
            series: [
              {
                label: 'Premier diagnostic',
                values: a.profiles.map((x) => x.intake),
                display: a.profiles.map((x) => nombre(x.intake)),
              },
              {
                label: 'Suivi',
                values: a.profiles.map((x) => x.followup),
                display: a.profiles.map((x) => nombre(x.followup)),
              },
            ],
          }}
          table={
            <Table id="titre-autonomie" caption="Données du graphique : personnes par profil d’autonomie">
              <thead>
                <tr>
                  <th scope="col">Profil</th>
                  <th scope="col" className="montant">
                    Premier diagnostic
                  </th>
                  <th scope="col" className="montant">
                    Suivi
                  </th>
                </tr>
              </thead>
              <tbody>
                {a.profiles.map((x) => (
                  <tr key={x.id}>
                    <th scope="row">{x.label}</th>
                    <td className="montant">{nombre(x.intake)}</td>
                    <td className="montant">{nombre(x.followup)}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          }
        />
      ) : null}
    </section>
  );
}

type MoneyRow = { label: string; cents: number };

/** The budget: what was committed as booklets handed out, what was not (territory only). */
export function budgetRows(m: Money): MoneyRow[] | null {
  if (m.budgetCents === null) return null;
  return [
    { label: 'Budget des campagnes', cents: m.budgetCents },
    { label: 'Valeur des tickets remis', cents: m.issuedCents },
    ...(m.notIssuedCents !== null
      ? [{ label: 'Budget non engagé en carnets', cents: m.notIssuedCents }]
      : []),
  ];
}

/** The value of the tickets handed out: used, not yet used, expired without being used (the reception desk's words). */
export function ticketMoneyRows(m: Money): MoneyRow[] {
  return [
    { label: 'Valeur des tickets remis', cents: m.issuedCents },
    { label: 'Valeur des tickets utilisés', cents: m.redeemedCents },
    { label: 'Remis, pas encore utilisés (encore valables)', cents: m.unusedValidCents },
    { label: 'Remis, expirés sans avoir servi', cents: m.unusedExpiredCents },
  ];
}

/** Where the used tickets stand, state by state: the ledger's figures and words (src/domain/amounts.ts). */
export function reimbursementRows(m: Money): MoneyRow[] | null {
  return m.amounts ? m.amounts.parts.map((p) => ({ label: p.label, cents: p.amountCents })) : null;
}

function MoneyChart({
  id,
  caption,
  summary,
  rows,
}: {
  id: string;
  caption: string;
  summary: string;
  rows: MoneyRow[];
}) {
  return (
    <BarChart
      id={`graphique-${id}`}
      caption={caption}
      summary={`${summary} Les chiffres sont dans le tableau qui suit.`}
      spec={{
        horizontal: true,
        labels: rows.map((r) => r.label),
        series: [
          {
            label: 'Montant',
            values: rows.map((r) => r.cents / 100),
            display: rows.map((r) => euros(r.cents)),
          },
        ],
      }}
      table={
        <Table
          id={id}
          caption={`Données du graphique : ${caption.charAt(0).toLowerCase()}${caption.slice(1)}`}
        >
          <thead>
            <tr>
              <th scope="col">Poste</th>
              <th scope="col" className="montant">
                Montant
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.label}>
                <th scope="row">{r.label}</th>
                <td className="montant">{euros(r.cents)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      }
    />
  );
}

export function MoneySection({ m }: { m: Money }) {
  const budget = budgetRows(m);
  const reimbursement = reimbursementRows(m);
  return (
    <section aria-labelledby="titre-argent">
      <h2 id="titre-argent">L’argent</h2>
      <p>
        Tickets utilisés : {frenchPercent(m.redeemedPercentOfIssued)} de la valeur remise. Pas encore utilisés ou expirés sans avoir servi :{' '}
        {euros(m.unusedCents)}.
        {m.amounts ? <> {m.scope.level === 'structure' ? 'Dû à la structure' : 'Dû aux structures'} : {euros(m.amounts.stillPayable.amountCents)}.</> : null}
      </p>
      {budget ? (
        <MoneyChart
          id="titre-budget"
          caption="Budget des campagnes et valeur des carnets remis"
          summary={`Graphique en barres : budget ${euros(m.budgetCents ?? 0)}, dont ${euros(m.issuedCents)} remis en carnets.`}
          rows={budget}
        />
      ) : null}
      <MoneyChart
        id="titre-montants"
        caption="Valeur des tickets remis : utilisés, pas encore utilisés, expirés"
        summary={`Graphique en barres : ${euros(m.issuedCents)} remis en tickets, ${euros(m.redeemedCents)} utilisés, ${euros(m.unusedCents)} pas encore utilisés ou expirés sans avoir servi.`}
        rows={ticketMoneyRows(m)}
      />
      {reimbursement && m.amounts ? (
        <MoneyChart
          id="titre-remboursements"
          caption="Tickets utilisés : où en est leur remboursement"
          summary={`Graphique en barres : ${euros(m.amounts.redeemed.amountCents)} de tickets utilisés, dont ${euros(m.amounts.parts.find((p) => p.state === 'paid')?.amountCents ?? 0)} payés et ${euros(m.amounts.stillPayable.amountCents)} dus aux structures.`}
          rows={reimbursement}
        />
      ) : null}
    </section>
  );
}
