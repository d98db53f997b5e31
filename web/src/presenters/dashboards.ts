// Pure shaping of the dashboards: percentages in French, which datasets a role may export.
import type { Role } from '../api/client.ts';

/** 42.5 → "42,5 %"; null → "—" (nothing to divide). */
export function frenchPercent(p: number | null | undefined): string {
  if (p === null || p === undefined) return '—';
  return `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(p)}\u00a0%`;
}

/** A bar's width (0–100) for a share, for the visual bars that repeat a table's figures. */
export function barWidth(part: number, whole: number): number {
  if (!whole || whole <= 0) return 0;
  return Math.max(0, Math.min(100, Math.round((part / whole) * 100)));
}

export const DATASET_LABELS: Record<string, string> = {
  beneficiaries: 'Bénéficiaires',
  booklets: 'Carnets',
  redemptions: 'Utilisations de tickets',
  claims: 'Demandes de remboursement',
  payments: 'Paiements',
};

const DATASETS_BY_ROLE: Record<Role, string[]> = {
  admin: ['beneficiaries', 'booklets', 'redemptions', 'claims', 'payments'],
  finance: ['booklets', 'redemptions', 'claims', 'payments'],
  auditor: ['booklets', 'redemptions', 'claims', 'payments'],
  agent: ['beneficiaries', 'booklets', 'redemptions'],
  structure_manager: ['redemptions', 'claims', 'payments'],
  mediator: ['redemptions'],
};

/** The exports a role may download (the server checks again). */
export function datasetsFor(role: Role): string[] {
  return DATASETS_BY_ROLE[role] ?? [];
}

/** The funnel is about booklets handed out: mairies and the financer, not structures. */
export function showsFunnel(role: Role): boolean {
  return role !== 'structure_manager' && role !== 'mediator';
}
