import type { Actor } from '../../domain/actor.ts';
import { ibanFor } from '../../domain/bank.ts';
import { formatStatementNumber, periodLabel } from '../../domain/claims.ts';
import { DomainError } from '../../domain/errors.ts';
import { PAYMENT_MODE_LABELS } from '../../domain/payment-mode.ts';
import { paymentOrderDocument } from '../../repositories/read-models/payment-order-documents.ts';
import type { Executor } from '../../repositories/tx.ts';

/** The order's stage in the four-eyes path: prepared by one finance officer, released by another, paid. */
export function orderStage(o: { status: 'issued' | 'paid'; releasedAt: string | null }): 'prepared' | 'released' | 'paid' {
  return o.status === 'paid' ? 'paid' : o.releasedAt ? 'released' : 'prepared';
}

const STAGE_LABELS = {
  prepared: 'Préparé, à libérer par un second agent du service financier',
  released: 'Libéré, en attente de paiement',
  paid: 'Payé',
} as const;

/** An order as `reader` may see it: full IBANs only for finance (finding 10 of the security review). */
export async function paymentOrderView(db: Executor, orderId: string, reader: Actor) {
  const doc = await paymentOrderDocument(db, orderId);
  if (!doc) throw new DomainError('not_found', 'Cet ordre de paiement est introuvable.');
  const stage = orderStage(doc);
  return {
    id: doc.id,
    paymentMode: doc.paymentMode,
    paymentModeLabel: PAYMENT_MODE_LABELS[doc.paymentMode],
    status: doc.status,
    stage,
    statusLabel: STAGE_LABELS[stage],
    preparedBy: doc.createdBy,
    releasedAt: doc.releasedAt,
    releasedBy: doc.releasedBy,
    releaseCosigner: doc.releaseCosigner,
    totalCents: doc.totalCents,
    executionDate: doc.executionDate,
    createdAt: doc.createdAt,
    paymentDate: doc.paymentDate,
    paymentReference: doc.paymentReference,
    statements: doc.statements.map((s) => ({
      id: s.id,
      number: formatStatementNumber(s.year, s.number),
      structure: { id: s.structure.id, name: s.structure.name, siret: s.structure.siret },
      amountCents: s.amountCents,
      ticketCount: s.lines.length,
      iban: ibanFor(reader, s.structure.id, s.iban),
      bic: s.bic,
      accountHolder: s.accountHolder,
      campaigns: s.campaigns,
      periods: s.periods.map(periodLabel),
      paidAt: s.paidAt,
      paymentDate: s.paymentDate,
      paymentReference: s.paymentReference,
    })),
  };
}

export type PaymentOrderView = Awaited<ReturnType<typeof paymentOrderView>>;
