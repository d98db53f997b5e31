import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { CampaignTable } from '../src/db/schema.ts';
import { withStats } from '../src/repositories/stats.ts';
import type { Tx } from '../src/repositories/tx.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';
import { expectStatsConsistent } from './helpers/stats.ts';

// The statistics a change of tickets' status can move, and the sessions of redemption requests, are
// computed in the application on the hot path (src/repositories/stats-in-app.ts) and by SQL in a
// rebuild (src/repositories/stats.ts). Random changes — any reachable status, any instant around
// month ends and daylight-saving changes, exactly whole days after the hand-out, people with two
// booklets, a cancelled booklet, an anonymised person, requests with repeated themes and durations
// on the bands' edges — go through `withStats`, its "after" read again or derived from what the
// change returned; after each sequence the maintained sums must equal
// the rebuild, cell for cell, and so must the call list.

const STATUSES = ['issued', 'redeemed', 'claimed', 'paid', 'blocked', 'expired'] as const;
const USED = new Set(['redeemed', 'claimed', 'paid']);
const HANDED_OUT = '2026-03-01T09:00:00.000Z';
const instant = fc.oneof(
  fc.constantFrom(
    '2026-03-02T09:00:00.000Z', // exactly one day after the hand-out
    '2026-03-08T09:00:00.000Z', // exactly a week
    '2026-03-01T08:59:59.999Z', // before the hand-out
    '2026-03-28T23:30:00.000Z',
    '2026-03-29T01:00:00.000Z', // DST starts in Paris
    '2026-03-31T21:59:59.999Z', // last instant of March in Paris
    '2026-03-31T22:00:00.000Z', // first instant of April in Paris
    '2026-10-25T00:59:59.999Z', // DST ends
    '2026-10-31T23:00:00.000Z', // first instant of November in Paris
  ),
  fc.date({ min: new Date('2026-02-15T00:00:00Z'), max: new Date('2027-02-15T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
);
const validity = fc.constantFrom('2026-03-29', '2026-03-31', '2026-10-25', '2026-12-31', '2027-01-31');

describe(`statistics computed in the application equal their SQL definitions (${dialectName})`, () => {
  let tdb: TestDb;
  let campaign: CampaignTable;
  let structure: { id: string; siteId: string };
  const people: { id: string; tickets: string[] }[] = [];

  const tx = <T>(fn: (trx: Tx) => Promise<T>) => tdb.deps.db.transaction().execute(fn);

  beforeAll(async () => {
    tdb = await createTestDb({ now: HANDED_OUT });
    const g = given(tdb.deps);
    const territoryId = await g.territory();
    const orgs = [await g.organisation({ territoryId, communeInsee: '62498' }), await g.organisation({ territoryId, communeInsee: '62510' })];
    campaign = await g.campaign({ territoryId });
    structure = await g.structure({ territoryId, accreditedFor: [campaign.id] });
    for (let i = 0; i < 6; i++) {
      const first = await g.issuedBooklet({ campaign, organisationId: orgs[i % 2] });
      const tickets = first.tickets.map((t) => t.id);
      // Two people hold a second booklet, handed out by the other mairie a day later.
      if (i % 3 === 1) {
        tdb.clock.set('2026-03-02T10:00:00.000Z');
        tickets.push(...(await g.issuedBooklet({ campaign, organisationId: orgs[(i + 1) % 2], beneficiaryId: first.beneficiaryId })).tickets.map((t) => t.id));
        tdb.clock.set(HANDED_OUT);
      }
      people.push({ id: first.beneficiaryId, tickets });
    }
    // One person's first booklet was cancelled; another person was anonymised (off the call list).
    await tx((trx) => withStats(trx, tdb.deps.dialect, { beneficiaryIds: [people[1].id] }, () =>
      trx.updateTable('booklets').set({ status: 'cancelled' }).where('beneficiary_id', '=', people[1].id).where('issued_at', '=', HANDED_OUT).execute()));
    await tx((trx) => withStats(trx, tdb.deps.dialect, { beneficiaryIds: [people[5].id] }, () =>
      trx.updateTable('beneficiaries').set({ anonymised_at: HANDED_OUT }).where('id', '=', people[5].id).execute()));
    await expectStatsConsistent(tdb);
  });
  afterAll(async () => tdb?.close());

  it('after any changes of tickets’ status, redemption instant and validity (property)', { timeout: 120_000 }, async () => {
    const change = fc.record({
      person: fc.nat(people.length - 1),
      alsoNext: fc.boolean(),
      pick: fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
      status: fc.constantFrom(...STATUSES),
      at: instant,
      validUntil: validity,
      // "After" derived from what the change returned (the redemption's path), or read again.
      derive: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 4 }), async (changes) => {
        for (const c of changes) {
          const holders = c.alsoNext ? [people[c.person], people[(c.person + 1) % people.length]] : [people[c.person]];
          const all = holders.flatMap((p) => p.tickets);
          const ticketIds = all.filter((_, i) => c.pick[i % c.pick.length]);
          const ids = ticketIds.length ? ticketIds : [all[0]];
          await tx((trx) =>
            withStats(
              trx,
              tdb.deps.dialect,
              { holdersOf: { ticketIds: ids }, ticketStatusOnly: true },
              () =>
                trx.updateTable('tickets').set({ status: c.status, redeemed_at: USED.has(c.status) ? c.at : null, valid_until: c.validUntil }).where('id', 'in', ids)
                  .returning(['id', 'status', 'redeemed_at', 'valid_until']).execute(),
              c.derive ? (tickets) => ({ tickets, sessions: [] }) : undefined,
            ),
          );
        }
        await expectStatsConsistent(tdb);
      }),
      { numRuns: 20 },
    );
  });

  it('after redemption requests are created and undone, sessions by format, duration band and theme (property)', { timeout: 120_000 }, async () => {
    const request = fc.record({
      tickets: fc.integer({ min: 1, max: 3 }),
      format: fc.constantFrom('individuel', 'collectif'),
      duration: fc.constantFrom(5, 30, 31, 60, 61, 120, 121, 600),
      themes: fc.array(fc.constantFrom('Email', 'NavigationSurInternet', 'AideAuxDemarchesAdministratives'), { minLength: 1, maxLength: 4 }),
      at: instant,
      undo: fc.constantFrom('none', 'one', 'all'),
      derive: fc.boolean(),
    });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(request, { minLength: 1, maxLength: 3 }), async (requests) => {
        for (const r of requests) {
          // Tickets without a live redemption (each ticket holds at most one).
          const free = await tdb.deps.db
            .selectFrom('tickets')
            .select(['id', 'campaign_id'])
            .where('campaign_id', '=', campaign.id)
            .where((eb) => eb.not(eb.exists(eb.selectFrom('redemptions').select('redemptions.id').whereRef('redemptions.ticket_id', '=', 'tickets.id').where('redemptions.undone_at', 'is', null))))
            .limit(r.tickets)
            .execute();
          if (!free.length) continue;
          const requestId = tdb.deps.newId();
          n += 1;
          const sessions = free.map((t) => ({
            request_id: requestId, campaign_id: t.campaign_id, redeemed_at: r.at, format: r.format, duration_minutes: r.duration, themes: JSON.stringify(r.themes),
          }));
          await tx((trx) =>
            withStats(trx, tdb.deps.dialect, { newRequestIds: [requestId] }, async () => {
              await trx.insertInto('redemption_requests').values({
                id: requestId, structure_id: structure.id, client_redemption_id: `r${n}`, codes_fingerprint: `f${n}`, site_id: structure.siteId,
                format: r.format, themes: JSON.stringify(r.themes), duration_minutes: r.duration, actor_id: 'test', created_at: r.at,
              }).execute();
              await trx.insertInto('redemptions').values(free.map((t) => ({
                id: tdb.deps.newId(), request_id: requestId, ticket_id: t.id, structure_id: structure.id, campaign_id: t.campaign_id,
                redeemed_at: r.at, undone_at: null, undone_by: null, undo_reason: null,
              }))).execute();
            }, r.derive ? () => ({ tickets: [], sessions }) : undefined),
          );
          if (r.undo !== 'none') {
            const undone = r.undo === 'all' ? free.map((t) => t.id) : [free[0].id];
            await tx((trx) =>
              withStats(trx, tdb.deps.dialect, { requestIds: [requestId] }, () =>
                trx.updateTable('redemptions').set({ undone_at: r.at, undone_by: 'test', undo_reason: 'essai' }).where('request_id', '=', requestId).where('ticket_id', 'in', undone).execute(),
              ),
            );
          }
        }
        await expectStatsConsistent(tdb);
      }),
      { numRuns: 15 },
    );
  });
});
