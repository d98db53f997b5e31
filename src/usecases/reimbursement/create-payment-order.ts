import type { Actor } from '../../domain/actor.ts';
import { requireDuty } from '../../domain/duties.ts';
import { isTarget2BusinessDay, nextTarget2BusinessDay } from '../../domain/sepa.ts';
import { requireVerifiedBank, type BankStatus } from '../../domain/bank.ts';
import { formatStatementNumber, statementYear } from '../../domain/claims.ts';
import { DomainError } from '../../domain/errors.ts';
import { isValidDate, parisDate } from '../../domain/paris-time.ts';
import { appendAudit, type AuditEntry } from '../../repositories/audit.ts';
import { DEFAULT_PAYMENT_MODE } from '../../domain/payment-mode.ts';
import { claimStatuses } from '../../repositories/claims.ts';
import {
  approvedLinesOf, campaignsById, computeOrderTotals, insertPaymentLines, insertPaymentOrder, insertStatement, lockStructureBank,
  nextStatementNumber, orderReviewedClaims,
} from '../../repositories/payment-orders.ts';
import { getTerritory } from '../../repositories/territories.ts';
import { inTransaction, isUniqueViolation, type Tx } from '../../repositories/tx.ts';
import type { Deps } from '../support/deps.ts';
import { paymentOrderView } from './payment-order-view.ts';

export interface CreateOrderInput {
  claimIds: string[];
  /** Requested execution date of the transfers (YYYY-MM-DD); defaults to today (Paris). */
  executionDate?: string;
}

/** Test seam: runs inside the order's transaction once every statement is numbered. */
export interface CreateOrderHooks {
  afterNumbering?: (trx: Tx) => Promise<void>;
}

/**
 * The finance officer groups approved claims into a payment order. Each structure's part gets the
 * next statement number of the territory's yearly sequence (locked counter row, same transaction).
 * Nothing is paid to an unverified account: the structure's row is locked and its bank status
 * checked before it is numbered, and the statement keeps the bank details as they were.
 */
export async function createPaymentOrder(deps: Deps, actor: Actor, input: CreateOrderInput, hooks: CreateOrderHooks = {}) {
  requireDuty(actor, 'payment_order.prepare');
  const claimIds = [...new Set(input.claimIds)];
  if (claimIds.length === 0) throw new DomainError('validation_failed', 'Choisissez au moins une demande approuvée.', { field: 'claimIds' });
  const now = deps.now();
  const at = now.toISOString();
  const executionDate = input.executionDate ?? nextTarget2BusinessDay(parisDate(now));
  if (!isValidDate(executionDate) || executionDate < parisDate(now)) {
    throw new DomainError('validation_failed', 'La date d’exécution doit être une date valide, aujourd’hui ou plus tard.', { field: 'executionDate' });
  }
  if (!isTarget2BusinessDay(executionDate)) {
    throw new DomainError('validation_failed', `La date d’exécution doit être un jour ouvré du système de paiement européen TARGET2 (ni samedi, ni dimanche, ni 1er janvier, Vendredi saint, lundi de Pâques, 1er mai, 25 ou 26 décembre) : par exemple le ${nextTarget2BusinessDay(executionDate)}.`, { field: 'executionDate' });
  }
  const year = statementYear(now);
  const orderId = await inTransaction(deps.db, async (trx) => {
    const claims = await orderReviewedClaims(trx, claimIds, actor.territoryId);
    if (claims.length !== claimIds.length) await explainRefusedClaims(trx, claimIds, claims.map((c) => c.id), actor.territoryId);

    const campaignIds = [...new Set(claims.map((c) => c.campaign_id))];
    if (campaignIds.length > 1) {
      const strict = (await campaignsById(trx, campaignIds)).find((c) => c.allow_mixed_orders === 0);
      if (strict) {
        throw new DomainError(
          'mixed_campaigns',
          `La campagne « ${strict.name} » doit être payée par des ordres distincts : ne mélangez pas ses demandes avec celles d’autres campagnes.`,
          { campaignId: strict.id },
        );
      }
    }

    const lines = await approvedLinesOf(trx, claimIds);
    const structureIds = [...new Set(claims.map((c) => c.structure_id))].sort();
    const structures = [];
    for (const id of structureIds) {
      // Locked in id order: two concurrent orders take the same locks in the same order.
      const s = await lockStructureBank(trx, id);
      requireVerifiedBank({ id: s.id, name: s.name, bankStatus: s.bank_status as BankStatus });
      const claimOf = new Set(claims.filter((c) => c.structure_id === id).map((c) => c.id));
      const own = lines.filter((l) => claimOf.has(l.claim_id));
      if (own.length === 0) {
        throw new DomainError('validation_failed', `Aucune ligne approuvée pour la structure « ${s.name} » : il n’y a rien à lui payer.`, {
          field: 'claimIds', structureId: s.id,
        });
      }
      structures.push({ ...s, lines: own });
    }

    const id = deps.newId();
    // The order keeps the mode it is prepared in: an order sent as mandats is never paid by a SEPA file too.
    const territory = await getTerritory(trx, actor.territoryId);
    await insertPaymentOrder(trx, {
      id, territory_id: actor.territoryId, status: 'issued', total_cents: 0, execution_date: executionDate, created_by: actor.id,
      created_at: at, paid_at: null, payment_date: null, payment_reference: null, payment_mode: territory?.payment_mode ?? DEFAULT_PAYMENT_MODE,
    });
    const numbered: { statementId: string; number: string; structureId: string }[] = [];
    structures.sort((a, b) => a.name.localeCompare(b.name, 'fr') || a.id.localeCompare(b.id));
    for (const s of structures) {
      const number = await nextStatementNumber(trx, actor.territoryId, year);
      const statementId = deps.newId();
      await insertStatement(trx, {
        id: statementId, payment_order_id: id, structure_id: s.id, territory_id: actor.territoryId, year, number, amount_cents: 0,
        iban: s.iban!, bic: s.bic, account_holder: s.account_holder!, created_at: at,
      });
      try {
        await insertPaymentLines(trx, s.lines.map((l) => ({ id: deps.newId(), statement_id: statementId, claim_line_id: l.id, ticket_id: l.ticket_id, amount_cents: l.amount_cents })));
      } catch (error) {
        if (isUniqueViolation(error, 'one_payment_per_ticket')) {
          throw new DomainError('already_paid', 'Un des tickets de ces demandes figure déjà dans un autre ordre de paiement.');
        }
        throw error;
      }
      numbered.push({ statementId, number: formatStatementNumber(year, number), structureId: s.id });
    }
    await hooks.afterNumbering?.(trx);
    const total = await computeOrderTotals(trx, id);

    const base = { at, territoryId: actor.territoryId, actorId: actor.id, actorLabel: actor.label };
    const entries: AuditEntry[] = [
      { ...base, action: 'payment_order.created', targetType: 'payment_order', targetId: id, details: { claimIds, totalCents: total, executionDate, statements: numbered } },
      ...claimIds.map((c) => ({ ...base, action: 'claim.ordered', targetType: 'claim', targetId: c, details: { paymentOrderId: id } })),
      ...numbered.map((n) => ({ ...base, action: 'statement.numbered', targetType: 'statement', targetId: n.statementId, details: { number: n.number, structureId: n.structureId } })),
    ];
    await appendAudit(trx, entries);
    return id;
  });
  return paymentOrderView(deps.db, orderId, actor);
}

async function explainRefusedClaims(trx: Tx, wanted: string[], moved: string[], territoryId: string): Promise<never> {
  const rows = await claimStatuses(trx, wanted.filter((id) => !moved.includes(id)));
  const missing = wanted.filter((id) => !moved.includes(id) && !rows.some((r) => r.id === id && r.territory_id === territoryId));
  if (missing.length) throw new DomainError('not_found', 'Une des demandes choisies est introuvable.', { claimIds: missing });
  const r = rows[0];
  const word: Record<string, string> = {
    draft: 'est encore en préparation', submitted: 'n’a pas encore été examinée', ordered: 'figure déjà dans un ordre de paiement', paid: 'est déjà payée',
  };
  throw new DomainError(
    r.status === 'paid' ? 'already_paid' : r.status === 'ordered' ? 'conflict' : 'invalid_transition',
    `La demande de « ${r.structure_name} » (${r.period}) ${word[r.status] ?? 'ne peut pas être mise en paiement'} : seules les demandes approuvées peuvent être mises en paiement.`,
    { claimId: r.id, status: r.status },
  );
}
