import { DomainError } from './errors.ts';
import { isOnOrBeforeParisDay, parisDate } from './paris-time.ts';

// Claims (demandes de remboursement) and statements (bordereaux), issue #5.
// A claim groups one structure's redeemed tickets of one campaign and one calendar month (Paris).

export type ClaimStatus = 'draft' | 'submitted' | 'reviewed' | 'ordered' | 'paid';
export type ClaimLineStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn';

export const CLAIM_STATUS_LABELS: Record<ClaimStatus, string> = {
  draft: 'En préparation',
  submitted: 'Transmise au service financier',
  reviewed: 'Examinée',
  ordered: 'Mise en paiement',
  paid: 'Payée',
};

export const LINE_STATUS_LABELS: Record<ClaimLineStatus, string> = {
  pending: 'En attente',
  approved: 'Approuvée',
  rejected: 'Rejetée',
  withdrawn: 'Retirée',
};

/** The sentence the structure manager ticks before submitting a claim. */
export const ATTESTATION_TEXT =
  'J’atteste sur l’honneur que les services listés dans cette demande ont été réellement délivrés aux personnes titulaires des tickets, aux dates indiquées, et que ces tickets n’ont pas été présentés au remboursement par ailleurs.';

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** The claim period (YYYY-MM) of a redemption instant: its calendar month in Europe/Paris. */
export function claimPeriod(redeemedAt: Date | string): string {
  return parisDate(typeof redeemedAt === 'string' ? new Date(redeemedAt) : redeemedAt).slice(0, 7);
}

/** "2026-03" → "mars 2026". */
export function periodLabel(period: string): string {
  const [y, m] = period.split('-').map(Number);
  return `${MONTHS[m - 1]} ${y}`;
}

/** Claims for a campaign are accepted until the end of its claim deadline day (Paris). */
export function isBeforeClaimDeadline(now: Date, claimDeadline: string): boolean {
  return isOnOrBeforeParisDay(now, claimDeadline);
}

export function requireBeforeClaimDeadline(now: Date, campaign: { name: string; claim_deadline: string }): void {
  if (!isBeforeClaimDeadline(now, campaign.claim_deadline)) {
    const [y, m, d] = campaign.claim_deadline.split('-');
    throw new DomainError(
      'claim_deadline_passed',
      `La date limite des demandes de remboursement de la campagne « ${campaign.name} » est passée (${d}/${m}/${y}) : plus aucune demande ne peut être transmise.`,
      { claimDeadline: campaign.claim_deadline },
    );
  }
}

/** Statement numbers restart at 1 each year: "2026-000042". */
export function formatStatementNumber(year: number, number: number): string {
  return `${year}-${String(number).padStart(6, '0')}`;
}

export function parseStatementNumber(text: string): { year: number; number: number } | null {
  const m = /^\s*(\d{4})\s*-\s*(\d{1,9})\s*$/.exec(text);
  if (!m) return null;
  const number = Number(m[2]);
  return number > 0 ? { year: Number(m[1]), number } : null;
}

/** Statement numbering year: the Paris calendar year of the order. */
export function statementYear(now: Date): number {
  return Number(parisDate(now).slice(0, 4));
}
