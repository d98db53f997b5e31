// Deadline edges of issue #4 item 5, exercised through the real use case and the expiry job.
// Imported by the test, and run as a child process under another TZ:
//   TZ=Pacific/Auckland node --import tsx test/helpers/deadline-probe.ts   → prints JSON
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { redemptionRefusal } from '../../src/domain/ticket.ts';
import { expireTickets } from '../../src/jobs/expire-tickets.ts';
import { redeemTickets } from '../../src/usecases/redemption/redeem-tickets.ts';
import { createTestDb } from './db.ts';
import { given } from './given.ts';
import { redemptionScene, SERVICE } from './given-redemption.ts';

/** [validity end (inclusive, Paris), instant (UTC), expected] — 23:59:59 Paris accepted, 00:00:00 next day refused. */
export const DEADLINE_CASES: [string, string, 'ok' | 'expired'][] = [
  // winter time: the 2022 tickets, valid until 31 January 2023 inclusive
  ['2023-01-31', '2023-01-31T22:59:59.000Z', 'ok'],
  ['2023-01-31', '2023-01-31T23:00:00.000Z', 'expired'],
  // the day before the March change (midnight still at +01:00)
  ['2025-03-29', '2025-03-29T22:59:59.000Z', 'ok'],
  ['2025-03-29', '2025-03-29T23:00:00.000Z', 'expired'],
  // the March change day (02:00 → 03:00): that day ends at +02:00
  ['2025-03-30', '2025-03-30T21:59:59.000Z', 'ok'],
  ['2025-03-30', '2025-03-30T22:00:00.000Z', 'expired'],
  // the day before the October change (midnight still at +02:00)
  ['2025-10-25', '2025-10-25T21:59:59.000Z', 'ok'],
  ['2025-10-25', '2025-10-25T22:00:00.000Z', 'expired'],
  // the October change day (03:00 → 02:00, 25 hours): that day ends at +01:00
  ['2025-10-26', '2025-10-26T22:59:59.000Z', 'ok'],
  ['2025-10-26', '2025-10-26T23:00:00.000Z', 'expired'],
];

export interface ProbeResult { zone: string; offsetMinutes: number; results: { validityEnd: string; at: string; domain: string; redemption: string; afterJob: string }[] }

export async function probeDeadlines(): Promise<ProbeResult> {
  const tdb = await createTestDb();
  try {
    const scene = await redemptionScene(tdb.deps);
    const g = given(tdb.deps);
    const results: ProbeResult['results'] = [];
    for (const [validityEnd, at] of DEADLINE_CASES) {
      const campaign = await g.campaign({ territoryId: scene.territoryId, year: Number(validityEnd.slice(0, 4)) - 1, validity_end: validityEnd });
      await tdb.deps.db.insertInto('accreditations').values({ structure_id: scene.structure.id, campaign_id: campaign.id, status: 'accredited', applied_at: at, decided_at: at, decided_by: null, reason: null }).execute();
      const booklet = await g.issuedBooklet({ campaign, organisationId: scene.organisationId });
      tdb.clock.set(at);
      const domain = redemptionRefusal({ validUntil: validityEnd, state: { status: 'issued' } }, new Date(at)) ?? 'ok';
      const redemption = await redeemTickets(
        tdb.deps,
        scene.mediator.actor,
        { clientRedemptionId: randomUUID(), codes: [booklet.tickets[0].code], service: { ...SERVICE, siteId: scene.structure.siteId } },
        { ip: '127.0.0.1' },
      ).then(
        () => 'ok',
        (e: { code?: string }) => e.code ?? String(e),
      );
      await expireTickets(tdb.deps);
      const second = await tdb.deps.db.selectFrom('tickets').select('status').where('id', '=', booklet.tickets[1].id).executeTakeFirstOrThrow();
      results.push({ validityEnd, at, domain, redemption, afterJob: second.status });
    }
    return { zone: Intl.DateTimeFormat().resolvedOptions().timeZone, offsetMinutes: new Date('2025-01-15T12:00:00Z').getTimezoneOffset(), results };
  } finally {
    await tdb.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await probeDeadlines()));
}
