import { sql, type RawBuilder } from 'kysely';
import type { Dialect } from '../db/database.ts';
import { jsonTextElements, parisMonth, wholeDaysBetween } from '../db/sql-dialect.ts';
import { bulkInsertQuery, executeWithInserts, type BulkColumns, type BulkRows } from '../db/bulk-insert.ts';
import { queryTemplate } from '../db/query-template.ts';
import type { CallListTable } from '../db/schema.ts';
import {
  applyTicketChanges,
  personTicketRows,
  sessionCells,
  sessionContributions,
  statusContributions,
  type Cell,
  type PersonTicketRow,
  type SessionRow,
  type TicketChange,
} from './stats-in-app.ts';
import type { Executor } from './tx.ts';

// Maintained aggregates for the dashboards (issues #7 and #8, docs/adr/0010-dashboard-aggregates.md).
// Every figure of the territory's and the country's dashboards is a sum over `stats_cells` +
// `stats_pending`, keyed by statistic, campaign and Paris month, so a dashboard reads a few thousand
// rows whatever the number of tickets.
//
// Exactness comes from one rule: the aggregates are the sums of *contributions*, and a subject's
// contribution (a person, a redemption request, a claim, a statement) is computed by the SQL below
// from its detail rows. A transaction that changes a subject computes its contribution before and
// after the change and appends the difference to `stats_pending` (`withStats`); a rebuild runs the
// same SQL over every subject at once. So the maintained sums and a recomputation can only differ
// if a write path forgets to call `withStats` — which the tests check (test/dashboard-stats.test.ts).
//
// Statistics (d1, d2, d3 → n1, n2, n3, n4), "person" meaning one person in one campaign:
//   funnel          month handed out; commune, organisation → people, first ticket used, all used
//   first_use       month handed out; days from hand-out to first use → people
//   handed_markers  month handed out; priority markers (JSON) → people
//   trained_markers month of the first ticket used; priority markers → people
//   profiles        month handed out; latest intake profile, latest follow-up profile → people
//   sessions        month of the session; format, duration band → sessions, tickets
//   session_themes  month of the session; theme → sessions
//   to_call         (no month); validity day of a person's live tickets → people on the call list
//   money           month of the measure's own date; measure, validity (unused tickets) → cents
//                   measures: issued, redeemed, unused_live, unused_expired (hand-out month),
//                   claimed (submission), approved / rejected (review), paid (payment)

const USED_SQL = sql.raw(`('redeemed', 'claimed', 'paid')`);

export interface StatsSubjects {
  beneficiaryIds?: readonly string[];
  /** Or: the people holding these tickets, found (and on PostgreSQL locked) by one statement at the start. */
  holdersOf?: { ticketIds: readonly string[] } | { codeHashes: readonly string[] };
  /**
   * The change only moves tickets between statuses (redemption, undo, block, expiry): the people's
   * hand-out figures (markers, profiles, value issued) cannot change and are not recomputed; the
   * others are computed in the application from the people's rows (stats-in-app.ts, the hot path).
   */
  ticketStatusOnly?: boolean;
  requestIds?: readonly string[];
  /** Redemption requests the change creates: nothing to lock, no contribution before it. */
  newRequestIds?: readonly string[];
  claimIds?: readonly string[];
  statementIds?: readonly string[];
}

const inList = (ids: readonly string[]) => sql.join(ids.map((id) => sql`${id}`));
const m = (dialect: Dialect, ref: string | RawBuilder<unknown>) => sql`coalesce(${parisMonth(dialect, ref)}, '')`;

/** One row per person and campaign handed out a booklet: what the per-person statistics need. */
function peopleSql(beneficiaryIds: readonly string[] | null) {
  const filter = beneficiaryIds ? sql`and b.beneficiary_id in (${inList(beneficiaryIds)})` : sql``;
  return sql`select b.beneficiary_id, b.campaign_id,
      min(b.commune_insee) as commune_insee, coalesce(min(b.organisation_id), '') as organisation_id, min(b.issued_at) as issued_at,
      sum(case when t.status in ${USED_SQL} then 1 else 0 end) as used,
      sum(case when t.status in ('issued', 'expired', 'blocked') or (t.status = 'cancelled' and b.status = 'cancelled') then 1 else 0 end) as remaining,
      min(case when t.status in ${USED_SQL} then t.redeemed_at end) as first_used_at
    from booklets b join tickets t on t.booklet_id = b.id
    where b.issued_at is not null and b.beneficiary_id is not null ${filter}
    group by b.beneficiary_id, b.campaign_id`;
}

/** The per-person statistics, read from `people` (a subquery or the rebuild's temporary table). */
function personStatsSql(dialect: Dialect, people: RawBuilder<unknown>) {
  const days = wholeDaysBetween(dialect, 'p.issued_at', 'p.first_used_at');
  const latest = (kind: string) =>
    sql`(select d.profile from diagnostics d where d.beneficiary_id = p.beneficiary_id and d.kind = ${kind} order by d.created_at desc, d.id desc limit 1)`;
  return {
    funnel: sql`select 'funnel' as stat, p.campaign_id, ${m(dialect, 'p.issued_at')} as month, p.commune_insee as d1, p.organisation_id as d2, '' as d3,
        count(*) as n1, sum(case when p.first_used_at is not null then 1 else 0 end) as n2,
        sum(case when p.used > 0 and p.remaining = 0 then 1 else 0 end) as n3, 0 as n4
      from ${people} p group by 1, 2, 3, 4, 5, 6`,
    firstUse: sql`select 'first_use' as stat, p.campaign_id, ${m(dialect, 'p.issued_at')} as month,
        cast(case when ${days} < 0 then 0 else ${days} end as text) as d1, '' as d2, '' as d3, count(*) as n1, 0 as n2, 0 as n3, 0 as n4
      from ${people} p where p.first_used_at is not null group by 1, 2, 3, 4, 5, 6`,
    handedMarkers: sql`select 'handed_markers' as stat, p.campaign_id, ${m(dialect, 'p.issued_at')} as month, ben.priority_markers as d1, '' as d2, '' as d3,
        count(*) as n1, 0 as n2, 0 as n3, 0 as n4
      from ${people} p join beneficiaries ben on ben.id = p.beneficiary_id group by 1, 2, 3, 4, 5, 6`,
    trainedMarkers: sql`select 'trained_markers' as stat, p.campaign_id, ${m(dialect, 'p.first_used_at')} as month, ben.priority_markers as d1, '' as d2, '' as d3,
        count(*) as n1, 0 as n2, 0 as n3, 0 as n4
      from ${people} p join beneficiaries ben on ben.id = p.beneficiary_id where p.first_used_at is not null group by 1, 2, 3, 4, 5, 6`,
    profiles: sql`select 'profiles' as stat, x.campaign_id, ${m(dialect, 'x.issued_at')} as month, x.initial as d1, coalesce(x.followup, '') as d2, '' as d3,
        count(*) as n1, 0 as n2, 0 as n3, 0 as n4
      from (select p.campaign_id, p.issued_at, ${latest('initial')} as initial, ${latest('followup')} as followup from ${people} p) x
      where x.initial is not null group by 1, 2, 3, 4, 5, 6`,
  };
}

/** Money of the tickets handed out (issued, redeemed, unused), optionally of some people only. */
function ticketMoneySql(dialect: Dialect, beneficiaryIds: readonly string[] | null) {
  const filter = beneficiaryIds ? sql`and t.booklet_id in (select bb.id from booklets bb where bb.beneficiary_id in (${inList(beneficiaryIds)}))` : sql``;
  return {
    issued: sql`select 'money' as stat, t.campaign_id, ${m(dialect, 't.issued_at')} as month, 'issued' as d1, '' as d2, '' as d3,
        sum(t.face_value_cents) as n1, 0 as n2, 0 as n3, 0 as n4
      from tickets t where t.issued_at is not null and t.status not in ('in_stock', 'cancelled') ${filter} group by 1, 2, 3, 4, 5, 6`,
    state: sql`select 'money' as stat, t.campaign_id,
        ${m(dialect, sql`case when t.status in ${USED_SQL} then t.redeemed_at else t.issued_at end`)} as month,
        case when t.status in ${USED_SQL} then 'redeemed' when t.status = 'expired' then 'unused_expired' else 'unused_live' end as d1,
        case when t.status in ('issued', 'blocked') then t.valid_until else '' end as d2, '' as d3,
        sum(t.face_value_cents) as n1, 0 as n2, 0 as n3, 0 as n4
      from tickets t where t.issued_at is not null and t.status in ('redeemed', 'claimed', 'paid', 'issued', 'blocked', 'expired') ${filter}
      group by 1, 2, 3, 4, 5, 6`,
  };
}

/**
 * Sessions (one redemption request per campaign) by format and duration band, and by theme (a
 * session with several themes counts once for each; its themes are a JSON array).
 */
function sessionsSql(dialect: Dialect) {
  const band = sql`case when rr.duration_minutes <= 30 then 'jusqu_30' when rr.duration_minutes <= 60 then '31_60' when rr.duration_minutes <= 120 then '61_120' else 'plus_120' end`;
  return [
    sql`select 'sessions' as stat, x.campaign_id, x.month, x.format as d1, x.band as d2, '' as d3, count(*) as n1, sum(x.k) as n2, 0 as n3, 0 as n4
      from (select r.request_id, r.campaign_id, ${m(dialect, 'r.redeemed_at')} as month, rr.format, ${band} as band, count(*) as k
            from redemptions r join redemption_requests rr on rr.id = r.request_id
            where r.undone_at is null group by 1, 2, 3, 4, 5) x
      group by 1, 2, 3, 4, 5, 6`,
    sql`select 'session_themes' as stat, x.campaign_id, x.month, x.theme as d1, '' as d2, '' as d3, count(*) as n1, 0 as n2, 0 as n3, 0 as n4
      from (select distinct r.request_id, r.campaign_id, ${m(dialect, 'r.redeemed_at')} as month, th.value as theme
            from redemptions r join redemption_requests rr on rr.id = r.request_id, ${jsonTextElements(dialect, 'rr.themes', 'th')}
            where r.undone_at is null) x
      group by 1, 2, 3, 4, 5, 6`,
  ];
}

/** People to call by validity day: the call list's rows counted (the list's totals). */
function toCallSql(beneficiaryIds: readonly string[] | null) {
  return [
    sql`select 'to_call' as stat, x.campaign_id, '' as month, x.valid_until as d1, '' as d2, '' as d3, count(*) as n1, 0 as n2, 0 as n3, 0 as n4
      from (${callListSql(beneficiaryIds)}) x group by 1, 2, 3, 4, 5, 6`,
  ];
}

/** Claimed (at submission), approved and rejected (at review) amounts of submitted claims. */
function claimsSql(dialect: Dialect, claimIds: readonly string[] | null) {
  const filter = claimIds ? sql`and c.id in (${inList(claimIds)})` : sql``;
  return [
    sql`select 'money' as stat, c.campaign_id, ${m(dialect, 'c.submitted_at')} as month, 'claimed' as d1, '' as d2, '' as d3,
        sum(cl.amount_cents) as n1, 0 as n2, 0 as n3, 0 as n4
      from claim_lines cl join claims c on c.id = cl.claim_id
      where c.status <> 'draft' and cl.status in ('pending', 'approved') ${filter} group by 1, 2, 3, 4, 5, 6`,
    sql`select 'money' as stat, c.campaign_id, ${m(dialect, 'c.reviewed_at')} as month, cl.status as d1, '' as d2, '' as d3,
        sum(cl.amount_cents) as n1, 0 as n2, 0 as n3, 0 as n4
      from claim_lines cl join claims c on c.id = cl.claim_id
      where c.status <> 'draft' and cl.status in ('approved', 'rejected') ${filter} group by 1, 2, 3, 4, 5, 6`,
  ];
}

/** Amounts paid, by the campaign of each ticket and the payment's date. */
function paidSql(dialect: Dialect, statementIds: readonly string[] | null) {
  const filter = statementIds ? sql`and s.id in (${inList(statementIds)})` : sql``;
  return [
    sql`select 'money' as stat, t.campaign_id, ${m(dialect, sql`coalesce(s.paid_at, po.paid_at)`)} as month, 'paid' as d1, '' as d2, '' as d3,
        sum(pl.amount_cents) as n1, 0 as n2, 0 as n3, 0 as n4
      from payment_lines pl join statements s on s.id = pl.statement_id join payment_orders po on po.id = s.payment_order_id
        join tickets t on t.id = pl.ticket_id
      where (s.paid_at is not null or po.status = 'paid') ${filter} group by 1, 2, 3, 4, 5, 6`,
  ];
}

/**
 * The SQL contributions (one statement: the people's rows grouped once, in a CTE read by each
 * statistic, then the rest) of the subjects that stats-in-app.ts does not compute.
 */
function subjectsSql(dialect: Dialect, s: Pick<StatsSubjects, 'beneficiaryIds' | 'claimIds' | 'statementIds'>): RawBuilder<unknown> | null {
  const q: RawBuilder<unknown>[] = [];
  if (s.beneficiaryIds?.length) {
    q.push(...Object.values(personStatsSql(dialect, sql`people`)), ...Object.values(ticketMoneySql(dialect, s.beneficiaryIds)), ...toCallSql(s.beneficiaryIds));
  }
  if (s.claimIds?.length) q.push(...claimsSql(dialect, s.claimIds));
  if (s.statementIds?.length) q.push(...paidSql(dialect, s.statementIds));
  if (!q.length) return null;
  const union = sql.join(q, sql` union all `);
  return s.beneficiaryIds?.length ? sql`with people as (${peopleSql(s.beneficiaryIds)}) ${union}` : union;
}

const PENDING_COLUMNS: BulkColumns<Cell> = [
  ['stat', 'text'], ['campaign_id', 'text'], ['month', 'text'], ['d1', 'text'], ['d2', 'text'], ['d3', 'text'],
  ['n1', 'integer'], ['n2', 'integer'], ['n3', 'integer'], ['n4', 'integer'],
];

const CHUNK = 1000;
const chunks = <T>(xs: readonly T[] = []): T[][] => Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));

interface Contributions {
  cells: Cell[];
  /** The people's call-list rows, when computed in the application (null: the SQL path rewrites them). */
  callList: CallListTable[] | null;
  /** The people's ticket rows those were computed from (`ticketStatusOnly`), else null. */
  personRows: PersonTicketRow[] | null;
}

/**
 * What a change wrote, as its own statements returned it (the redemption: the guard's RETURNING and
 * the rows it inserted). Given to `withStats`, it spares reading the subjects again after the change.
 */
export interface WrittenByChange {
  /** Every ticket whose status, redemption instant or validity the change set. */
  tickets: readonly TicketChange[];
  /** Every live redemption row of the `newRequestIds`, with its request's fields. */
  sessions: readonly SessionRow[];
}

/**
 * The subjects' contributions. A change of tickets' status alone and the sessions of redemption
 * requests are computed in the application from the subjects' rows (stats-in-app.ts: the hot path);
 * the rest by the SQL above, in one statement for a handful of subjects, by 1,000 for bulk changes.
 */
async function contributions(db: Executor, dialect: Dialect, s: StatsSubjects): Promise<Contributions> {
  const cells: Cell[] = [];
  let callList: CallListTable[] | null = null;
  let personRows: PersonTicketRow[] | null = null;
  if (s.ticketStatusOnly && s.beneficiaryIds?.length) {
    callList = [];
    personRows = [];
    for (const ids of chunks(s.beneficiaryIds)) {
      const rows = await personTicketRows(db, ids);
      const c = statusContributions(dialect, rows);
      cells.push(...c.cells);
      callList.push(...c.callList);
      personRows.push(...rows);
    }
  }
  for (const ids of chunks(s.requestIds)) cells.push(...(await sessionContributions(db, ids)));
  const rest = { beneficiaryIds: s.ticketStatusOnly ? [] : s.beneficiaryIds, claimIds: s.claimIds, statementIds: s.statementIds };
  const small = Object.values(rest).every((ids) => (ids?.length ?? 0) <= CHUNK);
  const parts = small
    ? [rest]
    : [
        ...chunks(rest.beneficiaryIds).map((beneficiaryIds) => ({ beneficiaryIds })),
        ...chunks(rest.claimIds).map((claimIds) => ({ claimIds })),
        ...chunks(rest.statementIds).map((statementIds) => ({ statementIds })),
      ];
  for (const part of parts) {
    const query = subjectsSql(dialect, part);
    if (query) cells.push(...(await sql<Cell>`${query}`.execute(db)).rows);
  }
  return { cells, callList, personRows };
}

/**
 * The contributions after a change that only moved tickets' status (`ticketStatusOnly`) and created
 * redemption requests, from the rows read before it and what it wrote — the same arithmetic as
 * reading them again. Null for any other change (read again).
 */
function derivedContributions(dialect: Dialect, s: StatsSubjects, before: Contributions, written: WrittenByChange): Contributions | null {
  const other = [s.requestIds, s.claimIds, s.statementIds].some((ids) => ids?.length);
  if (other || (s.beneficiaryIds?.length && !(s.ticketStatusOnly && before.personRows))) return null;
  const personRows = applyTicketChanges(before.personRows ?? [], written.tickets);
  const c = statusContributions(dialect, personRows);
  return { cells: [...c.cells, ...sessionCells(written.sessions)], callList: before.callList && c.callList, personRows };
}

const keyOf = (c: Cell) => [c.stat, c.campaign_id, c.month, c.d1, c.d2, c.d3].join('\u0000');

/** after − before, without the cells that did not change. */
function difference(before: Cell[], after: Cell[]): Cell[] {
  const cells = new Map<string, Cell>();
  const add = (c: Cell, sign: number) => {
    const k = keyOf(c);
    const d = cells.get(k) ?? { ...c, n1: 0, n2: 0, n3: 0, n4: 0 };
    d.n1 += sign * Number(c.n1);
    d.n2 += sign * Number(c.n2);
    d.n3 += sign * Number(c.n3);
    d.n4 += sign * Number(c.n4);
    cells.set(k, d);
  };
  for (const c of before) add(c, -1);
  for (const c of after) add(c, 1);
  return [...cells.values()].filter((c) => c.n1 || c.n2 || c.n3 || c.n4);
}

/**
 * Runs `change` (inside the caller's transaction) and appends to `stats_pending` how it changed
 * the contributions of `subjects`; refreshes their rows of the call list. Every transaction that
 * changes what a dashboard shows goes through here, naming what it touches. With `written` (a
 * `ticketStatusOnly` change that says what it wrote), "after" is derived instead of read again.
 */
export async function withStats<T>(
  trx: Executor,
  dialect: Dialect,
  given: StatsSubjects,
  change: () => Promise<T>,
  written?: (result: T) => WrittenByChange,
): Promise<T> {
  const subjects = await lockSubjects(trx, dialect, given);
  const before = await contributions(trx, dialect, subjects);
  const result = await change();
  const created = subjects.newRequestIds ?? [];
  const after =
    (written && derivedContributions(dialect, subjects, before, written(result))) ??
    (await contributions(trx, dialect, created.length ? { ...subjects, requestIds: [...(subjects.requestIds ?? []), ...created] } : subjects));
  const pending = { table: 'stats_pending', columns: PENDING_COLUMNS, rows: difference(before.cells, after.cells) };
  if (before.callList && after.callList) {
    await writeCallList(trx, before.callList, after.callList, pending);
  } else {
    await insertPending(trx, pending);
    if (subjects.beneficiaryIds?.length) await refreshCallList(trx, subjects.beneficiaryIds);
  }
  return result;
}

/**
 * Two transactions changing the same subject at once must take turns: each computes the subject's
 * contribution before and after its own change, and on PostgreSQL (READ COMMITTED) the second
 * would otherwise read "before" without the first's uncommitted change and count a first use
 * twice. The subjects' rows are locked in a fixed order (ids sorted), so two such transactions
 * never wait on each other in a cycle. SQLite runs one writer at a time (BEGIN IMMEDIATE).
 */
async function lockSubjects(trx: Executor, dialect: Dialect, s: StatsSubjects): Promise<StatsSubjects> {
  const subjects = s.holdersOf ? { ...s, beneficiaryIds: [...new Set([...(s.beneficiaryIds ?? []), ...(await holdersOf(trx, dialect, s.holdersOf))])] } : s;
  if (dialect !== 'postgresql') return subjects;
  const tables: [string, readonly string[] | undefined][] = [
    // The holders of tickets are locked by the statement that found them.
    ['beneficiaries', s.holdersOf ? s.beneficiaryIds : subjects.beneficiaryIds], ['redemption_requests', s.requestIds], ['claims', s.claimIds],
    ['statements', s.statementIds],
  ];
  for (const [table, ids] of tables) {
    for (const part of chunks([...new Set(ids ?? [])].sort())) {
      await sql`select id from ${sql.table(table)} where id in (${inList(part)}) order by id for update`.execute(trx);
    }
  }
  return subjects;
}

/** The people holding some tickets, in id order; on PostgreSQL their rows are locked (`lockSubjects`). */
async function holdersOf(db: Executor, dialect: Dialect, tickets: NonNullable<StatsSubjects['holdersOf']>): Promise<string[]> {
  const [column, values] = 'ticketIds' in tickets ? (['t.id', tickets.ticketIds] as const) : (['t.code_hash', tickets.codeHashes] as const);
  if (!values.length) return [];
  // One code (a redemption of one ticket): the same statement every time, compiled once.
  const rows =
    column === 't.code_hash' && values.length === 1
      ? await holderOfCode[dialect].execute(db, { codeHash: values[0] })
      : (await holdersSql(dialect, sql`${sql.ref(column)} in (${inList(values)})`).execute(db)).rows;
  return rows.map((r) => r.id);
}

const holdersSql = (dialect: Dialect, tickets: RawBuilder<unknown>) =>
  sql<{ id: string }>`select ben.id from beneficiaries ben
    where ben.id in (select b.beneficiary_id from tickets t join booklets b on b.id = t.booklet_id where ${tickets})
    order by ben.id ${dialect === 'postgresql' ? sql`for update` : sql``}`;
const holderOfCode = {
  postgresql: queryTemplate((_db, p: { codeHash: string }) => holdersSql('postgresql', sql`t.code_hash = ${p.codeHash}`)),
  sqlite: queryTemplate((_db, p: { codeHash: string }) => holdersSql('sqlite', sql`t.code_hash = ${p.codeHash}`)),
};

// ---------------------------------------------------------------------------------------------
// Call list: one row per person and campaign with tickets still to use (never an anonymised person).

function callListSql(beneficiaryIds: readonly string[] | null) {
  const filter = beneficiaryIds ? sql`and b.beneficiary_id in (${inList(beneficiaryIds)})` : sql``;
  const live = sql`t.status = 'issued'`;
  return sql`select b.beneficiary_id, t.campaign_id, c.territory_id,
      coalesce(min(case when ${live} then b.organisation_id end), '') as organisation_id, ben.birth_name as sort_name,
      min(case when ${live} then b.issued_at end) as handed_out_at,
      sum(case when ${live} then 1 else 0 end) as unused, sum(case when ${live} then t.face_value_cents else 0 end) as unused_cents,
      max(case when ${live} then t.valid_until end) as valid_until, sum(case when t.status in ${USED_SQL} then 1 else 0 end) as used
    from tickets t join booklets b on b.id = t.booklet_id join beneficiaries ben on ben.id = b.beneficiary_id
      join campaigns c on c.id = t.campaign_id
    where ben.anonymised_at is null and b.issued_at is not null ${filter}
    group by b.beneficiary_id, t.campaign_id, c.territory_id, ben.birth_name
    having sum(case when ${live} then 1 else 0 end) > 0`;
}

const CALL_LIST_COLUMNS = sql`(beneficiary_id, campaign_id, territory_id, organisation_id, sort_name, handed_out_at, unused, unused_cents, valid_until, used)`;

/**
 * Writes the people's call-list rows computed in the application (the rows after; those gone since
 * before removed) and the statistics' `pending` changes — with the first call-list statement, so
 * that on PostgreSQL a redemption sends one statement for both (bulk-insert.ts).
 */
async function writeCallList(trx: Executor, before: CallListTable[], after: CallListTable[], pending: BulkRows<Cell>): Promise<void> {
  const key = (r: CallListTable) => `${r.beneficiary_id}\u0000${r.campaign_id}`;
  const kept = new Set(after.map(key));
  const was = new Map(before.map((r) => [key(r), JSON.stringify(r)]));
  const statements = [
    ...before
      .filter((r) => !kept.has(key(r)))
      .map((gone) => trx.deleteFrom('call_list').where('beneficiary_id', '=', gone.beneficiary_id).where('campaign_id', '=', gone.campaign_id).compile()),
    ...after.filter((row) => was.get(key(row)) !== JSON.stringify(row)).map((row) => upsertCallListRow.compile(trx, row)),
  ];
  const [first, ...rest] = statements;
  if (first) await executeWithInserts(trx, first, [pending]);
  else await insertPending(trx, pending);
  for (const statement of rest) await trx.executeQuery(statement);
}

async function insertPending(trx: Executor, pending: BulkRows<Cell>): Promise<void> {
  if (pending.rows.length) await trx.executeQuery(bulkInsertQuery(trx, pending.table, pending.columns, pending.rows));
}

const upsertCallListRow = queryTemplate((db, r: CallListTable) =>
  db
    .insertInto('call_list')
    .values({
      beneficiary_id: r.beneficiary_id, campaign_id: r.campaign_id, territory_id: r.territory_id, organisation_id: r.organisation_id, sort_name: r.sort_name,
      handed_out_at: r.handed_out_at, unused: r.unused, unused_cents: r.unused_cents, valid_until: r.valid_until, used: r.used,
    })
    .onConflict((oc) =>
      oc.columns(['beneficiary_id', 'campaign_id']).doUpdateSet((eb) => ({
        territory_id: eb.ref('excluded.territory_id'), organisation_id: eb.ref('excluded.organisation_id'), sort_name: eb.ref('excluded.sort_name'),
        handed_out_at: eb.ref('excluded.handed_out_at'), unused: eb.ref('excluded.unused'), unused_cents: eb.ref('excluded.unused_cents'),
        valid_until: eb.ref('excluded.valid_until'), used: eb.ref('excluded.used'),
      })),
    ),
);

/** Recomputes the call-list rows of some people (after any change to their tickets or identity). */
async function refreshCallList(trx: Executor, beneficiaryIds: readonly string[]): Promise<void> {
  for (const ids of chunks(beneficiaryIds)) {
    await trx.deleteFrom('call_list').where('beneficiary_id', 'in', ids).execute();
    await sql`insert into call_list ${CALL_LIST_COLUMNS} ${callListSql(ids)}`.execute(trx);
  }
}

// ---------------------------------------------------------------------------------------------
// Folding and rebuilding

const CELL_COLUMNS = sql`(stat, campaign_id, month, d1, d2, d3, n1, n2, n3, n4)`;
const UPSERT = sql`on conflict (stat, campaign_id, month, d1, d2, d3) do update set
  n1 = stats_cells.n1 + excluded.n1, n2 = stats_cells.n2 + excluded.n2, n3 = stats_cells.n3 + excluded.n3, n4 = stats_cells.n4 + excluded.n4`;
const SUMS = sql`stat, campaign_id, month, d1, d2, d3, sum(n1), sum(n2), sum(n3), sum(n4)`;

/**
 * Folds the pending changes into `stats_cells` (the `stats` job). On PostgreSQL one statement
 * deletes the rows it folds (so a change committed meanwhile is left for the next fold, never
 * lost); on SQLite the write transaction keeps everyone else out. Returns the rows folded.
 */
export async function foldPendingStats(trx: Executor, dialect: Dialect): Promise<number> {
  if (dialect === 'postgresql') {
    const { rows } = await sql<{ n: number }>`with moved as (delete from stats_pending returning *),
        folded as (insert into stats_cells ${CELL_COLUMNS} select ${SUMS} from moved group by 1, 2, 3, 4, 5, 6 ${UPSERT} returning 1)
      select (select count(*) from moved) as n`.execute(trx);
    return Number(rows[0]?.n ?? 0);
  }
  const { rows } = await sql<{ n: number }>`select count(*) as n from stats_pending`.execute(trx);
  await sql`insert into stats_cells ${CELL_COLUMNS} select ${SUMS} from stats_pending where true group by 1, 2, 3, 4, 5, 6 ${UPSERT}`.execute(trx);
  await sql`delete from stats_pending`.execute(trx);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Recomputes every aggregate from the detail rows (in the caller's transaction): after the
 * migration that created them, after a bulk load (benchmark dataset), or to check the maintained
 * sums (tests). Uses a temporary table of people so that the tickets are grouped once.
 */
export async function rebuildStats(trx: Executor, dialect: Dialect, at: string): Promise<void> {
  await sql`delete from stats_pending`.execute(trx);
  await sql`delete from stats_cells`.execute(trx);
  await sql`delete from call_list`.execute(trx);
  await sql`drop table if exists stats_people`.execute(trx);
  await sql`create temporary table stats_people as ${peopleSql(null)}`.execute(trx);
  const queries = [
    ...Object.values(personStatsSql(dialect, sql`stats_people`)),
    ...Object.values(ticketMoneySql(dialect, null)),
    ...sessionsSql(dialect),
    ...claimsSql(dialect, null),
    ...paidSql(dialect, null),
    ...toCallSql(null),
  ];
  for (const q of queries) await sql`insert into stats_cells ${CELL_COLUMNS} select * from (${q}) q where true ${UPSERT}`.execute(trx);
  await sql`drop table stats_people`.execute(trx);
  await sql`insert into call_list ${CALL_LIST_COLUMNS} ${callListSql(null)}`.execute(trx);
  await sql`delete from stats_state`.execute(trx);
  await trx.insertInto('stats_state').values({ id: 1, rebuilt_at: at }).execute();
  // Fresh planner statistics: with stale ones PostgreSQL expects one row per statistic and nests
  // loops over thousands of cells (0.9 s instead of a few ms on the benchmark's 134,000 cells).
  if (dialect === 'postgresql') await sql`analyze stats_cells, stats_pending, call_list`.execute(trx);
}

/** True once the aggregates have been computed from the detail rows. */
export async function statsBuilt(db: Executor): Promise<boolean> {
  return !!(await db.selectFrom('stats_state').select('id').executeTakeFirst());
}

// ---------------------------------------------------------------------------------------------
// Reading

export interface StatsScope {
  /** null = every territory. */
  territoryId: string | null;
  campaignId?: string | null;
  /** Inclusive Paris months 'YYYY-MM'. */
  fromMonth?: string | null;
  toMonth?: string | null;
}

type StatsRow = Pick<Cell, 'd1' | 'd2' | 'd3' | 'n1' | 'n2' | 'n3' | 'n4'>;

function scopeFilter(scope: StatsScope): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  if (scope.campaignId) parts.push(sql`campaign_id = ${scope.campaignId}`);
  else if (scope.territoryId) parts.push(sql`campaign_id in (select c.id from campaigns c where c.territory_id = ${scope.territoryId})`);
  if (scope.fromMonth || scope.toMonth) parts.push(sql`month <> ''`);
  if (scope.fromMonth) parts.push(sql`month >= ${scope.fromMonth}`);
  if (scope.toMonth) parts.push(sql`month <= ${scope.toMonth}`);
  return parts.length ? sql`and ${sql.join(parts, sql` and `)}` : sql``;
}

/** A statistic's sums in the scope, grouped by its dimensions (pending changes included). */
export async function readStats(db: Executor, stat: string, scope: StatsScope): Promise<StatsRow[]> {
  const where = scopeFilter(scope);
  const { rows } = await sql<StatsRow>`select d1, d2, d3, sum(n1) as n1, sum(n2) as n2, sum(n3) as n3, sum(n4) as n4 from (
      select d1, d2, d3, n1, n2, n3, n4 from stats_cells where stat = ${stat} ${where}
      union all
      select d1, d2, d3, n1, n2, n3, n4 from stats_pending where stat = ${stat} ${where}
    ) x group by d1, d2, d3`.execute(db);
  return rows.map((r) => ({ ...r, n1: Number(r.n1), n2: Number(r.n2), n3: Number(r.n3), n4: Number(r.n4) }));
}
