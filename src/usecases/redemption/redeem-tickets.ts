import { requireRole, requireStructure, type Actor } from '../../domain/actor.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { isCoopAutonomy } from '../../domain/autonomy.ts';
import { themeLabel } from '../../domain/themes.ts';
import { parisDate } from '../../domain/paris-time.ts';
import { INVALID_CODE_MESSAGE } from '../../domain/redemption-refusal.ts';
import { parseCodes, validateService, type Service, type ServiceInput } from '../../domain/redemption.ts';
import { log } from '../../logging.ts';
import { appendAudit, flushAudit, stagedAuditRows, type AuditEntry } from '../../repositories/audit.ts';
import {
  findRedemptionRequestByClientId,
  findSite,
  insertRedemptionRequest,
  redeemTicketsIfUsable,
  redemptionRows,
  violatedRedemptionConstraint,
  type RedeemedTicketWithNames,
  type RedemptionLineRow,
  type RedemptionRequestRow,
} from '../../repositories/redemptions.ts';
import { inTransaction, type Tx } from '../../repositories/tx.ts';
import type { Deps } from '../support/deps.ts';
import { loadRedemptionViews, toRedemptionView, type RedemptionView } from '../support/redemption-view.ts';
import { NotAllRedeemed } from '../support/redemption-write.ts';
import { diagnoseRefusal } from '../support/ticket-diagnosis.ts';
import { assertNotThrottled, logRefusal, recordBadCode, throttleKeys, type AttemptContext } from '../support/ticket-throttle.ts';
import { withStats } from '../../repositories/stats.ts';
import { workshopService } from './manage-workshops.ts';
import { insertSessionAutonomy } from '../../repositories/session-autonomy.ts';
import type { SessionRow } from '../../repositories/stats-in-app.ts';
import type { RedemptionRequestTable } from '../../db/schema.ts';

/** The service delivered, or the collective workshop the booklet's holder came to (its service is the workshop's). */
export interface RedeemInput { clientRedemptionId: string; codes: string[]; service?: ServiceInput; workshopId?: string; autonomy?: { theme: string; level: string }[] }
export type RedemptionResult = RedemptionView & { outcome: 'ok'; replay: boolean };

type Code = { code: string; position: number; hash: string };

/**
 * Redeems the tickets of one booklet for the service delivered, all or nothing, exactly once
 * (issue #4, items 2–4). The conditional update decides; the unique indexes are the backstop;
 * a retry with the same clientRedemptionId returns the original result.
 */
export async function redeemTickets(deps: Deps, actor: Actor, input: RedeemInput, ctx: AttemptContext): Promise<RedemptionResult> {
  requireRole(actor, 'mediator', 'structure_manager', 'structure_token');
  const structureId = requireStructure(actor);
  const keys = throttleKeys(actor, ctx.ip);
  await assertNotThrottled(deps, keys);
  const service = await serviceOf(deps, structureId, input);
  checkAutonomy(input.autonomy ?? [], service.themes);
  const parsed = parseCodes(input.codes);
  if (parsed.invalidPositions.length) {
    await recordBadCode(deps, keys);
    logRefusal(deps, ctx, { action: 'redeem', reason: 'invalid_code', inputs: input.codes, actor });
    throw new DomainError('invalid_code', INVALID_CODE_MESSAGE, { positions: parsed.invalidPositions });
  }
  const codes: Code[] = parsed.codes.map((c) => ({ ...c, hash: deps.secrets.hashCode(c.code) }));
  const fingerprint = deps.secrets.hashCode(`redemption:${codes.map((c) => c.hash).sort().join(',')}`);
  // No replay lookup before the write (ADR 12): a retry cannot write twice — its tickets are no longer
  // usable, or its clientRedemptionId is taken — so it fails and is answered from the stored
  // request below, like any refusal. First attempts, the common case, save a query.
  const site = await findSite(deps.db, service.siteId);
  if (!site || site.structure_id !== structureId) throw invalid('service.siteId', 'Ce lieu n’appartient pas à votre structure.');

  const now = deps.now();
  const requestId = deps.newId();
  const substitute = deps.config.env === 'test' ? deps.testDoubles?.redemptionWrite : undefined;
  const pending: Pending = { requestId, input, service, fingerprint, codes, now };
  let written: Written | null = null;
  try {
    if (!substitute) {
      await inTransaction(deps.db, async (trx) => {
        // The dashboards' aggregates change with the holder's tickets and the new session (stats.ts).
        const subjects = { holdersOf: { codeHashes: codes.map((c) => c.hash) }, newRequestIds: [requestId], ticketStatusOnly: true };
        // What the guard returned and the rows inserted are the change: "after" is derived, not read again.
        written = await withStats(trx, deps.dialect, subjects, async () => {
          const rows = await redeemTicketsIfUsable(trx, {
            codeHashes: codes.map((c) => c.hash),
            today: parisDate(now),
            structureId,
            territoryId: actor.territoryId,
            at: now.toISOString(),
          });
          return record(deps, trx, actor, { ...pending, rows, withRedemptionRows: true });
        }, (w) => ({ tickets: w.rows, sessions: w.sessions }));
      });
    } else {
      written = await substitute(deps.db, { codeHashes: codes.map((c) => c.hash), structureId, at: now.toISOString() }, (trx, rows, withRedemptionRows) =>
        record(deps, trx, actor, { ...pending, rows, withRedemptionRows }),
      );
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    if (!(error instanceof NotAllRedeemed) && !violatedRedemptionConstraint(error) && !isConcurrencyAbort(error)) throw error;
    const again = await replayOf(deps, structureId, input.clientRedemptionId, fingerprint);
    if (again) return again;
    const { error: refusal, invalidPositions } = await diagnoseRefusal(deps, actor, codes, now);
    if (invalidPositions.length) await recordBadCode(deps, keys);
    logRefusal(deps, ctx, { action: 'redeem', reason: refusal.code, inputs: input.codes, actor });
    throw refusal;
  }
  // On PostgreSQL the audit entries were staged in the transaction; they join the hash chain now,
  // with those of the redemptions committed meanwhile (one chaining transaction for all, ADR 13).
  if (deps.dialect === 'postgresql') {
    await flushAudit(deps.db).catch((error: unknown) =>
      log('audit').warn({ event: 'audit_chaining_deferred', err: error }, 'audit entries stay staged until the next chaining'),
    );
  }
  // The answer is built from what the transaction wrote and read back (RETURNING), not read again.
  return { outcome: 'ok', replay: false, ...newRedemptionView(written!, { requestId, input, service, site, structureId, at: now.toISOString() }) };
}

/** What the transaction returns: the redeemed tickets (with their names), the request's actor names, the session's rows. */
interface Written { rows: RedeemedTicketWithNames[]; names: { user_name: string | null; token_name: string | null }; sessions: SessionRow[] }

/** The view of a redemption just written, identical to what `loadRedemptionViews` reads for a replay. */
function newRedemptionView(
  w: Written,
  p: { requestId: string; input: RedeemInput; service: Service; site: { id: string; name: string }; structureId: string; at: string },
): RedemptionView {
  const req: Omit<RedemptionRequestRow, 'actor_id'> = {
    id: p.requestId, structure_id: p.structureId, client_redemption_id: p.input.clientRedemptionId, codes_fingerprint: '',
    format: p.service.format, themes: JSON.stringify(p.service.themes), duration_minutes: p.service.durationMinutes, created_at: p.at,
    site_id: p.site.id, site_name: p.site.name, user_name: w.names.user_name, token_name: w.names.token_name,
  };
  const lines: RedemptionLineRow[] = [...w.rows]
    .sort((a, b) => a.idx - b.idx)
    .map((r) => ({
      redemption_id: '', request_id: p.requestId, redeemed_at: p.at, undone_at: null, undo_reason: null, ticket_id: r.id,
      serial: r.serial, idx: r.idx, face_value_cents: r.face_value_cents, valid_until: r.valid_until, status: 'redeemed',
      booklet_serial: r.booklet_serial, campaign_id: r.campaign_id, campaign_name: r.campaign_name, in_claim: 0,
    }));
  return toRedemptionView(req, lines);
}

async function serviceOf(deps: Deps, structureId: string, input: RedeemInput): Promise<Service> {
  if (input.workshopId) return workshopService(deps, structureId, input.workshopId);
  if (!input.service) throw invalid('service', 'Précisez l’accompagnement réalisé, ou l’atelier collectif.');
  return validateService(input.service);
}

interface Pending { requestId: string; input: RedeemInput; service: Service; fingerprint: string; codes: Code[]; now: Date }

/** Writes the request, the redemption rows and one audit entry per ticket, in the caller's transaction. */
async function record(
  deps: Deps,
  trx: Tx,
  actor: Actor,
  p: Pending & { rows: RedeemedTicketWithNames[]; withRedemptionRows: boolean },
): Promise<Written> {
  if (p.rows.length < p.codes.length) throw new NotAllRedeemed();
  if (new Set(p.rows.map((r) => r.booklet_id)).size > 1) {
    throw invalid('codes', 'Les tickets d’une même utilisation doivent venir du même carnet. Enregistrez chaque carnet séparément.');
  }
  const at = p.now.toISOString();
  const structureId = actor.structureId!;
  const session = { format: p.service.format, duration_minutes: p.service.durationMinutes, themes: JSON.stringify(p.service.themes) };
  const request: RedemptionRequestTable = {
    id: p.requestId, structure_id: structureId, client_redemption_id: p.input.clientRedemptionId, codes_fingerprint: p.fingerprint,
    site_id: p.service.siteId, ...session, actor_id: actor.id, created_at: at, workshop_id: p.input.workshopId ?? null,
  };
  const redemptions = p.withRedemptionRows
    ? p.rows.map((r) => ({
        id: deps.newId(), request_id: p.requestId, ticket_id: r.id, structure_id: structureId, campaign_id: r.campaign_id,
        redeemed_at: at, undone_at: null, undone_by: null, undo_reason: null,
      }))
    : [];
  const audit: AuditEntry[] = p.rows.map((r) => ({
    at, territoryId: actor.territoryId, actorId: actor.id, actorLabel: actor.label,
    action: 'ticket.redeemed', targetType: 'ticket', targetId: r.id,
    details: {
      serial: r.serial, redemptionId: p.requestId, clientRedemptionId: p.input.clientRedemptionId, structureId,
      siteId: p.service.siteId, format: p.service.format, themes: p.service.themes, durationMinutes: p.service.durationMinutes,
    },
  }));
  // One statement on PostgreSQL (one round trip). There the entries are staged, so that concurrent
  // redemptions do not queue on the chain's head until they commit (ADR 13); SQLite runs one writer
  // at a time: they join the hash chain in this transaction.
  const postgres = deps.dialect === 'postgresql';
  const names = await insertRedemptionRequest(trx, request, [redemptionRows(redemptions), ...(postgres ? [stagedAuditRows(audit)] : [])]);
  if (!postgres) await appendAudit(trx, audit);
  const levels = p.input.autonomy ?? [];
  if (levels.length && p.rows.length) await insertSessionAutonomy(trx, { requestId: p.requestId, bookletId: p.rows[0].booklet_id, levels, at });
  // The answer lists the redemption rows written (none in the negative control without them); the
  // statistics read the session's rows as they were inserted.
  return {
    rows: p.withRedemptionRows ? p.rows : [],
    names,
    sessions: redemptions.map((r) => ({ request_id: r.request_id, campaign_id: r.campaign_id, redeemed_at: r.redeemed_at, ...session })),
  };
}

async function replayOf(deps: Deps, structureId: string, clientRedemptionId: string, fingerprint: string): Promise<RedemptionResult | null> {
  const req = await findRedemptionRequestByClientId(deps.db, structureId, clientRedemptionId);
  if (!req) return null;
  if (req.codes_fingerprint !== fingerprint) {
    throw new DomainError(
      'replay_mismatch',
      'Cet identifiant d’utilisation a déjà servi pour d’autres tickets. Scannez à nouveau les tickets pour enregistrer une nouvelle utilisation.',
      { clientRedemptionId, redemptionId: req.id },
    );
  }
  const [view] = await loadRedemptionViews(deps, [req]);
  return { outcome: 'ok', replay: true, ...view };
}

/** PostgreSQL may abort one of two crossing transactions (deadlock, serialization): a refusal, not a 500. */
function isConcurrencyAbort(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code === '40P01' || code === '40001';
}

/** Autonomy levels name themes worked in this session, once each (issue #18, item 3). */
function checkAutonomy(levels: { theme: string; level: string }[], themes: string[]): void {
  const seen = new Set<string>();
  for (const l of levels) {
    if (!themes.includes(l.theme)) throw invalid('autonomy', `L’autonomie est notée sur les thématiques travaillées : « ${themeLabel(l.theme)} » n’est pas cochée.`);
    if (!isCoopAutonomy(l.level)) throw invalid('autonomy', `Le niveau « ${l.level} » n’existe pas : avec guidage, autonome avec guidage en cas de besoin, ou autonome.`);
    if (seen.has(l.theme)) throw invalid('autonomy', `La thématique « ${themeLabel(l.theme)} » est notée deux fois.`);
    seen.add(l.theme);
  }
}
