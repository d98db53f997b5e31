import { formatIban } from '../../domain/bank.ts';
import { formatStatementNumber, periodLabel } from '../../domain/claims.ts';
import { DomainError } from '../../domain/errors.ts';
import { paymentOrderDocument } from '../../repositories/read-models/payment-order-documents.ts';
import type { Executor } from '../../repositories/tx.ts';

export async function paymentOrderView(db: Executor, orderId: string) {
  const doc = await paymentOrderDocument(db, orderId);
  if (!doc) throw new DomainError('not_found', 'Cet ordre de paiement est introuvable.');
  return {
    id: doc.id,
    status: doc.status,
    statusLabel: doc.status === 'paid' ? 'Payé' : 'Émis, en attente de paiement',
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
      iban: formatIban(s.iban),
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
