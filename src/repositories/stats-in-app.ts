import { sql, type RawBuilder } from 'kysely';
import { queryTemplate } from '../db/query-template.ts';
import type { CallListTable } from '../db/schema.ts';
import type { Dialect } from '../db/database.ts';
import { parisMonthOf } from '../domain/paris-time.ts';
import type { Executor } from './tx.ts';

// The statistics that a change of tickets' status can move (redemption, undo, block, expiry) and
// the sessions of redemption requests, computed in the application from the subject's few detail
// rows instead of by the grouping SQL of stats.ts (ADR 10, "the hot path"). That SQL, run twice per
// redemption, cost more than the rest of the redemption on SQLite; these functions read one small
// indexed set of rows and do the same arithmetic in memory.
//
// They are a second spelling of the definitions in stats.ts (`peopleSql`, `personStatsSql`,
// `ticketMoneySql`, `callListSql`, `sessionsSql`), which the rebuild keeps using. Both must give the
// same cells: test/stats-in-app.test.ts drives random sequences of status changes through
// `withStats` and compares the maintained sums with a rebuild after each one, on both databases.
// String minima and maxima compare code points, as the C collation of the databases does.

export interface Cell {
  stat: string;
  campaign_id: string;
  month: string;
  d1: string;
  d2: string;
  d3: string;
  n1: number;
  n2: number;
  n3: number;
  n4: number;
}

const USED = new Set(['redeemed', 'claimed', 'paid']);

/** One ticket of a person, with its booklet and what the statistics read of the person and campaign. */
export interface PersonTicketRow {
  ticket_id: string;
  beneficiary_id: string;
  booklet_campaign_id: string;
  commune_insee: string;
  organisation_id: string | null;
  booklet_issued_at: string | null;
  booklet_status: string;
  campaign_id: string;
  territory_id: string;
  status: string;
  redeemed_at: string | null;
  issued_at: string | null;
  valid_until: string;
  face_value_cents: number;
  priority_markers: string;
  anonymised_at: string | null;
  birth_name: string;
}

/** Every ticket of the people's booklets (one indexed read: booklets by person, tickets by booklet). */
export async function personTicketRows(db: Executor, beneficiaryIds: readonly string[]): Promise<PersonTicketRow[]> {
  if (!beneficiaryIds.length) return [];
  // One person (every redemption): the same statement each time, compiled once.
  if (beneficiaryIds.length === 1) return onePersonRows.execute(db, { id: beneficiaryIds[0] });
  return (await personRowsSql(sql.join(beneficiaryIds.map((id) => sql`${id}`))).execute(db)).rows;
}

const personRowsSql = (ids: RawBuilder<unknown>) => sql<PersonTicketRow>`select t.id as ticket_id, b.beneficiary_id, b.campaign_id as booklet_campaign_id, b.commune_insee,
    b.organisation_id, b.issued_at as booklet_issued_at, b.status as booklet_status, t.campaign_id, c.territory_id, t.status, t.redeemed_at,
    t.issued_at, t.valid_until, t.face_value_cents, ben.priority_markers, ben.anonymised_at, ben.birth_name
  from booklets b join tickets t on t.booklet_id = b.id join beneficiaries ben on ben.id = b.beneficiary_id join campaigns c on c.id = t.campaign_id
  where b.beneficiary_id in (${ids})`;
const onePersonRows = queryTemplate((_db, p: { id: string }) => personRowsSql(sql`${p.id}`));

const month = (iso: string | null | undefined) => (iso ? parisMonthOf(iso) : '');
const minOf = (a: string | null, b: string | null) => (a === null ? b : b === null || a <= b ? a : b);
const maxOf = (a: string | null, b: string | null) => (a === null ? b : b === null || a >= b ? a : b);
const cell = (stat: string, campaign: string, m: string, d1: string, d2 = '', n1 = 1, n2 = 0, n3 = 0): Cell => ({
  stat, campaign_id: campaign, month: m, d1, d2, d3: '', n1, n2, n3, n4: 0,
});

/** `wholeDaysBetween` of sql-dialect.ts, with each database's own arithmetic (julianday's doubles, or epoch seconds). */
export function wholeDaysBetweenInApp(dialect: Dialect, fromIso: string, toIso: string): number {
  const from = Date.parse(fromIso);
  const to = Date.parse(toIso);
  if (dialect === 'postgresql') return Math.floor((to - from) / 1000 / 86400);
  // SQLite: julianday() is the instant's milliseconds since the Julian epoch / 86,400,000 (a double); the cast truncates.
  const jd = (ms: number) => (ms + 210866760000000) / 86400000;
  return Math.trunc(jd(to) - jd(from));
}

/**
 * The cells of funnel, first_use, trained_markers, the money by ticket state and to_call, and the
 * call-list rows, of the people whose tickets are `rows` (the `ticketStatusOnly` statistics).
 */
export function statusContributions(dialect: Dialect, rows: readonly PersonTicketRow[]): { cells: Cell[]; callList: CallListTable[] } {
  const cells: Cell[] = [];
  // peopleSql: one entry per person and booklet campaign, over booklets handed out.
  const people = new Map<string, { campaign: string; commune: string | null; org: string | null; issuedAt: string | null; used: number; remaining: number; firstUsedAt: string | null; markers: string }>();
  // callListSql: one entry per person and ticket campaign, over booklets handed out, never an anonymised person.
  const calls = new Map<
    string,
    Pick<CallListTable, 'beneficiary_id' | 'campaign_id' | 'territory_id' | 'sort_name' | 'unused' | 'unused_cents' | 'used'> & {
      org: string | null; handedOutAt: string | null; validUntil: string | null;
    }
  >();
  for (const r of rows) {
    const used = USED.has(r.status);
    // ticketMoneySql.state (no condition on the booklet).
    if (r.issued_at !== null && (used || ['issued', 'blocked', 'expired'].includes(r.status))) {
      const state = used ? 'redeemed' : r.status === 'expired' ? 'unused_expired' : 'unused_live';
      const validity = r.status === 'issued' || r.status === 'blocked' ? r.valid_until : '';
      cells.push(cell('money', r.campaign_id, month(used ? r.redeemed_at : r.issued_at), state, validity, r.face_value_cents));
    }
    if (r.booklet_issued_at === null) continue;
    const pk = `${r.beneficiary_id}\u0000${r.booklet_campaign_id}`;
    const p = people.get(pk) ?? { campaign: r.booklet_campaign_id, commune: null, org: null, issuedAt: null, used: 0, remaining: 0, firstUsedAt: null, markers: r.priority_markers };
    p.commune = minOf(p.commune, r.commune_insee);
    p.org = minOf(p.org, r.organisation_id);
    p.issuedAt = minOf(p.issuedAt, r.booklet_issued_at);
    if (used) {
      p.used += 1;
      p.firstUsedAt = minOf(p.firstUsedAt, r.redeemed_at);
    }
    if (['issued', 'expired', 'blocked'].includes(r.status) || (r.status === 'cancelled' && r.booklet_status === 'cancelled')) p.remaining += 1;
    people.set(pk, p);

    if (r.anonymised_at !== null) continue;
    const ck = `${r.beneficiary_id}\u0000${r.campaign_id}`;
    const c = calls.get(ck) ?? {
      beneficiary_id: r.beneficiary_id, campaign_id: r.campaign_id, territory_id: r.territory_id, sort_name: r.birth_name,
      org: null as string | null, handedOutAt: null as string | null, validUntil: null as string | null, unused: 0, unused_cents: 0, used: 0,
    };
    if (r.status === 'issued') {
      c.org = minOf(c.org, r.organisation_id);
      c.handedOutAt = minOf(c.handedOutAt, r.booklet_issued_at);
      c.validUntil = maxOf(c.validUntil, r.valid_until);
      c.unused += 1;
      c.unused_cents += r.face_value_cents;
    }
    if (used) c.used += 1;
    calls.set(ck, c);
  }
  for (const p of people.values()) {
    const m = month(p.issuedAt);
    const allUsed = p.used > 0 && p.remaining === 0 ? 1 : 0;
    cells.push(cell('funnel', p.campaign, m, p.commune ?? '', p.org ?? '', 1, p.firstUsedAt !== null ? 1 : 0, allUsed));
    if (p.firstUsedAt !== null) {
      const days = wholeDaysBetweenInApp(dialect, p.issuedAt!, p.firstUsedAt);
      cells.push(cell('first_use', p.campaign, m, String(days < 0 ? 0 : days)));
      cells.push(cell('trained_markers', p.campaign, month(p.firstUsedAt), p.markers));
    }
  }
  const callList: CallListTable[] = [];
  for (const { org, handedOutAt, validUntil, ...c } of calls.values()) {
    if (!c.unused) continue; // having: live tickets only
    callList.push({ ...c, organisation_id: org ?? '', handed_out_at: handedOutAt!, valid_until: validUntil! });
    cells.push(cell('to_call', c.campaign_id, '', validUntil!));
  }
  return { cells, callList };
}

/** What a change of tickets' status may change of a `PersonTicketRow`, as the change's RETURNING read it. */
export type TicketChange = { id: string } & Pick<PersonTicketRow, 'status' | 'redeemed_at' | 'valid_until'>;

/** The people's rows once `changes` are applied (tickets not among the rows are not the people's: ignored). */
export function applyTicketChanges(rows: readonly PersonTicketRow[], changes: readonly TicketChange[]): PersonTicketRow[] {
  const byId = new Map(changes.map((c) => [c.id, c]));
  return rows.map((r) => {
    const c = byId.get(r.ticket_id);
    return c ? { ...r, status: c.status, redeemed_at: c.redeemed_at, valid_until: c.valid_until } : r;
  });
}

/** One live redemption row of a request, with what its session statistics read. */
export interface SessionRow { request_id: string; campaign_id: string; redeemed_at: string; format: string; duration_minutes: number; themes: string }

const sessionRowsSql = (ids: RawBuilder<unknown>) => sql<SessionRow>`select r.request_id, r.campaign_id, r.redeemed_at, rr.format,
    rr.duration_minutes, rr.themes
  from redemptions r join redemption_requests rr on rr.id = r.request_id
  where r.undone_at is null and r.request_id in (${ids})`;
const oneRequestRows = queryTemplate((_db, p: { id: string }) => sessionRowsSql(sql`${p.id}`));

/** The sessions and session_themes cells of some redemption requests (sessionsSql). */
export async function sessionContributions(db: Executor, requestIds: readonly string[]): Promise<Cell[]> {
  if (!requestIds.length) return [];
  const rows =
    requestIds.length === 1
      ? await oneRequestRows.execute(db, { id: requestIds[0] })
      : (await sessionRowsSql(sql.join(requestIds.map((id) => sql`${id}`))).execute(db)).rows;
  return sessionCells(rows);
}

/** The sessions and session_themes cells of requests' live redemption rows. */
export function sessionCells(rows: readonly SessionRow[]): Cell[] {
  const sessions = new Map<string, { campaign: string; month: string; format: string; band: string; tickets: number; themes: string }>();
  for (const r of rows) {
    const m = month(r.redeemed_at);
    const key = [r.request_id, r.campaign_id, m, r.format].join('\u0000');
    const d = r.duration_minutes;
    const band = d <= 30 ? 'jusqu_30' : d <= 60 ? '31_60' : d <= 120 ? '61_120' : 'plus_120';
    const s = sessions.get(key) ?? { campaign: r.campaign_id, month: m, format: r.format, band, tickets: 0, themes: r.themes };
    s.tickets += 1;
    sessions.set(key, s);
  }
  const cells: Cell[] = [];
  for (const s of sessions.values()) {
    cells.push(cell('sessions', s.campaign, s.month, s.format, s.band, 1, s.tickets));
    for (const theme of new Set(JSON.parse(s.themes) as string[])) cells.push(cell('session_themes', s.campaign, s.month, theme));
  }
  return cells;
}
