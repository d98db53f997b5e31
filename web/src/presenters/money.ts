// Pure shaping of the reimbursement screens (structure manager and finance): the ledger's
// buckets in words, what is still owed, claim and line states as icon + word (never colour alone),
// bank-details status.
import type { Claim, ClaimLine, Ledger } from '../api/structure.ts';
import { euros } from './format.ts';

type Buckets = Ledger['totals'];

export interface LedgerRow {
  key: keyof Buckets | 'owed';
  label: string;
  help: string;
  count: number;
  amountCents: number;
}

/** The ledger in the order a structure reads it: what is owed, then where each ticket stands. */
export function ledgerRows(t: Buckets): LedgerRow[] {
  const owed = t.redeemedUnclaimed.amountCents + t.claimed.amountCents + t.approved.amountCents;
  const owedCount = t.redeemedUnclaimed.count + t.claimed.count + t.approved.count;
  return [
    { key: 'owed', label: 'Dû à la structure (pas encore payé)', help: 'Tickets utilisés, demandés ou approuvés, en attente de paiement.', count: owedCount, amountCents: owed },
    { key: 'redeemedUnclaimed', label: 'Utilisés, pas encore demandés', help: 'À inclure dans la prochaine demande de remboursement.', ...pick(t.redeemedUnclaimed) },
    { key: 'claimed', label: 'Demandés, en cours d’examen', help: 'Dans une demande en préparation ou transmise au service financier.', ...pick(t.claimed) },
    { key: 'approved', label: 'Approuvés, en attente de paiement', help: 'Le service financier a validé ; le virement suit.', ...pick(t.approved) },
    { key: 'paid', label: 'Payés', help: 'Virés sur le compte de la structure.', ...pick(t.paid) },
    { key: 'lapsed', label: 'Jamais demandés avant la date limite (perdus)', help: 'La date limite des demandes est passée : ces tickets ne peuvent plus être payés.', ...pick(t.lapsed) },
    { key: 'rejected', label: 'Rejetés', help: 'Refusés par le service financier, avec un motif ; vous pouvez contester.', ...pick(t.rejected) },
  ];
}

function pick(b: { count: number; amountCents: number }) {
  return { count: b.count, amountCents: b.amountCents };
}

export function countAndAmount(count: number, cents: number): string {
  return `${count} ticket${count > 1 ? 's' : ''} — ${euros(cents)}`;
}

export type Tone = 'succes' | 'attention' | 'erreur' | 'info';

const LINE_TONE: Record<ClaimLine['status'], { tone: Tone; icon: string }> = {
  pending: { tone: 'info', icon: '…' },
  approved: { tone: 'succes', icon: '✓' },
  rejected: { tone: 'erreur', icon: '✗' },
  withdrawn: { tone: 'info', icon: '–' },
};

export function lineBadge(line: Pick<ClaimLine, 'status' | 'statusLabel'>): { tone: Tone; icon: string; text: string } {
  return { ...LINE_TONE[line.status], text: line.statusLabel };
}

const CLAIM_TONE: Record<Claim['status'], Tone> = { draft: 'attention', submitted: 'info', reviewed: 'succes', ordered: 'succes', paid: 'succes' };

export function claimBadge(claim: Pick<Claim, 'status' | 'statusLabel'>): { tone: Tone; text: string } {
  return { tone: CLAIM_TONE[claim.status], text: claim.statusLabel };
}

/** What a claim asks in total: its lines still pending or approved. */
export function claimAskedCents(totals: Claim['totals']): number {
  return totals.pending.amountCents + totals.approved.amountCents;
}

export function bankTone(status: 'none' | 'pending' | 'verified'): Tone {
  return status === 'verified' ? 'succes' : status === 'pending' ? 'attention' : 'erreur';
}

/** "FR76 3000 6000 0112 3456 7890 189" — IBANs are read by groups of four. */
export function groupIban(iban: string | null): string {
  if (!iban) return '';
  return iban.replace(/\s+/g, '').toUpperCase().replace(/(.{4})(?=.)/g, '$1 ');
}

/** Line themes and format in words. */
export function serviceWords(line: Pick<ClaimLine, 'service'>, themeLabel: (id: string) => string): string {
  const format = line.service.format === 'collectif' ? 'Atelier collectif' : 'Accompagnement individuel';
  return `${format}, ${line.service.durationMinutes} min — ${line.service.themes.map(themeLabel).join(', ')}`;
}
