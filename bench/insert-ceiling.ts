// What one SQLite writer can insert of the issuance's rows, with no application work at all (issue #8,
// docs/benchmarks.md): 100,000 booklets and their 500,000 tickets are minted first by the app's own
// `mintBooklets` (real codes, HMAC, AES-GCM) and kept in memory, then inserted through the app's
// bulk insert (`insertBookletsWithTickets`), 1,000 booklets a transaction as the issuance scenario
// does, each time into a fresh database with the app's schema, pragmas and checkpoint worker:
//   as minted      — the rows exactly as minted: each code hash lands at a random place of the
//                    unique index on `code_hash`;
//   ordered hashes — the same rows, each code hash replaced by a string of the same length that
//                    grows with the ticket's id (UUIDv7, in minting order), so that the index is
//                    appended to: what the random key costs, every other index unchanged.
// Times include the final checkpoint, as the scenario's do. Two rounds. A diagnostic, not a scenario.
//
//   node --import tsx bench/insert-ceiling.ts [booklets, default 100000]
import { sql } from 'kysely';
import type { BookletTable, TicketTable } from '../src/db/schema.ts';
import { findCampaign } from '../src/repositories/issuance.ts';
import { insertBookletsWithTickets } from '../src/repositories/booklets.ts';
import { inTransaction } from '../src/repositories/tx.ts';
import type { Deps } from '../src/usecases/support/deps.ts';
import { mintBooklets } from '../src/usecases/support/mint-booklets.ts';
import { benchDeps } from './scenarios/common.ts';
import { ISSUANCE_DATASET, PER_TRANSACTION, territoryCommunes } from './scenarios/issuance.ts';
import { prepareDataset } from './target.ts';

const booklets = Number(process.argv[2] ?? 100_000);

/** Runs `fn` on a fresh temporary database with the app's schema, then drops it. */
async function onFreshDatabase<T>(fn: (deps: Deps, ids: { campaignId: string; territoryId: string }) => Promise<T>): Promise<T> {
  const fresh = await prepareDataset('sqlite', ISSUANCE_DATASET, { keep: false, temporary: true });
  const handle = fresh.target.open();
  try {
    return await fn(benchDeps(handle), fresh.meta.bench);
  } finally {
    await handle.close();
    await fresh.target.dispose();
  }
}

// The rows, minted once by the app's own code (serials, hashes, encrypted copies, statuses, dates),
// read back and deleted in the same transaction: only the serial counters stay advanced.
type Batch = { booklets: BookletTable[]; tickets: TicketTable[] };
const batches = await onFreshDatabase(async (deps, ids) => {
  const campaign = (await findCampaign(deps.db, ids.campaignId))!;
  const communes = await territoryCommunes(deps, ids.territoryId);
  const out: Batch[] = [];
  for (let done = 0, k = 0; done < booklets; done += PER_TRANSACTION, k++) {
    const count = Math.min(PER_TRANSACTION, booklets - done);
    out.push(await inTransaction(deps.db, async (trx) => {
      await mintBooklets(deps, trx, { campaign, communeInsee: communes[k % communes.length], count });
      const batch = { booklets: await trx.selectFrom('booklets').selectAll().execute(), tickets: await trx.selectFrom('tickets').selectAll().orderBy(sql`rowid`).execute() };
      await sql`delete from tickets`.execute(trx);
      await sql`delete from booklets`.execute(trx);
      return batch;
    }));
  }
  return out;
});
const tickets = batches.reduce((a, b) => a + b.tickets.length, 0);
const orderedHashes = batches.map((b) => ({ booklets: b.booklets, tickets: b.tickets.map((t) => ({ ...t, code_hash: t.id.padEnd(t.code_hash.length, '0') })) }));

async function insertAll(rows: Batch[]): Promise<number> {
  return onFreshDatabase(async (deps, ids) => {
    // Each fresh database has a campaign of its own: the rows are pointed at it before the clock starts.
    for (const b of rows) for (const row of [...b.booklets, ...b.tickets]) row.campaign_id = ids.campaignId;
    const t0 = performance.now();
    for (const b of rows) await inTransaction(deps.db, (trx) => insertBookletsWithTickets(trx, b.booklets, b.tickets));
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(deps.db);
    const seconds = (performance.now() - t0) / 1000;
    const { n } = await deps.db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    if (Number(n) !== tickets) throw new Error(`${n} tickets en base, ${tickets} attendus`);
    return seconds;
  });
}

console.log(`${booklets} carnets, ${tickets} tickets, ${Math.min(PER_TRANSACTION, booklets)} carnets par transaction (SQLite, schéma, réglages et point de contrôle de l’application)`);
for (let round = 1; round <= 2; round++) {
  for (const [name, rows] of [['as minted', batches], ['ordered hashes', orderedHashes]] as const) {
    const seconds = await insertAll(rows);
    console.log(`${round} ${name.padEnd(14)} ${(tickets / seconds).toFixed(0).padStart(7)} tickets/s (${seconds.toFixed(1)} s)`);
  }
}
