import { z } from 'zod';
import { PAYMENT_MODES } from '../domain/payment-mode.ts';
import { Id, IsoDate } from './common.ts';

// Contracts of the reimbursement API (issue #5): claims, payment orders, bank details, ledger.

const Count = z.object({ count: z.number().int(), amountCents: z.number().int() });
const ClaimStatus = z.enum(['draft', 'submitted', 'reviewed', 'ordered', 'paid']);
const LineStatus = z.enum(['pending', 'approved', 'rejected', 'withdrawn']);

export const ClaimTotals = z.object({ pending: Count, approved: Count, rejected: Count, withdrawn: Count });

export const ClaimSummary = z.object({
  id: z.string(),
  structure: z.object({ id: z.string(), name: z.string() }),
  campaign: z.object({ id: z.string(), name: z.string(), claimDeadline: z.string() }),
  period: z.string(),
  periodLabel: z.string(),
  status: ClaimStatus,
  statusLabel: z.string(),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  totals: ClaimTotals,
});

export const ClaimLine = z.object({
  id: z.string(),
  ticketId: z.string(),
  ticketSerial: z.string(),
  redeemedAt: z.string(),
  service: z.object({ format: z.enum(['individuel', 'collectif']), themes: z.array(z.string()), durationMinutes: z.number().int() }),
  siteName: z.string(),
  amountCents: z.number().int(),
  status: LineStatus,
  statusLabel: z.string(),
  rejectReason: z.string().nullable(),
  contestNote: z.string().nullable(),
  contestedAt: z.string().nullable(),
  redemptionUndone: z.boolean(),
});

export const Claim = z.object({
  id: z.string(),
  structure: z.object({ id: z.string(), name: z.string(), siret: z.string() }),
  campaign: z.object({ id: z.string(), name: z.string(), claimDeadline: z.string() }),
  period: z.string(),
  periodLabel: z.string(),
  status: ClaimStatus,
  statusLabel: z.string(),
  locked: z.boolean(),
  attestation: z.string().nullable(),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  createdAt: z.string(),
  totals: ClaimTotals,
  lines: z.array(ClaimLine),
});

export const ClaimQuery = z.object({ structureId: Id.optional(), campaignId: Id.optional(), status: ClaimStatus.optional() });
export const ClaimParams = z.object({ id: Id });
export const ClaimLineParams = z.object({ id: Id, lineId: Id });
export const AssembleBody = z.object({ structureId: Id.optional() });
export const AssemblyResult = z.object({
  structures: z.number().int(), claimsCreated: z.number().int(), linesAdded: z.number().int(), claimIds: z.array(z.string()),
});
export const SubmitBody = z.object({ attestation: z.boolean() });
export const ReviewBody = z.object({
  rejections: z.array(z.object({ lineId: Id, reason: z.string().max(500) })).max(5000).default([]),
});
export const ContestBody = z.object({ note: z.string().max(1000) });

export const Statement = z.object({
  id: z.string(),
  number: z.string(),
  structure: z.object({ id: z.string(), name: z.string(), siret: z.string() }),
  amountCents: z.number().int(),
  ticketCount: z.number().int(),
  iban: z.string(),
  bic: z.string().nullable(),
  accountHolder: z.string(),
  campaigns: z.array(z.string()),
  periods: z.array(z.string()),
  paidAt: z.string().nullable(),
  paymentDate: z.string().nullable(),
  paymentReference: z.string().nullable(),
});

const Stage = z.enum(['prepared', 'released', 'paid']).describe('préparé (par un agent), libéré (par un second agent), payé');
export const PaymentModeValue = z.enum(PAYMENT_MODES).describe('mandat : mandats via le comptable public ; sepa : virement SEPA par l’opérateur');
export const PaymentSettings = z.object({
  mode: PaymentModeValue,
  label: z.string(),
  choices: z.array(z.object({ value: PaymentModeValue, label: z.string() })),
});
export const PaymentModeBody = z.object({ mode: PaymentModeValue });

export const PaymentOrder = z.object({
  id: z.string(),
  paymentMode: PaymentModeValue,
  paymentModeLabel: z.string(),
  status: z.enum(['issued', 'paid']),
  stage: Stage,
  statusLabel: z.string(),
  preparedBy: z.string(),
  releasedAt: z.string().nullable(),
  releasedBy: z.string().nullable(),
  releaseCosigner: z.string().nullable(),
  totalCents: z.number().int(),
  executionDate: z.string(),
  createdAt: z.string(),
  paymentDate: z.string().nullable(),
  paymentReference: z.string().nullable(),
  statements: z.array(Statement),
});

export const PaymentOrderSummary = z.object({
  id: z.string(),
  paymentMode: PaymentModeValue,
  status: z.enum(['issued', 'paid']),
  stage: Stage,
  totalCents: z.number().int(),
  executionDate: z.string(),
  createdAt: z.string(),
  paymentDate: z.string().nullable(),
  paymentReference: z.string().nullable(),
  statementCount: z.number().int(),
  paidStatementCount: z.number().int(),
});

export const CreateOrderBody = z.object({ claimIds: z.array(Id).min(1).max(1000), executionDate: IsoDate.optional() });
export const OrderParams = z.object({ id: Id });
export const StatementParams = z.object({ id: Id, statementId: Id });
export const MarkPaidBody = z.object({ paymentDate: IsoDate, reference: z.string().max(140) });
export const ConfirmationsBody = z.object({ csv: z.string().min(1).max(2_000_000) });
export const ConfirmationsResult = z.object({ imported: z.number().int(), order: PaymentOrder });

export const BankDetails = z.object({
  structureId: z.string(),
  structureName: z.string(),
  iban: z.string().nullable(),
  bic: z.string().nullable(),
  accountHolder: z.string().nullable(),
  status: z.enum(['none', 'pending', 'verified']),
  statusLabel: z.string(),
  notice: z.string().nullable(),
  updatedAt: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  hasRib: z.boolean(),
  history: z.array(z.object({
    at: z.string(), by: z.string(), action: z.string(), label: z.string(), iban: z.string().nullable(),
  })),
});
export const StructureParams = z.object({ id: Id });
export const VerifyBankBody = z.object({
  iban: z.string().max(64).describe('ressaisi depuis le RIB'),
  bic: z.string().max(15).nullable().describe('tel qu’affiché et confirmé sur le RIB'),
  accountHolder: z.string().max(140).describe('tel qu’affiché et confirmé sur le RIB'),
});
export const ReleaseOrderBody = z.object({
  cosigner: z.string().trim().max(140).optional().describe('exception « agent financier unique » : nom de la seconde personne qui signe hors du système'),
});
export const SingleOfficerBody = z.object({ cosigner: z.string().trim().max(140).nullable() });
export const PendingBank = z.object({
  structureId: z.string(), structureName: z.string(), siret: z.string(), iban: z.string().nullable(), bic: z.string().nullable(),
  accountHolder: z.string().nullable(), updatedAt: z.string().nullable(),
});

const Bucket = z.object({ count: z.number().int(), amountCents: z.number().int(), lastAt: z.string().nullable() });
const Buckets = z.object({ redeemedUnclaimed: Bucket, claimed: Bucket, approved: Bucket, paid: Bucket, rejected: Bucket, lapsed: Bucket });

export const LedgerQuery = z.object({ structureId: Id.optional(), campaignId: Id.optional() });
export const Ledger = z.object({
  structure: z
    .object({
      id: z.string(),
      name: z.string(),
      bankStatus: z.enum(['none', 'pending', 'verified']),
      bankNotice: z.string().nullable(),
      statements: z.array(z.object({
        id: z.string(), paymentOrderId: z.string(), number: z.string(), amountCents: z.number().int(), createdAt: z.string(),
        paidAt: z.string().nullable(), paymentDate: z.string().nullable(), paymentReference: z.string().nullable(),
      })),
    })
    .nullable(),
  rows: z.array(Buckets.extend({ structureId: z.string(), structureName: z.string(), campaignId: z.string(), campaignName: z.string() })),
  totals: Buckets,
  rejections: z.array(z.object({
    lineId: z.string(), claimId: z.string(), structureId: z.string(), structureName: z.string(), campaignName: z.string(), period: z.string(),
    periodLabel: z.string(), ticketSerial: z.string(), amountCents: z.number().int(), reason: z.string().nullable(), rejectedAt: z.string().nullable(),
    ticketStatus: z.string(),
  })),
});

export const CampaignLedger = z.array(z.object({
  campaignId: z.string(),
  campaignName: z.string(),
  year: z.number().int(),
  claimDeadline: z.string(),
  budgetCents: z.number().int(),
  issued: Count,
  redeemed: Count,
  expired: Count,
  cancelled: Count,
  approvedCents: z.number().int(),
  paid: Count,
  claimsClosed: z.boolean(),
  unusedCents: z.number().int(),
  unusedIsFinal: z.boolean(),
  committedCents: z.number().int().describe('engagé : utilisé, ni rejeté ni perdu'),
  final: z.boolean().describe('définitif : plus rien ne peut changer'),
  returnsToFinancerCents: z.number().int().nullable().describe('revient au financeur, seulement une fois définitif'),
  notRedeemedCents: z.number().int(),
}));
export const CampaignLedgerQuery = z.object({ campaignId: Id.optional() });
export const CampaignParams = z.object({ id: Id });
