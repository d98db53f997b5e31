import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { requireRole, type Actor } from '../../domain/actor.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { createBookletDocument, drawBooklet } from '../../exports/booklet-pdf.ts';
import { bookletPlace, PLACES_ON_COVER } from './get-booklet-pdf.ts';
import { suggestPlaces } from '../support/places.ts';
import { territoryContact } from '../support/territory-contact.ts';
import { findTerritoryCommune, getOrganisationName, listBookletTickets, listOpenCampaigns } from '../../repositories/issuance.ts';
import { findPrintBatch, insertPrintBatch, listBatchBooklets, listPrintBatches, stockByCommune } from '../../repositories/print-batches.ts';
import { getTerritory, listCommunes } from '../../repositories/territories.ts';
import { inTransaction } from '../../repositories/tx.ts';
import { audit } from '../support/audit.ts';
import type { Deps } from '../support/deps.ts';
import { loadCampaign } from '../support/issuance-guards.ts';
import { mintBooklets } from '../support/mint-booklets.ts';
import { frenchDate } from '../../domain/paris-time.ts';

export const MAX_BATCH = 1000;

/**
 * Pre-printed stock (issue #3, item 6): the programme orders N booklets for a commune. They are
 * minted 'in_stock' (their tickets cannot be redeemed) and handed out later by serial.
 */
export async function createPrintBatch(deps: Deps, actor: Actor, input: { campaignId: string; communeInsee: string; count: number }) {
  requireRole(actor, 'admin');
  const campaign = await loadCampaign(deps.db, actor, input.campaignId);
  if (campaign.status === 'closed') throw new DomainError('campaign_closed', `La campagne « ${campaign.name} » est close : on n’imprime plus de carnets.`, { field: 'campaignId' });
  const commune = await findTerritoryCommune(deps.db, actor.territoryId, input.communeInsee);
  if (!commune) throw invalid('communeInsee', `La commune ${input.communeInsee} ne fait pas partie du territoire.`);
  if (!Number.isInteger(input.count) || input.count < 1 || input.count > MAX_BATCH) throw invalid('count', `Le nombre de carnets va de 1 à ${MAX_BATCH} par lot.`);
  const id = deps.newId();
  const now = deps.now();
  const minted = await inTransaction(deps.db, async (trx) => {
    await insertPrintBatch(trx, { id, campaign_id: campaign.id, commune_insee: commune.insee_code, booklet_count: input.count, created_by: actor.id, created_at: now.toISOString() });
    const booklets = await mintBooklets(deps, trx, { campaign, communeInsee: commune.insee_code, count: input.count, printBatchId: id });
    await audit(trx, actor, now, 'print_batch.created', { type: 'print_batch', id }, {
      campaignId: campaign.id, communeInsee: commune.insee_code, count: input.count, firstSerial: booklets[0].serial, lastSerial: booklets.at(-1)!.serial,
    });
    return booklets;
  });
  return {
    id,
    campaignId: campaign.id,
    communeInsee: commune.insee_code,
    communeName: commune.name,
    count: minted.length,
    firstSerial: minted[0].serial,
    lastSerial: minted.at(-1)!.serial,
  };
}

async function loadBatch(deps: Deps, actor: Actor, id: string) {
  requireRole(actor, 'admin');
  const batch = await findPrintBatch(deps.db, id);
  if (!batch || batch.territory_id !== actor.territoryId) throw new DomainError('not_found', 'Lot d’impression introuvable.');
  const campaign = await loadCampaign(deps.db, actor, batch.campaign_id);
  return { batch, campaign };
}

/** Walks a batch's booklets in serial order, a page at a time, with their tickets. */
async function* batchBooklets(deps: Deps, batchId: string) {
  let after = '';
  for (;;) {
    const page = await listBatchBooklets(deps.db, batchId, after, 50);
    if (page.length === 0) return;
    const tickets = await listBookletTickets(deps.db, page.map((b) => b.id));
    for (const b of page) yield { booklet: b, tickets: tickets.filter((t) => t.booklet_id === b.id) };
    after = page.at(-1)!.serial;
  }
}

/**
 * Waits while more than 1 MB of drawn PDF is waiting for the reader; false once the download is
 * gone. pdfkit pushes without backpressure, and on SQLite every await of the drawing loop is a
 * microtask, so the reader never ran: a 10,000-booklet batch piled up in memory (1.25 GB peak,
 * docs/benchmarks-history.md) before leaving.
 */
async function readerCaughtUp(doc: PDFKit.PDFDocument): Promise<boolean> {
  const stream = doc as unknown as Readable;
  while (stream.readableLength > 1 << 20 && !stream.destroyed) await new Promise((resolve) => setTimeout(resolve, 1));
  // Let the event loop turn after every booklet even when the reader keeps up: V8 finishes its
  // garbage collection cycles in tasks run by the event loop, and a drawing loop that only ever
  // awaits microtasks (SQLite) let the heap's garbage grow with the size of the batch.
  await new Promise((resolve) => setImmediate(resolve));
  return !stream.destroyed;
}

/** The printer's PDF, streamed booklet by booklet (codes decrypted only while rendering). */
export async function printBatchPdf(deps: Deps, actor: Actor, id: string): Promise<{ filename: string; stream: Readable }> {
  const { batch, campaign } = await loadBatch(deps, actor, id);
  const territory = await getTerritory(deps.db, actor.territoryId);
  // The same "Où utiliser vos tickets" page as a booklet printed at the desk: the places near the
  // commune the batch is for (no needs are known before the hand-out).
  const places = (await suggestPlaces(deps.db, campaign, { services: [], communeInsee: batch.commune_insee }, PLACES_ON_COVER)).map(bookletPlace);
  const doc = await createBookletDocument(`Lot d’impression ${batch.id}`);
  const write = async () => {
    for await (const { booklet, tickets } of batchBooklets(deps, batch.id)) {
      drawBooklet(doc, {
        programme: territory?.name ?? '',
        help: territory ? territoryContact(territory) : null,
        campaignName: campaign.name,
        serial: booklet.serial,
        holderFirstName: null,
        validUntil: campaign.validity_end,
        faceValueCents: campaign.face_value_cents,
        needs: [],
        places,
        bookedSession: null,
        tickets: tickets.map((t) => ({ index: t.idx, serial: t.serial, code: deps.secrets.decryptCode(t.code_encrypted!) })),
        ticketCount: tickets.length,
      });
      if (!(await readerCaughtUp(doc))) return;
    }
  };
  write().then(
    () => doc.end(),
    (error: unknown) => doc.destroy(error as Error),
  );
  await inTransaction(deps.db, (trx) => audit(trx, actor, deps.now(), 'print_batch.printed', { type: 'print_batch', id: batch.id }, {}));
  return { filename: `lot-${batch.commune_insee}-${batch.id}.pdf`, stream: doc as unknown as Readable };
}

/** The manifest for the printer and the commune: one line per booklet (CSV for French spreadsheets). */
export async function printBatchManifest(deps: Deps, actor: Actor, id: string): Promise<{ filename: string; csv: string }> {
  const { batch, campaign } = await loadBatch(deps, actor, id);
  const commune = await findTerritoryCommune(deps.db, actor.territoryId, batch.commune_insee);
  const rows: string[][] = [];
  for await (const { booklet, tickets } of batchBooklets(deps, batch.id)) {
    rows.push([
      booklet.serial, batch.commune_insee, commune?.name ?? '', campaign.name, String(tickets.length), tickets[0]?.serial ?? '',
      tickets.at(-1)?.serial ?? '', (campaign.face_value_cents / 100).toFixed(2).replace('.', ','), frenchDate(campaign.validity_end), booklet.status,
    ]);
  }
  const csv = stringify(rows, {
    delimiter: ';',
    bom: true,
    record_delimiter: '\r\n',
    header: true,
    columns: ['numero_carnet', 'code_insee', 'commune', 'campagne', 'nombre_tickets', 'premier_ticket', 'dernier_ticket', 'valeur_faciale_euros', 'valable_jusqu_au', 'etat'],
  });
  return { filename: `manifeste-${batch.commune_insee}-${batch.id}.csv`, csv };
}

/** Stock per commune (admin: every commune; agent: their organisation's commune). */
export async function listStock(deps: Deps, actor: Actor, input: { campaignId?: string }) {
  let communeFilter: string | undefined;
  if (actor.role === 'agent' || actor.role === 'organisation_token') {
    const org = actor.organisationId ? await getOrganisationName(deps.db, actor.organisationId) : undefined;
    if (!org) throw new DomainError('forbidden', 'Organisation inconnue.');
    communeFilter = org.commune_insee;
  } else requireRole(actor, 'admin', 'auditor');
  const campaign = input.campaignId ? await loadCampaign(deps.db, actor, input.campaignId) : (await listOpenCampaigns(deps.db, actor.territoryId))[0];
  if (!campaign) return { campaignId: null, communes: [], batches: [] };
  const [rows, communes, batches] = await Promise.all([
    stockByCommune(deps.db, campaign.id, communeFilter),
    listCommunes(deps.db, actor.territoryId),
    listPrintBatches(deps.db, actor.territoryId, communeFilter),
  ]);
  const names = new Map(communes.map((c) => [c.inseeCode, c.name]));
  return {
    campaignId: campaign.id,
    communes: rows.map((r) => ({ communeInsee: r.commune_insee, communeName: names.get(r.commune_insee) ?? null, inStock: Number(r.in_stock), handedOut: Number(r.handed_out) })),
    batches: batches
      .filter((b) => b.campaign_id === campaign.id)
      .map((b) => ({ id: b.id, communeInsee: b.commune_insee, communeName: names.get(b.commune_insee) ?? null, count: b.booklet_count, createdAt: b.created_at })),
  };
}
