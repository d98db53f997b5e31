/** Where a redemption stands in the money chain, in the glossary's words (docs/glossary.md). */
export const REDEMPTION_STATES = ['a_demander', 'demande', 'paye', 'annule'] as const;
export type RedemptionState = (typeof REDEMPTION_STATES)[number];
export const REDEMPTION_STATE_LABELS: Record<RedemptionState, string> = {
  a_demander: 'Utilisé, pas encore demandé',
  demande: 'Demandé, pas encore payé',
  paye: 'Payé',
  annule: 'Annulé',
};
