// How close could any restructuring of the PostgreSQL redemption come to its storage floor (issue #8,
// docs/benchmarks.md)? In one process, on one pool of the app's size, 50 concurrent callers, four
// kinds of operation run in turn on the `--scale million` dataset:
//   floor      — the storage floor of `passnum bench`: BEGIN, the guard's conditional UPDATE, COMMIT;
//   write set  — BEGIN, ONE statement writing every row a redemption writes (the guard's UPDATE, the
//                request, the redemption row, the staged audit entry, six statistics' changes, the
//                call-list row), COMMIT: what a server-side function doing the whole redemption would
//                at best cost, without any read, lock or computation before it;
//   core rows  — the same statement without the dashboards' aggregates (statistics, call list);
//   use case   — the redemption use case itself (`redeemTickets`), without HTTP.
// The write set's extra rows are undone at the end (statistics, audit entries, call-list counts); the
// redemptions and tickets by the same reset as the benchmark's. A diagnostic, not a scenario.
//
//   node --import tsx bench/write-set.ts [seconds per run, default 15] [rounds, default 2]
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { parisDate } from '../src/domain/paris-time.ts';
import { inTransaction } from '../src/repositories/tx.ts';
import { redeemTickets } from '../src/usecases/redemption/redeem-tickets.ts';
import { SCALES } from './config.ts';
import { runInProcess } from './load.ts';
import { benchDeps, guardAlone, resetHotPool, SERVICE } from './scenarios/common.ts';
import { prepareDataset } from './target.ts';

const seconds = Number(process.argv[2] ?? 15);
const rounds = Number(process.argv[3] ?? 2);
const CONCURRENCY = SCALES.million.connections;
const LABEL = 'write-set-diagnostic';

const prepared = await prepareDataset('postgresql', SCALES.million.dataset, { keep: true, log: console.log });
const ids = prepared.meta.bench;
const handle = prepared.target.open();
const deps = benchDeps(handle);
const hashes = prepared.codes.map((c) => deps.secrets.hashCode(c));
const callListChanges = new Map<string, number>();

const writeSet = (codeHash: string, at: string, aggregates: boolean) => sql<{ beneficiary_id: string | null; campaign_id: string | null }>`
  with g as (
    update tickets set status = 'redeemed', structure_id = ${ids.structureId}, redeemed_at = ${at}, updated_at = ${at}
     where code_hash = ${codeHash} and status in ('issued') and valid_until >= ${today}
       and campaign_id in (select a.campaign_id from accreditations a join campaigns c on c.id = a.campaign_id
                            where a.structure_id = ${ids.structureId} and a.status = 'accredited' and c.territory_id = ${ids.territoryId})
    returning id, campaign_id, booklet_id),
  r as (insert into redemption_requests (id, structure_id, client_redemption_id, codes_fingerprint, site_id, format, themes, duration_minutes, actor_id, created_at)
        select ${randomUUID()}, ${ids.structureId}, ${randomUUID()}, ${randomUUID()}, ${ids.siteId}, 'individuel', '["Email"]', 60, ${ids.tokenId}, ${at}
          from g returning id),
  d as (insert into redemptions (id, request_id, ticket_id, structure_id, campaign_id, redeemed_at)
        select ${randomUUID()}, r.id, g.id, ${ids.structureId}, g.campaign_id, ${at} from g, r returning id),
  a as (insert into audit_pending (at, territory_id, actor_id, actor_label, action, target_type, target_id, details)
        select ${at}, ${ids.territoryId}, ${ids.tokenId}, ${LABEL}, 'ticket.redeemed', 'ticket', g.id, '{"serial":"x"}' from g returning id),
  s as (insert into stats_pending (stat, campaign_id, month, d1, d2, d3, n1, n2, n3, n4)
        select ${LABEL}, g.campaign_id, '2026-12', x.d, '', '', 1, 1000, 0, 0 from g, (values ('a'), ('b'), ('c'), ('d'), ('e'), ('f')) x(d)
         where ${aggregates} returning seq),
  c as (update call_list cl set unused = unused - 1, unused_cents = unused_cents - 1000, used = used + 1
          from g join booklets b on b.id = g.booklet_id
         where cl.beneficiary_id = b.beneficiary_id and cl.campaign_id = g.campaign_id and ${aggregates}
        returning cl.beneficiary_id, cl.campaign_id)
  select c.beneficiary_id, c.campaign_id from d cross join a left join c on true, (select count(*) from s) s`;

// As the benchmark's floor: the Paris day computed once, not per operation.
const today = parisDate(new Date());
const actor = { kind: 'token' as const, id: ids.tokenId, role: 'structure_token' as const, territoryId: ids.territoryId, organisationId: null, structureId: ids.structureId, label: 'bench' };
const runs: Record<string, (i: number) => Promise<void>> = {
  floor: (i) => guardAlone(deps, ids, today, hashes[i], true),
  'write set': (i) => writeSetOp(i, true),
  'core rows': (i) => writeSetOp(i, false),
  'use case': async (i) => {
    await redeemTickets(deps, actor, { clientRedemptionId: randomUUID(), codes: [prepared.codes[i]], service: { ...SERVICE, siteId: ids.siteId } }, { ip: '127.0.0.1' });
  },
};

function writeSetOp(i: number, aggregates: boolean): Promise<void> {
  return inTransaction(deps.db, async (trx) => {
    const { rows } = await writeSet(hashes[i], new Date().toISOString(), aggregates).execute(trx);
    if (rows.length !== 1) throw new Error(`write set: ticket ${i} not redeemed`);
    if (!aggregates) return;
    const key = `${rows[0].beneficiary_id}\t${rows[0].campaign_id}`;
    callListChanges.set(key, (callListChanges.get(key) ?? 0) + 1);
  });
}

async function undoWriteSet(): Promise<void> {
  await sql`delete from stats_pending where stat = ${LABEL}`.execute(handle.db);
  await sql`delete from audit_pending where actor_label = ${LABEL}`.execute(handle.db);
  for (const [key, n] of callListChanges) {
    const [beneficiaryId, campaignId] = key.split('\t');
    await sql`update call_list set unused = unused + ${n}, unused_cents = unused_cents + ${n * 1000}, used = used - ${n}
               where beneficiary_id = ${beneficiaryId} and campaign_id = ${campaignId}`.execute(handle.db);
  }
  callListChanges.clear();
}

try {
  console.log(`${CONCURRENCY} callers, ${seconds} s a run, pool of 10, PostgreSQL; op/s (p50 / p99 ms):`);
  for (let round = 1; round <= rounds; round++) {
    for (const [name, op] of Object.entries(runs)) {
      await resetHotPool(handle, ids);
      const r = await runInProcess(CONCURRENCY, seconds, async (i) => {
        if (i >= hashes.length) throw new Error(`only ${hashes.length} hot codes`);
        await op(i);
      });
      await undoWriteSet();
      console.log(`  round ${round}  ${name.padEnd(10)} ${String(r.opsPerSecond).padStart(8)} op/s  (${r.p50Ms} / ${r.p99Ms} ms)`);
    }
  }
} finally {
  await undoWriteSet();
  await resetHotPool(handle, ids);
  await handle.close();
}
