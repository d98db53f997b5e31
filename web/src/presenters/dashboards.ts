// Pure shaping of the dashboards: percentages in French, which datasets a role may export.
import type { Role } from '../api/client.ts';

// The words shared with the printable report (the server's PDF says exactly the same).
export { currentCampaign, frenchPercent, funnelSteps, halfOfPeopleWithin } from '../../../src/domain/dashboard-words.ts';

/** A month typed as 'YYYY-MM' (the dashboards' period is made of whole months). */
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The last calendar day of a month 'YYYY-MM', as 'YYYY-MM-DD'. */
export function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
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
