// The synthetic national dataset: territories with their communes, mairies, one open campaign,
// accredited structures; booklets handed out to people (with an intake diagnostic), their tickets,
// redemptions (one request per ticket, as one ticket pays one session), claims and payments for the
// older ones. Plus, in territory 0, "hot" booklets whose codes the bench keeps in clear for the load
// generator, a bench structure with its API token and an admin.
//
// Built with bulk inserts (bench/bulk.ts), indexes rebuilt at the end, then reused between runs
// while the parameters (and the schema's migrations) are the same: a sidecar JSON beside the
// SQLite file (data/bench/, git-ignored) or the kept PostgreSQL database says what it holds.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { v7 as uuidv7 } from 'uuid';
import { PROFILE_IDS } from '../src/domain/diagnostic.ts';
import { PRIORITY_MARKER_IDS } from '../src/domain/person.ts';
import { bookletSerial, ticketSerial } from '../src/domain/serials.ts';
import { THEME_IDS } from '../src/domain/themes.ts';
import { createSecrets } from '../src/usecases/support/secrets.ts';
import { drawCode } from '../src/usecases/support/mint-booklets.ts';
import type { BulkSink, Columns } from './bulk.ts';
import { BENCH_SECRETS, type DatasetSize } from './config.ts';

export const DATASET_VERSION = 4;

export interface BenchIds {
  territoryId: string;
  campaignId: string;
  communeInsee: string;
  organisationId: string;
  structureId: string;
  siteId: string;
  tokenId: string;
  token: string;
  adminId: string;
  validityEnd: string;
}

export interface DatasetMeta {
  key: string;
  version: number;
  dialect: 'sqlite' | 'postgresql';
  size: DatasetSize;
  builtAt: string;
  buildSeconds: number;
  indexSeconds: number;
  rowsPerSecond: number;
  counts: Record<string, number>;
  bench: BenchIds;
  hotTickets: number;
}

/**
 * Names a dataset: its sizes and the builder's version. The schema is not part of it: a reused
 * dataset is migrated to the latest schema before each run, as a production database would be.
 */
export function datasetKey(size: DatasetSize): string {
  return createHash('sha256').update(JSON.stringify({ size, v: DATASET_VERSION })).digest('hex').slice(0, 12);
}

/** The sidecar's meta when it describes a dataset of these sizes built by this builder's version. */
export function readMeta(path: string, size: DatasetSize): DatasetMeta | null {
  if (!existsSync(path)) return null;
  const meta = JSON.parse(readFileSync(path, 'utf8')) as DatasetMeta;
  return meta.version === DATASET_VERSION && JSON.stringify(meta.size) === JSON.stringify(size) ? meta : null;
}

// ---- deterministic pseudo-random numbers (mulberry32): the same parameters give the same data ----
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST_NAMES = ['Marie', 'Jean', 'Fatima', 'Michel', 'Nathalie', 'Ahmed', 'Monique', 'Kevin', 'Sylvie', 'Bernard', 'Yasmina', 'Gérard'];
const DAY = 86_400_000;

const C: Record<string, Columns> = {
  territories: { id: 'text', kind: 'text', code: 'text', name: 'text', created_at: 'text' },
  communes: { territory_id: 'text', insee_code: 'text', name: 'text', postal_codes: 'text', population: 'int' },
  organisations: { id: 'text', territory_id: 'text', kind: 'text', name: 'text', commune_insee: 'text', siret: 'text', created_at: 'text' },
  campaigns: {
    id: 'text', territory_id: 'text', name: 'text', year: 'int', status: 'text', tickets_per_booklet: 'int', face_value_cents: 'int',
    issuance_start: 'text', issuance_end: 'text', validity_end: 'text', claim_deadline: 'text', budget_cents: 'bigint',
    eligible_services: 'text', diagnostic_threshold: 'text', quota_fixed: 'int', quota_weighted_total: 'int', allow_replacement: 'int',
    created_at: 'text', updated_at: 'text',
  },
  commune_quotas: { campaign_id: 'text', commune_insee: 'text', weight: 'int', quota: 'int', issued: 'int' },
  booklet_counters: { campaign_id: 'text', commune_insee: 'text', last_sequence: 'int' },
  structures: { id: 'text', territory_id: 'text', siret: 'text', name: 'text', services: 'text', bank_status: 'text', iban: 'text', bic: 'text', account_holder: 'text', created_at: 'text', updated_at: 'text' },
  sites: { id: 'text', structure_id: 'text', name: 'text', address: 'text', commune_insee: 'text', postal_code: 'text', created_at: 'text' },
  accreditations: { structure_id: 'text', campaign_id: 'text', status: 'text', applied_at: 'text', decided_at: 'text' },
  users: { id: 'text', territory_id: 'text', email: 'text', display_name: 'text', role: 'text', created_at: 'text' },
  api_tokens: { id: 'text', token_hash: 'text', name: 'text', territory_id: 'text', structure_id: 'text', created_by: 'text', created_at: 'text', expires_at: 'text' },
  beneficiaries: {
    id: 'text', territory_id: 'text', organisation_id: 'text', first_name: 'text', birth_name: 'text', birth_date: 'text', person_key: 'text',
    search_text: 'text', commune_insee: 'text', phone: 'text', contact_consent: 'int', consent_at: 'text', priority_markers: 'text',
    last_contact_at: 'text', created_by: 'text', created_at: 'text',
  },
  diagnostics: {
    id: 'text', beneficiary_id: 'text', model_version: 'text', kind: 'text', previous_id: 'text', answers: 'text', needs: 'text', scores: 'text',
    profile: 'text', created_by: 'text', created_at: 'text',
  },
  booklets: {
    id: 'text', campaign_id: 'text', serial: 'text', commune_insee: 'text', status: 'text', beneficiary_id: 'text', person_key: 'text',
    organisation_id: 'text', issued_by: 'text', issued_at: 'text', created_at: 'text',
  },
  tickets: {
    id: 'text', booklet_id: 'text', campaign_id: 'text', idx: 'int', serial: 'text', code_hash: 'text', code_encrypted: 'text', status: 'text',
    face_value_cents: 'int', valid_until: 'text', issued_at: 'text', redeemed_at: 'text', structure_id: 'text', updated_at: 'text',
  },
  redemption_requests: {
    id: 'text', structure_id: 'text', client_redemption_id: 'text', codes_fingerprint: 'text', site_id: 'text', format: 'text', themes: 'text',
    duration_minutes: 'int', actor_id: 'text', created_at: 'text',
  },
  redemptions: { id: 'text', request_id: 'text', ticket_id: 'text', structure_id: 'text', campaign_id: 'text', redeemed_at: 'text' },
  claims: { id: 'text', structure_id: 'text', campaign_id: 'text', period: 'text', status: 'text', submitted_at: 'text', submitted_by: 'text', reviewed_at: 'text', reviewed_by: 'text', created_at: 'text' },
  claim_lines: { id: 'text', claim_id: 'text', ticket_id: 'text', redemption_id: 'text', amount_cents: 'int', status: 'text', created_at: 'text', reviewed_at: 'text' },
  payment_orders: { id: 'text', territory_id: 'text', status: 'text', total_cents: 'bigint', execution_date: 'text', created_by: 'text', created_at: 'text', paid_at: 'text', payment_date: 'text', payment_reference: 'text' },
  statement_counters: { territory_id: 'text', year: 'int', last_number: 'int' },
  statements: {
    id: 'text', payment_order_id: 'text', structure_id: 'text', territory_id: 'text', year: 'int', number: 'int', amount_cents: 'bigint', iban: 'text',
    bic: 'text', account_holder: 'text', created_at: 'text', paid_at: 'text', payment_date: 'text', payment_reference: 'text',
  },
  payment_lines: { id: 'text', statement_id: 'text', claim_line_id: 'text', ticket_id: 'text', amount_cents: 'int' },
};

/** The big tables whose indexes are dropped during the load and rebuilt after. */
const BULK_TABLES = ['beneficiaries', 'diagnostics', 'booklets', 'tickets', 'redemption_requests', 'redemptions', 'claim_lines', 'payment_lines'];

type Rows = Record<string, unknown[][]>;
const emptyRows = (): Rows => Object.fromEntries(Object.keys(C).map((t) => [t, []]));

interface Territory {
  index: number;
  id: string;
  campaignId: string;
  communes: string[];
  organisations: string[];
  structures: { id: string; siteId: string }[];
  sequences: number[];
}

interface Claim { id: string; structureId: string; territoryId: string; campaignId: string; period: string; paid: boolean; total: number; statementId?: string; orderId?: string }

/**
 * Builds the dataset into an empty migrated database through `sink`. `now` anchors the history
 * (hand-outs in the 300 days before it; the campaign is valid until 31 January next year).
 * Returns the meta (without key) and the hot codes in clear, in booklet order.
 */
export async function buildDataset(sink: BulkSink, size: DatasetSize, now: Date, log: (m: string) => void = () => {}): Promise<{ meta: Omit<DatasetMeta, 'key' | 'dialect'>; codes: string[] }> {
  const t0 = performance.now();
  const rnd = prng(20261127);
  const secrets = createSecrets(BENCH_SECRETS.PASSNUM_CODE_SECRET, BENCH_SECRETS.PASSNUM_SESSION_SECRET);
  const year = now.getUTCFullYear();
  const validityEnd = `${year + 1}-01-31`;
  const nowIso = now.toISOString();
  const counts: Record<string, number> = {};
  let pending: Promise<void> = Promise.resolve();
  // Inserts overlap with generating the next batch (PostgreSQL works while Node builds rows).
  const flush = async (rows: Rows) => {
    await pending;
    const order = Object.keys(C).filter((t) => rows[t].length);
    for (const t of order) counts[t] = (counts[t] ?? 0) + rows[t].length;
    pending = (async () => {
      for (const t of order) await sink.insert(t, C[t], rows[t]);
    })();
  };

  await sink.dropIndexes(BULK_TABLES);
  const [model] = await sink.query<{ version: string }>(`select version from diagnostic_models where is_current = 1`);
  const modelVersion = model?.version ?? 'v1';

  // ---- reference data: territories, communes, mairies, campaigns, structures ----
  const ref = emptyRows();
  const territories: Territory[] = [];
  for (let t = 0; t < size.territories; t++) {
    const id = uuidv7();
    const campaignId = uuidv7();
    ref.territories.push([id, 'epci', String(200_000_000 + t), `Territoire d’essai n° ${t + 1}`, nowIso]);
    const communes: string[] = [];
    const organisations: string[] = [];
    for (let c = 0; c < size.communesPerTerritory; c++) {
      const insee = String(10_000 + t * 100 + c);
      communes.push(insee);
      ref.communes.push([id, insee, `Commune ${t + 1}-${c + 1}`, String(62_000 + c), 1000 + Math.floor(rnd() * 30_000)]);
      const orgId = uuidv7();
      organisations.push(orgId);
      ref.organisations.push([orgId, id, 'mairie', `Mairie de la commune ${t + 1}-${c + 1}`, insee, null, nowIso]);
    }
    ref.campaigns.push([
      campaignId, id, `Pass numérique ${year}`, year, 'open', size.ticketsPerBooklet, 1000, `${year}-01-01`, `${year}-12-31`, validityEnd,
      `${year + 1}-03-31`, 1_000_000_000, JSON.stringify(['Maîtrise des outils numériques du quotidien', 'Aide aux démarches administratives']),
      'intermediaire', 10, 0, 1, nowIso, nowIso,
    ]);
    const structures: { id: string; siteId: string }[] = [];
    for (let s = 0; s < size.structuresPerTerritory; s++) {
      const sid = uuidv7();
      const siteId = uuidv7();
      structures.push({ id: sid, siteId });
      ref.structures.push([sid, id, String(30_000_000_000_000 + t * 1000 + s), `Espace numérique ${t + 1}-${s + 1}`, '', 'verified', 'FR7630001000640000001234559', 'BDFEFRPPCCT', `EPN ${t + 1}-${s + 1}`, nowIso, nowIso]);
      ref.sites.push([siteId, sid, `EPN ${t + 1}-${s + 1}`, `${s + 1} rue de la Médiathèque`, communes[s % communes.length], String(62_000 + (s % communes.length)), nowIso]);
      ref.accreditations.push([sid, campaignId, 'accredited', nowIso, nowIso]);
    }
    territories.push({ index: t, id, campaignId, communes, organisations, structures, sequences: communes.map(() => 0) });
  }
  // The bench's own structure, token and admin in territory 0.
  const t0r = territories[0];
  const bench: BenchIds = {
    territoryId: t0r.id, campaignId: t0r.campaignId, communeInsee: t0r.communes[0], organisationId: t0r.organisations[0],
    structureId: uuidv7(), siteId: uuidv7(), tokenId: uuidv7(), token: `pn_bench_${randomBytes(24).toString('base64url')}`, adminId: uuidv7(), validityEnd,
  };
  ref.structures.push([bench.structureId, t0r.id, '39999999999999', 'Structure du banc d’essai (HTTP)', '', 'verified', 'FR7630001000640000001234559', 'BDFEFRPPCCT', 'Banc d’essai', nowIso, nowIso]);
  ref.sites.push([bench.siteId, bench.structureId, 'Banc d’essai', '1 place de la Mairie', t0r.communes[0], '62000', nowIso]);
  ref.accreditations.push([bench.structureId, t0r.campaignId, 'accredited', nowIso, nowIso]);
  ref.users.push([bench.adminId, t0r.id, 'admin@banc-essai.invalid', 'Admin du banc d’essai', 'admin', nowIso]);
  // Tokens expire (one year by default): the bench's lasts as long as any reused dataset.
  ref.api_tokens.push([bench.tokenId, secrets.hashToken(bench.token), 'Banc d’essai', t0r.id, bench.structureId, bench.adminId, nowIso, new Date(now.getTime() + 10 * 365 * 86_400_000).toISOString()]);
  await flush(ref);

  // ---- history: booklets, people, tickets, redemptions ----
  const claims = new Map<string, Claim>();
  const perTerritory = Math.floor(size.booklets / size.territories);
  const redemptionP = size.booklets ? size.redemptions / (size.booklets * size.ticketsPerBooklet) : 0;
  let redemptionsLeft = size.redemptions;
  let bookletsLeft = size.booklets;
  const BATCH = 10_000;
  let batch = emptyRows();
  let inBatch = 0;
  const startMs = now.getTime() - 300 * DAY;

  const person = (terr: Territory, c: number, n: number, issuedAt: string, rows: Rows, used: boolean) => {
    const id = uuidv7();
    const first = FIRST_NAMES[n % FIRST_NAMES.length];
    const birthDate0 = `19${40 + (n % 60)}-0${1 + (n % 9)}-1${n % 10}`;
    const key = `${first.toLowerCase()}|nom${n}|${birthDate0}`;
    const birth = `NOM${n}`;
    const birthDate = birthDate0;
    const markers = rnd() < 0.6 ? JSON.stringify([PRIORITY_MARKER_IDS[n % PRIORITY_MARKER_IDS.length]]) : '[]';
    rows.beneficiaries.push([
      id, terr.id, terr.organisations[c], first, birth, birthDate, key, `${first} ${birth}`.toLowerCase(),
      terr.communes[c], n % 3 === 0 ? null : `+3332100${String(n % 10_000).padStart(4, '0')}`, 1, issuedAt, markers, issuedAt, 'bench', issuedAt,
    ]);
    const diagId = uuidv7();
    rows.diagnostics.push([diagId, id, modelVersion, 'initial', null, '{}', '[]', '{}', PROFILE_IDS[n % 3], 'bench', issuedAt]);
    if (used && rnd() < 0.25) {
      rows.diagnostics.push([uuidv7(), id, modelVersion, 'followup', diagId, '{}', '[]', '{}', PROFILE_IDS[1 + (n % 3)], 'bench', issuedAt]);
    }
    return { id, key };
  };

  let n = 0;
  for (const terr of territories) {
    const count = terr.index === 0 ? perTerritory + (size.booklets - perTerritory * size.territories) : perTerritory;
    for (let b = 0; b < count; b++, n++) {
      const c = b % terr.communes.length;
      terr.sequences[c] += 1;
      const serial = bookletSerial(year, terr.communes[c], terr.sequences[c]);
      const issuedMs = startMs + Math.floor(rnd() * 270) * DAY + Math.floor(rnd() * 8 * 3_600_000) + 7 * 3_600_000;
      const issuedAt = new Date(issuedMs).toISOString();
      // Used tickets: binomial around the requested share, kept exact on the total.
      let used = 0;
      for (let k = 0; k < size.ticketsPerBooklet; k++) if (rnd() < redemptionP) used++;
      used = Math.min(redemptionsLeft, Math.max(used, redemptionsLeft - size.ticketsPerBooklet * (bookletsLeft - 1)));
      redemptionsLeft -= used;
      bookletsLeft -= 1;
      const bookletId = uuidv7();
      const holder = person(terr, c, n, issuedAt, batch, used > 0);
      batch.booklets.push([bookletId, terr.campaignId, serial, terr.communes[c], 'issued', holder.id, holder.key, terr.organisations[c], 'bench', issuedAt, issuedAt]);
      const hashes = randomBytes(32 * size.ticketsPerBooklet);
      const encrypted = randomBytes(46 * size.ticketsPerBooklet);
      let at = issuedMs;
      for (let idx = 1; idx <= size.ticketsPerBooklet; idx++) {
        const ticketId = uuidv7();
        const codeHash = hashes.toString('base64url', (idx - 1) * 32, idx * 32);
        const enc = encrypted.toString('base64url', (idx - 1) * 46, idx * 46);
        if (idx > used) {
          batch.tickets.push([ticketId, bookletId, terr.campaignId, idx, ticketSerial(serial, idx), codeHash, enc, 'issued', 1000, validityEnd, issuedAt, null, null, issuedAt]);
          continue;
        }
        at = Math.min(now.getTime() - 3_600_000, at + Math.floor(rnd() * 30 * DAY) + 3_600_000);
        const redeemedAt = new Date(at).toISOString();
        const s = terr.structures[Math.floor(rnd() * terr.structures.length)];
        const ageDays = (now.getTime() - at) / DAY;
        const status = ageDays > 120 ? 'paid' : ageDays > 30 ? 'claimed' : 'redeemed';
        batch.tickets.push([ticketId, bookletId, terr.campaignId, idx, ticketSerial(serial, idx), codeHash, enc, status, 1000, validityEnd, issuedAt, redeemedAt, s.id, redeemedAt]);
        const requestId = uuidv7();
        const themes = JSON.stringify(rnd() < 0.5 ? [THEME_IDS[n % THEME_IDS.length]] : [THEME_IDS[n % THEME_IDS.length], THEME_IDS[(n + 3) % THEME_IDS.length]]);
        batch.redemption_requests.push([requestId, s.id, uuidv7(), codeHash, s.siteId, rnd() < 0.7 ? 'individuel' : 'collectif', themes, [30, 60, 90, 120][n % 4], 'bench', redeemedAt]);
        const redemptionId = uuidv7();
        batch.redemptions.push([redemptionId, requestId, ticketId, s.id, terr.campaignId, redeemedAt]);
        if (status === 'redeemed') continue;
        const period = redeemedAt.slice(0, 7);
        const key = `${s.id}|${period}`;
        let claim = claims.get(key);
        if (!claim) {
          claim = { id: uuidv7(), structureId: s.id, territoryId: terr.id, campaignId: terr.campaignId, period, paid: status === 'paid', total: 0 };
          if (claim.paid) claim.statementId = uuidv7();
          claims.set(key, claim);
        }
        claim.total += 1000;
        const lineId = uuidv7();
        batch.claim_lines.push([lineId, claim.id, ticketId, redemptionId, 1000, claim.paid ? 'approved' : 'pending', redeemedAt, claim.paid ? redeemedAt : null]);
        if (claim.paid) batch.payment_lines.push([uuidv7(), claim.statementId, lineId, ticketId, 1000]);
      }
      if (++inBatch >= BATCH) {
        await flush(batch);
        batch = emptyRows();
        inBatch = 0;
        if (n % 200_000 < BATCH) log(`  ${n + 1} carnets générés (${Math.round((performance.now() - t0) / 1000)} s)`);
      }
    }
  }

  // ---- hot booklets: territory 0, commune 0, codes kept in clear ----
  const codes: string[] = [];
  const deps = { randomBytes: (k: number) => new Uint8Array(randomBytes(k)) };
  for (let h = 0; h < size.hotBooklets; h++, n++) {
    const terr = t0r;
    terr.sequences[0] += 1;
    const serial = bookletSerial(year, terr.communes[0], terr.sequences[0]);
    const issuedAt = new Date(now.getTime() - 10 * DAY).toISOString();
    const bookletId = uuidv7();
    const holder = person(terr, 0, n, issuedAt, batch, false);
    batch.booklets.push([bookletId, terr.campaignId, serial, terr.communes[0], 'issued', holder.id, holder.key, terr.organisations[0], 'bench', issuedAt, issuedAt]);
    for (let idx = 1; idx <= size.ticketsPerBooklet; idx++) {
      const code = drawCode(deps);
      codes.push(code);
      batch.tickets.push([uuidv7(), bookletId, terr.campaignId, idx, ticketSerial(serial, idx), secrets.hashCode(code), secrets.encryptCode(code), 'issued', 1000, validityEnd, issuedAt, null, null, issuedAt]);
    }
    if (++inBatch >= BATCH) {
      await flush(batch);
      batch = emptyRows();
      inBatch = 0;
    }
  }

  // ---- claims, statements, payment orders; quotas and serial counters ----
  const counters = new Map<string, number>();
  const orders = new Map<string, { id: string; territoryId: string; period: string; total: number }>();
  for (const claim of claims.values()) {
    const submitted = `${claim.period}-28T09:00:00.000Z`;
    const reviewed = claim.paid ? `${claim.period}-28T15:00:00.000Z` : null;
    batch.claims.push([claim.id, claim.structureId, claim.campaignId, claim.period, claim.paid ? 'paid' : 'submitted', submitted, 'bench', reviewed, reviewed ? 'bench' : null, submitted]);
    if (!claim.paid) continue;
    const okey = `${claim.territoryId}|${claim.period}`;
    let order = orders.get(okey);
    if (!order) {
      order = { id: uuidv7(), territoryId: claim.territoryId, period: claim.period, total: 0 };
      orders.set(okey, order);
    }
    order.total += claim.total;
    const number = (counters.get(claim.territoryId) ?? 0) + 1;
    counters.set(claim.territoryId, number);
    batch.statements.push([
      claim.statementId, order.id, claim.structureId, claim.territoryId, year, number, claim.total, 'FR7630001000640000001234559', 'BDFEFRPPCCT',
      'EPN', submitted, reviewed, `${claim.period}-28`, `VIR-${claim.period}`,
    ]);
  }
  for (const o of orders.values()) {
    batch.payment_orders.push([o.id, o.territoryId, 'paid', o.total, `${o.period}-28`, 'bench', `${o.period}-28T16:00:00.000Z`, `${o.period}-28T16:00:00.000Z`, `${o.period}-28`, `VIR-${o.period}`]);
  }
  for (const [territoryId, last] of counters) batch.statement_counters.push([territoryId, year, last]);
  for (const terr of territories) {
    terr.communes.forEach((insee, c) => {
      batch.commune_quotas.push([terr.campaignId, insee, 0, 1_000_000, terr.sequences[c]]);
      batch.booklet_counters.push([`year:${year}`, insee, terr.sequences[c]]);
    });
  }
  await flush(batch);
  await pending;
  const loadSeconds = (performance.now() - t0) / 1000;
  log(`  chargement : ${Math.round(loadSeconds)} s ; reconstruction des index…`);
  const indexSeconds = await sink.rebuildIndexes();
  if (sink.dialect === 'postgresql') await sink.exec('analyze');
  const buildSeconds = (performance.now() - t0) / 1000;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return {
    meta: {
      version: DATASET_VERSION, size, builtAt: new Date().toISOString(), buildSeconds, indexSeconds,
      rowsPerSecond: Math.round(total / loadSeconds), counts, bench, hotTickets: codes.length,
    },
    codes,
  };
}

export function writeSidecar(path: string, meta: DatasetMeta, codesPath: string, codes: string[]): void {
  writeFileSync(codesPath, codes.join('\n'));
  writeFileSync(path, JSON.stringify(meta, null, 2));
}

export function readCodes(codesPath: string): string[] {
  return readFileSync(codesPath, 'utf8').split('\n').filter(Boolean);
}
