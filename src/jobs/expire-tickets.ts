import { setImmediate as eventLoopTurn } from 'node:timers/promises';
import { parisDate } from '../domain/paris-time.ts';
import { TRANSITIONS } from '../domain/ticket.ts';
import { appendAudit } from '../repositories/audit.ts';
import { withStats } from '../repositories/stats.ts';
import { campaignTerritories, expirableTickets, expireTicketsBatch } from '../repositories/ticket-expiry.ts';
import { inTransaction } from '../repositories/tx.ts';
import type { Deps } from '../usecases/support/deps.ts';

const BATCH = 500;

/**
 * Marks as expired the issued tickets whose validity day (Europe/Paris, inclusive) is over
 * (docs/product.md "End of campaign"). Idempotent (a second run finds nothing) and safe on two
 * instances (conditional update; runJob's lock besides).
 *
 * Audit: one entry per campaign and batch of at most 500 tickets, listing every ticket id, rather
 * than one entry per ticket. Expiry is a bulk system event decided by a date, not by a person; at
 * national scale it touches millions of tickets on one night, and one entry per ticket would
 * double the audit log for no extra information. Each state change stays traceable: the ticket
 * id is in its batch entry.
 *
 * Each batch is its own transaction: between two, a stopping server (`signal`) ends the run, the
 * next run expires the rest. On SQLite every query answers at once, so the whole run would hold the
 * event loop: it turns between batches, for the requests waiting and for a stop signal to be heard.
 */
export async function expireTickets(deps: Deps, signal?: AbortSignal): Promise<{ interrupted?: true; expired: number; today: string }> {
  const now = deps.now();
  const today = parisDate(now);
  let expired = 0;
  for (;;) {
    await eventLoopTurn();
    if (signal?.aborted) return { interrupted: true, expired, today };
    const count = await inTransaction(deps.db, async (trx) => {
      const ids = await expirableTickets(trx, { from: TRANSITIONS.expire.from, today, limit: BATCH });
      if (ids.length === 0) return 0;
      // The dashboards' unused money and the call list follow the holders' tickets (stats.ts).
      const rows = await withStats(trx, deps.dialect, { holdersOf: { ticketIds: ids }, ticketStatusOnly: true }, () =>
        expireTicketsBatch(trx, { ids, from: TRANSITIONS.expire.from, today, at: now.toISOString() }),
      );
      if (rows.length === 0) return 0;
      const campaigns = await campaignTerritories(trx, [...new Set(rows.map((r) => r.campaign_id))]);
      await appendAudit(
        trx,
        campaigns.map((c) => {
          const mine = rows.filter((r) => r.campaign_id === c.id);
          return {
            at: now.toISOString(), territoryId: c.territory_id, actorId: null, actorLabel: 'système (tâche expiry)',
            action: 'tickets.expired', targetType: 'campaign', targetId: c.id,
            details: { campaign: c.name, parisDay: today, count: mine.length, validUntil: [...new Set(mine.map((r) => r.valid_until))], ticketIds: mine.map((r) => r.id) },
          };
        }),
      );
      return rows.length;
    });
    expired += count;
    if (count < BATCH) break;
  }
  return { expired, today };
}
