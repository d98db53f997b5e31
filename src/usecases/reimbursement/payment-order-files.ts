import { requireRole, type Actor } from '../../domain/actor.ts';
import { seesFullIban } from '../../domain/bank.ts';
import { requireDuty } from '../../domain/duties.ts';
import { formatStatementNumber } from '../../domain/claims.ts';
import { DomainError } from '../../domain/errors.ts';
import type { PaymentMode } from '../../domain/payment-mode.ts';
import { renderAccountingCsv } from '../../exports/accounting-csv.ts';
import { renderMandatsCsv, statementFilename } from '../../exports/mandats-csv.ts';
import { renderSepaPain001 } from '../../exports/sepa-pain001.ts';
import { renderStatementPdf } from '../../exports/statement-pdf.ts';
import { checkpointLine } from '../../domain/audit-checkpoint.ts';
import { takeCheckpoint } from '../../repositories/audit.ts';
import { getPaymentOrder, getStatement, listPaymentOrders } from '../../repositories/payment-orders.ts';
import { paymentOrderDocument } from '../../repositories/read-models/payment-order-documents.ts';
import type { Deps } from '../support/deps.ts';
import { orderStage, paymentOrderView } from './payment-order-view.ts';

const NOT_FOUND = 'Cet ordre de paiement est introuvable.';

async function orderFor(deps: Deps, actor: Actor, orderId: string) {
  requireRole(actor, 'finance', 'admin', 'auditor');
  const order = await getPaymentOrder(deps.db, orderId);
  if (!order || order.territory_id !== actor.territoryId) throw new DomainError('not_found', NOT_FOUND);
  return order;
}

export async function listPaymentOrdersFor(deps: Deps, actor: Actor) {
  requireRole(actor, 'finance', 'admin', 'auditor');
  const rows = await listPaymentOrders(deps.db, actor.territoryId);
  return rows.map((o) => ({
    id: o.id,
    paymentMode: o.payment_mode ?? 'sepa',
    status: o.status,
    stage: orderStage({ status: o.status, releasedAt: o.released_at ?? null }),
    totalCents: Number(o.total_cents),
    executionDate: o.execution_date,
    createdAt: o.created_at,
    paymentDate: o.payment_date,
    paymentReference: o.payment_reference,
    statementCount: Number(o.statement_count ?? 0),
    paidStatementCount: Number(o.paid_count ?? 0),
  }));
}

export async function getPaymentOrderFor(deps: Deps, actor: Actor, orderId: string) {
  await orderFor(deps, actor, orderId);
  return paymentOrderView(deps.db, orderId, actor);
}

export async function accountingCsvFile(deps: Deps, actor: Actor, orderId: string) {
  await orderFor(deps, actor, orderId);
  const doc = (await paymentOrderDocument(deps.db, orderId))!;
  return { filename: `ordre-${doc.createdAt.slice(0, 10)}-comptabilite.csv`, body: renderAccountingCsv(doc) };
}

/** Payment files exist only for a released order (four eyes): refused, with the rule, before. */
export function requireReleased(order: { released_at?: string | null }): void {
  if (!order.released_at) {
    throw new DomainError('not_released', 'Cet ordre de paiement n’est pas encore libéré : un second agent du service financier doit le libérer avant que ses fichiers de paiement soient produits.');
  }
}

/** Each order is paid in the mode it was prepared in: its other payment file does not exist. */
export function requireMode(order: { payment_mode?: PaymentMode }, mode: PaymentMode): void {
  const actual = order.payment_mode ?? 'sepa';
  if (actual === mode) return;
  throw new DomainError(
    'wrong_payment_mode',
    actual === 'mandat'
      ? 'Cet ordre se paie par mandats via le comptable public : téléchargez le fichier des mandats (CSV) et les bordereaux, il n’a pas de fichier de virements SEPA.'
      : 'Cet ordre se paie par virement SEPA par l’opérateur : téléchargez le fichier de virements SEPA, il n’a pas de fichier de mandats.',
    { paymentMode: actual },
  );
}

export async function sepaFile(deps: Deps, actor: Actor, orderId: string) {
  requireDuty(actor, 'payment_order.files');
  const order = await orderFor(deps, actor, orderId);
  requireMode(order, 'sepa');
  requireReleased(order);
  const doc = (await paymentOrderDocument(deps.db, orderId))!;
  const body = renderSepaPain001(doc, deps.config.debtor, new Date(doc.createdAt));
  return { filename: `ordre-${doc.createdAt.slice(0, 10)}-virements-sepa.xml`, body };
}

/**
 * The mandats file of a released order paid through the public accountant. Refused while a
 * campaign of the order has no budget year and imputation: a mandat cannot be charged without them.
 */
export async function mandatsCsvFile(deps: Deps, actor: Actor, orderId: string) {
  requireDuty(actor, 'payment_order.files');
  const order = await orderFor(deps, actor, orderId);
  requireMode(order, 'mandat');
  requireReleased(order);
  const doc = (await paymentOrderDocument(deps.db, orderId))!;
  const missing = doc.campaigns.filter((k) => k.budgetYear === null || !k.nature || !k.fonction);
  if (missing.length > 0) {
    throw new DomainError(
      'imputation_missing',
      `L’imputation budgétaire (exercice, nature et fonction) de la campagne ${missing.map((k) => `« ${k.name} »`).join(', ')} n’est pas renseignée : indiquez-la sur la page de la campagne avant de produire les mandats.`,
      { campaignIds: missing.map((k) => k.id) },
    );
  }
  return { filename: `ordre-${doc.createdAt.slice(0, 10)}-mandats.csv`, body: renderMandatsCsv(doc) };
}

/** A statement PDF: finance, admin and auditors of the territory; a structure only its own. */
export async function statementPdfFile(deps: Deps, actor: Actor, input: { orderId: string; statementId: string }) {
  const statement = await getStatement(deps.db, input.statementId);
  const notFound = new DomainError('not_found', 'Ce bordereau est introuvable.');
  if (!statement || statement.payment_order_id !== input.orderId || statement.territory_id !== actor.territoryId) throw notFound;
  const staff = actor.role === 'finance' || actor.role === 'admin' || actor.role === 'auditor';
  if (!staff && actor.structureId !== statement.structure_id) throw notFound;
  const doc = (await paymentOrderDocument(deps.db, input.orderId, statement.id))!;
  // Full IBAN for finance and the structure's own manager only (finding 10 of the security review).
  const number = formatStatementNumber(statement.year, statement.number);
  // Every statement handed out carries a fresh signed checkpoint of the audit chain (stored too).
  const checkpoint = await takeCheckpoint(deps.db, { id: deps.newId(), at: deps.now(), purpose: `bordereau ${number}` });
  const body = await renderStatementPdf(doc, doc.statements[0], { fullIban: seesFullIban(actor, statement.structure_id), checkpoint: checkpointLine(checkpoint) });
  return { filename: statementFilename(statement), body };
}
