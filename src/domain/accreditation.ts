// Accreditation of a structure for one campaign (habilitation): the financer decides, with a date,
// a person and a reason, following published criteria (docs/product.md problem 3).
import { DomainError, invalid } from './errors.ts';

export type AccreditationStatus = 'applied' | 'accredited' | 'suspended' | 'withdrawn';
export type AccreditationDecision = Exclude<AccreditationStatus, 'applied'>;

/** The allowed transitions: applied → accredited / withdrawn; accredited ⇄ suspended; any live state → withdrawn. */
export const ACCREDITATION_TRANSITIONS: Record<AccreditationStatus, readonly AccreditationDecision[]> = {
  applied: ['accredited', 'withdrawn'],
  accredited: ['suspended', 'withdrawn'],
  suspended: ['accredited', 'withdrawn'],
  withdrawn: [],
};

export const ACCREDITATION_LABELS: Record<AccreditationStatus, string> = {
  applied: 'candidature déposée',
  accredited: 'habilitée',
  suspended: 'suspendue',
  withdrawn: 'retirée',
};

export function canTransition(from: AccreditationStatus, to: AccreditationDecision): boolean {
  return ACCREDITATION_TRANSITIONS[from].includes(to);
}

/** Refuses a transition not in the table; suspending or withdrawing needs a written reason. */
export function assertTransition(from: AccreditationStatus, to: AccreditationDecision, reason: string | null): void {
  if (!canTransition(from, to)) {
    throw new DomainError(
      'invalid_transition',
      `Impossible de passer une habilitation de l’état « ${ACCREDITATION_LABELS[from]} » à l’état « ${ACCREDITATION_LABELS[to]} ».`,
      { from, to },
    );
  }
  if ((to === 'suspended' || to === 'withdrawn') && !reason?.trim()) {
    throw invalid('reason', 'Indiquez le motif de la suspension ou du retrait : il est communiqué à la structure.');
  }
}
