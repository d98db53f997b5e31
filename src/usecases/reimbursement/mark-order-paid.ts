import { parse } from 'csv-parse/sync';
import { requireRole, type Actor } from '../../domain/actor.ts';
import { formatStatementNumber, parseStatementNumber } from '../../domain/claims.ts';
import { DomainError } from '../../domain/errors.ts';
import { isValidDate, parisDate } from '../../domain/paris-time.ts';
import { appendAudit, type AuditEntry } from '../../repositories/audit.ts';
import {
  closeOrderIfPaid, getPaymentOrder, markClaimsPaid, markStatementPaid, markStatementTicketsPaid, paymentLinesOf, statementsOfOrder,
} from '../../repositories/payment-orders.ts';
import { inTransaction, type Tx } from '../../repositories/tx.ts';
import type { Deps } from '../support/deps.ts';
import { requireReleased } from './payment-order-files.ts';
import { paymentOrderView } from './payment-order-view.ts';
import { withStats } from '../../repositories/stats.ts';

export interface Payment {
  statementId: string;
  number: string;
  date: string;
  reference: string;
}

function checkPayment(now: Date, date: string, reference: string, where = ''): void {
  if (!isValidDate(date)) throw new DomainError('validation_failed', `${where}La date de paiement n’est pas une date valide.`, { field: 'paymentDate' });
  if (date > parisDate(now)) throw new DomainError('validation_failed', `${where}La date de paiement ne peut pas être dans le futur.`, { field: 'paymentDate' });
  if (reference.trim().length < 2 || reference.length > 140) {
    throw new DomainError('validation_failed', `${where}Indiquez la référence du paiement (2 à 140 caractères).`, { field: 'reference' });
  }
}

/** Pays statements once each: statement, its tickets (claimed → paid), its claims, then the order. */
async function applyPayments(trx: Tx, deps: Deps, actor: Actor, orderId: string, payments: Payment[]): Promise<void> {
  // The dashboards' "paid" figure follows the statements of the order (stats.ts).
  const statementIds = (await statementsOfOrder(trx, orderId)).map((s) => s.id);
  await withStats(trx, deps.dialect, { statementIds }, () => recordPayments(trx, deps, actor, orderId, payments));
}

async function recordPayments(trx: Tx, deps: Deps, actor: Actor, orderId: string, payments: Payment[]): Promise<void> {
  const at = deps.now().toISOString();
  const base = { at, territoryId: actor.territoryId, actorId: actor.id, actorLabel: actor.label };
  const entries: AuditEntry[] = [];
  for (const p of payments) {
    const ok = await markStatementPaid(trx, p.statementId, { at, date: p.date, reference: p.reference });
    if (!ok) throw new DomainError('already_paid', `Le bordereau ${p.number} est déjà payé : il ne peut pas l’être deux fois.`, { number: p.number });
    const lines = await paymentLinesOf(trx, p.statementId);
    const moved = await markStatementTicketsPaid(trx, p.statementId, at);
    if (moved !== lines.length) {
      throw new DomainError('conflict', `Les tickets du bordereau ${p.number} ne sont plus tous en attente de paiement : rien n’a été enregistré.`, { number: p.number });
    }
    const claims = await markClaimsPaid(trx, p.statementId);
    entries.push({ ...base, action: 'statement.paid', targetType: 'statement', targetId: p.statementId, details: { number: p.number, paymentDate: p.date, reference: p.reference } });
    for (const c of claims) entries.push({ ...base, action: 'claim.paid', targetType: 'claim', targetId: c, details: { statementId: p.statementId } });
    for (const l of lines) {
      entries.push({ ...base, action: 'ticket.paid', targetType: 'ticket', targetId: l.ticket_id, details: { statementId: p.statementId, from: 'claimed', to: 'paid' } });
    }
  }
  const last = payments[payments.length - 1];
  if (await closeOrderIfPaid(trx, orderId, { at, date: last.date, reference: last.reference })) {
    entries.push({ ...base, action: 'payment_order.paid', targetType: 'payment_order', targetId: orderId, details: {} });
  }
  await appendAudit(trx, entries);
}

async function loadOrder(deps: Deps, actor: Actor, orderId: string) {
  requireRole(actor, 'finance');
  const order = await getPaymentOrder(deps.db, orderId);
  if (!order || order.territory_id !== actor.territoryId) throw new DomainError('not_found', 'Cet ordre de paiement est introuvable.');
  requireReleased(order);
  return order;
}

/** Manual entry: every unpaid statement of the order is paid on that date with that reference. */
export async function markOrderPaid(deps: Deps, actor: Actor, input: { orderId: string; paymentDate: string; reference: string }) {
  const order = await loadOrder(deps, actor, input.orderId);
  checkPayment(deps.now(), input.paymentDate, input.reference);
  await inTransaction(deps.db, async (trx) => {
    const unpaid = (await statementsOfOrder(trx, order.id)).filter((s) => !s.paid_at);
    if (unpaid.length === 0) throw new DomainError('already_paid', 'Cet ordre de paiement est déjà payé : il ne peut pas l’être deux fois.');
    await applyPayments(trx, deps, actor, order.id, unpaid.map((s) => ({
      statementId: s.id, number: formatStatementNumber(s.year, s.number), date: input.paymentDate, reference: input.reference.trim(),
    })));
  });
  return paymentOrderView(deps.db, order.id, actor);
}

const HEADERS: Record<string, 'number' | 'date' | 'reference'> = {
  bordereau: 'number', numero: 'number', numero_bordereau: 'number', statement: 'number', statement_number: 'number',
  date: 'date', date_paiement: 'date', payment_date: 'date', date_de_paiement: 'date',
  reference: 'reference', reference_paiement: 'reference', payment_reference: 'reference', ref: 'reference',
};

function headerKey(h: string): string {
  return h.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
}

/** "15/03/2026" or "2026-03-15" → "2026-03-15" (null when neither). */
function parseDate(text: string): string | null {
  const t = text.trim();
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  const iso = fr ? `${fr[3]}-${fr[2].padStart(2, '0')}-${fr[1].padStart(2, '0')}` : t;
  return isValidDate(iso) ? iso : null;
}

/**
 * Import of the bank's or the accounting software's confirmation (CSV with a header row:
 * bordereau;date_paiement;reference — `;` or `,`, dates dd/mm/yyyy or yyyy-mm-dd). All or nothing:
 * any bad line refuses the whole file with a report per line.
 */
export async function importPaymentConfirmations(deps: Deps, actor: Actor, input: { orderId: string; csv: string }) {
  const order = await loadOrder(deps, actor, input.orderId);
  const text = input.csv.replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, { delimiter, skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][];
  } catch {
    throw new DomainError('validation_failed', 'Le fichier n’est pas un CSV lisible.', { field: 'csv' });
  }
  if (records.length < 2) throw new DomainError('validation_failed', 'Le fichier ne contient aucune ligne de paiement.', { field: 'csv' });
  const columns = records[0].map((h) => HEADERS[headerKey(h)]);
  for (const need of ['number', 'date', 'reference'] as const) {
    if (!columns.includes(need)) {
      throw new DomainError('validation_failed', 'La première ligne doit nommer les colonnes : bordereau ; date_paiement ; reference.', { field: 'csv' });
    }
  }
  const statements = await statementsOfOrder(deps.db, order.id);
  const errors: { line: number; message: string }[] = [];
  const payments: Payment[] = [];
  records.slice(1).forEach((rec, i) => {
    const line = i + 2;
    const get = (k: 'number' | 'date' | 'reference') => rec[columns.indexOf(k)] ?? '';
    const parsed = parseStatementNumber(get('number'));
    const st = parsed && statements.find((s) => s.year === parsed.year && s.number === parsed.number);
    const date = parseDate(get('date'));
    const reference = get('reference').trim();
    if (!st) errors.push({ line, message: `Le bordereau « ${get('number')} » ne fait pas partie de cet ordre de paiement.` });
    else if (st.paid_at) errors.push({ line, message: `Le bordereau ${formatStatementNumber(st.year, st.number)} est déjà payé.` });
    else if (payments.some((p) => p.statementId === st.id)) errors.push({ line, message: 'Ce bordereau apparaît deux fois dans le fichier.' });
    else if (!date) errors.push({ line, message: `La date « ${get('date')} » n’est pas une date (JJ/MM/AAAA).` });
    else if (date > parisDate(deps.now())) errors.push({ line, message: 'La date de paiement est dans le futur.' });
    else if (reference.length < 2 || reference.length > 140) errors.push({ line, message: 'La référence du paiement manque (2 à 140 caractères).' });
    else payments.push({ statementId: st.id, number: formatStatementNumber(st.year, st.number), date, reference });
  });
  if (errors.length) {
    const allPaid = errors.every((e) => e.message.includes('déjà payé'));
    throw new DomainError(allPaid ? 'already_paid' : 'validation_failed', `Le fichier n’a pas été importé : ${errors.length} ligne(s) en erreur, rien n’a été enregistré.`, {
      field: 'csv', errors,
    });
  }
  await inTransaction(deps.db, (trx) => applyPayments(trx, deps, actor, order.id, payments));
  return { imported: payments.length, order: await paymentOrderView(deps.db, order.id, actor) };
}

