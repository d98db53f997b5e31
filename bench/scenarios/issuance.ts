// Scenario 3: issuance through the app's own issuance path (the commune quota guard — one
// conditional UPDATE per batch of booklets, takeQuotaPlaces —, serials from the locked counter,
// codes from the cryptographic source, keyed hash + encrypted copy, one INSERT per table:
// mintBooklets), booklet PDF rendering, and one print batch streamed to a single PDF in a child
// process.
// Runs on a fresh database of its own (one territory, 36 communes), dropped at the end.
import { sql } from 'kysely';
import type { CampaignTable } from '../../src/db/schema.ts';
import { renderBookletPdf, type BookletPdfData } from '../../src/exports/booklet-pdf.ts';
import { findCampaign, takeQuotaPlaces } from '../../src/repositories/issuance.ts';
import { insertPrintBatch } from '../../src/repositories/print-batches.ts';
import { inTransaction } from '../../src/repositories/tx.ts';
import { mintBooklets, type MintedBooklet } from '../../src/usecases/support/mint-booklets.ts';
import { runChild } from '../children/run-child.ts';
import { childEnv } from '../load.ts';
import { prepareDataset } from '../target.ts';
import { benchDeps, figure, timed, type BenchContext, type ScenarioResult } from './common.ts';
import type { Deps } from '../../src/usecases/support/deps.ts';

/** Booklets minted per transaction: the UI's cap on a print batch. */
export const PER_TRANSACTION = 1000;
/** The fresh database the issuance runs on: one territory of 36 communes, nothing issued yet. */
export const ISSUANCE_DATASET = { territories: 1, communesPerTerritory: 36, structuresPerTerritory: 1, booklets: 0, ticketsPerBooklet: 5, redemptions: 0, hotBooklets: 0 };

/** The territory's communes, in INSEE order: the issuance mints batch k in the k-th (round robin). */
export async function territoryCommunes(deps: Deps, territoryId: string): Promise<string[]> {
  return (await deps.db.selectFrom('communes').select('insee_code').where('territory_id', '=', territoryId).orderBy('insee_code').execute()).map((c) => c.insee_code);
}
/** Booklets rendered before the PDF timing starts (not counted). */
const PDF_WARMUP = 20;

/** CPU seconds (user + system) this process used since `start`: the rate on a core of its own. */
function cpuSince(start: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1e6;
}

function pdfData(b: MintedBooklet, campaign: CampaignTable): BookletPdfData {
  return {
    programme: 'Territoire d’essai n° 1',
    help: { phone: '03 21 00 00 00', email: 'pass.numerique@example.fr', address: null },
    campaignName: campaign.name,
    serial: b.serial,
    holderFirstName: 'Marie-Thérèse',
    validUntil: campaign.validity_end,
    faceValueCents: campaign.face_value_cents,
    needs: ['Aide aux démarches administratives', 'Maîtrise des outils numériques du quotidien', 'Utilisation sécurisée du numérique'],
    places: [1, 2, 3].map((i) => ({ name: `Espace numérique ${i}`, address: `${i} rue de la Médiathèque, 62300 Lens`, phone: '+33321000101', openingHours: 'du lundi au vendredi de 9 h à 12 h et de 14 h à 17 h' })),
    bookedSession: { title: 'Premiers pas sur le smartphone', startsAt: new Date().toISOString(), durationMinutes: 90, place: 'Espace numérique 1', address: '1 rue de la Médiathèque, 62300 Lens', phone: '+33321000101' },
    tickets: b.tickets.map((t) => ({ index: t.idx, serial: t.serial, code: t.code })),
    ticketCount: b.tickets.length,
  };
}

export function issuanceScenario(ctx: BenchContext): Promise<ScenarioResult> {
  return timed('issuance', async () => {
    const { scale } = ctx;
    const fresh = await prepareDataset(ctx.kind, ISSUANCE_DATASET, { keep: false, temporary: true });
    const ids = fresh.meta.bench;
    const handle = fresh.target.open();
    try {
      const deps = benchDeps(handle);
      const campaign = (await findCampaign(deps.db, ids.campaignId))!;
      const communes = await territoryCommunes(deps, ids.territoryId);

      ctx.log(`  émission de ${scale.issuanceBooklets} carnets (quota, numéros, codes, empreintes, chiffrement)…`);
      const sample: MintedBooklet[] = [];
      let tickets = 0;
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      for (let done = 0, k = 0; done < scale.issuanceBooklets; done += PER_TRANSACTION, k++) {
        const count = Math.min(PER_TRANSACTION, scale.issuanceBooklets - done);
        const commune = communes[k % communes.length];
        const minted = await inTransaction(deps.db, async (trx) => {
          if (!(await takeQuotaPlaces(trx, campaign.id, commune, count))) throw new Error('quota exhausted');
          return mintBooklets(deps, trx, { campaign, communeInsee: commune, count });
        });
        tickets += minted.reduce((a, b) => a + b.tickets.length, 0);
        if (sample.length < scale.pdfBooklets) sample.push(...minted.slice(0, scale.pdfBooklets - sample.length));
      }
      // SQLite copies the WAL back into the database file in a worker thread (sqlite-checkpointer.ts):
      // that work belongs to the issuance, so it is finished and counted here rather than left to
      // slow the PDF measurement below.
      if (ctx.kind === 'sqlite') await sql`pragma wal_checkpoint(TRUNCATE)`.execute(deps.db);
      const issueSeconds = (performance.now() - t0) / 1000;
      const issueCpu = cpuSince(c0);

      // A warm-up, as for the HTTP scenarios: the first booklet loads pdfkit (a dynamic import, as in
      // the server) and the first few run before V8 has optimised the layout code. Its time is
      // reported apart; the rate is that of a server that has already rendered a booklet or two.
      const render = (b: MintedBooklet) => renderBookletPdf([pdfData(b, campaign)], `Carnet ${b.serial}`);
      const tFirst = performance.now();
      await render(sample[0]);
      const firstPdfMs = performance.now() - tFirst;
      for (const b of sample.slice(1, PDF_WARMUP)) await render(b);
      ctx.log(`  rendu de ${sample.length} carnets PDF (après ${PDF_WARMUP} de mise en route)…`);
      const t1 = performance.now();
      const c1 = process.cpuUsage();
      let pdfBytes = 0;
      for (const b of sample) pdfBytes += (await render(b)).length;
      const pdfSeconds = (performance.now() - t1) / 1000;
      const pdfCpu = cpuSince(c1);

      // Two batches, a fifth of the size and the full size, each printed by a child process of its
      // own: the peak memory must not depend on the size of the batch.
      type PrintRun = { seconds: number; bytes: number; peakRssMb: number; baselineRssMb: number };
      const printBatch = async (count: number): Promise<PrintRun> => {
        ctx.log(`  lot d’impression de ${count} carnets en un seul PDF (processus séparé)…`);
        const batchId = deps.newId();
        await inTransaction(deps.db, async (trx) => {
          await insertPrintBatch(trx, { id: batchId, campaign_id: campaign.id, commune_insee: communes[0], booklet_count: count, created_by: ids.adminId, created_at: new Date().toISOString() });
          await mintBooklets(deps, trx, { campaign, communeInsee: communes[0], count, printBatchId: batchId });
        });
        return runChild<PrintRun>('bench/children/print-batch.ts', [batchId, ids.adminId, ids.territoryId], childEnv(fresh.target));
      };
      const smallBatch = Math.max(1, Math.round(scale.printBatchBooklets / 5));
      const printSmall = await printBatch(smallBatch);
      const print = await printBatch(scale.printBatchBooklets);
      const sqlite = ctx.kind === 'sqlite';
      return {
        figures: [
          figure('Émission — tickets/s', tickets / issueSeconds, 'tickets/s', sqlite ? { op: '>=', value: 50_000 } : undefined),
          figure('Émission — carnets/s', scale.issuanceBooklets / issueSeconds, 'carnets/s'),
          figure('Émission — tickets par seconde de CPU du processus', tickets / issueCpu, 'tickets/s CPU'),
          figure('PDF de carnet — carnets/s', sample.length / pdfSeconds, 'carnets/s', { op: '>=', value: 100 }),
          figure('PDF de carnet — carnets par seconde de CPU', sample.length / pdfCpu, 'carnets/s CPU'),
          figure('PDF de carnet — premier carnet (chargement de pdfkit compris)', firstPdfMs, 'ms'),
          figure(`Lot d’impression ${scale.printBatchBooklets} carnets — durée`, print.seconds, 's'),
          figure(`Lot d’impression ${scale.printBatchBooklets} carnets — carnets/s`, scale.printBatchBooklets / print.seconds, 'carnets/s'),
          figure('Lot d’impression — mémoire maximale', print.peakRssMb, 'Mo', { op: '<=', value: 300 }),
          figure(`Lot d’impression ${smallBatch} carnets — mémoire maximale`, printSmall.peakRssMb, 'Mo', { op: '<=', value: 300 }),
          figure('Lot d’impression — mémoire du processus avant le premier carnet', print.baselineRssMb, 'Mo'),
        ],
        details: {
          issuance: { booklets: scale.issuanceBooklets, tickets, seconds: issueSeconds, cpuSeconds: issueCpu, bookletsPerTransaction: PER_TRANSACTION },
          pdf: { booklets: sample.length, warmupBooklets: PDF_WARMUP, firstBookletMs: firstPdfMs, seconds: pdfSeconds, cpuSeconds: pdfCpu, averageBytes: Math.round(pdfBytes / Math.max(1, sample.length)) },
          printBatch: { booklets: scale.printBatchBooklets, ...print },
          printBatchFifth: { booklets: smallBatch, ...printSmall },
        },
      };
    } finally {
      await handle.close();
      await fresh.target.dispose();
    }
  });
}
