import type { Actor } from '../../domain/actor.ts';
import { OVERRIDE_REASON_MIN, type Eligibility } from '../../domain/eligibility.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { frenchDate, parisDate } from '../../domain/paris-time.ts';
import { findCampaign, findPersonBooklet } from '../../repositories/issuance.ts';
import { isUniqueViolation, type Executor } from '../../repositories/tx.ts';
import { eligibilityView } from './eligibility-view.ts';

/** A campaign of the actor's territory (another territory's campaign is "unknown"). */
export async function loadCampaign(db: Executor, actor: Actor, id: string) {
  const c = await findCampaign(db, id);
  if (!c || c.territory_id !== actor.territoryId) throw new DomainError('not_found', 'Campagne introuvable.', { field: 'campaignId' });
  return c;
}

export function checkOverride(override: { reason: string } | null | undefined): { reason: string } | null {
  if (!override) return null;
  const reason = override.reason.trim();
  if (reason.length < OVERRIDE_REASON_MIN) {
    throw invalid('override.reason', `Écrivez la raison de la dérogation (au moins ${OVERRIDE_REASON_MIN} caractères).`);
  }
  return { reason };
}

/** Refuses with the first failed rule's code and message, every reason in the details. */
export function refuseUnlessEligible(e: Eligibility): void {
  if (e.eligible) return;
  const first = e.reasons[0];
  throw new DomainError(first.code ?? 'not_eligible', first.message, { ...(first.details ?? {}), reasons: eligibilityView(e).reasons });
}

/** The live-booklet unique index fired: a concurrent issuance for the same person won. */
export function isDuplicateBooklet(error: unknown): boolean {
  if (isUniqueViolation(error, 'one_booklet_per_person_per_campaign')) return true;
  return isUniqueViolation(error) && /booklets\.person_key/.test((error as Error).message ?? '');
}

export async function duplicateRefusal(db: Executor, campaignId: string, personKey: string): Promise<DomainError> {
  const b = await findPersonBooklet(db, campaignId, personKey, ['issued']);
  const on = b?.issued_at ? frenchDate(parisDate(new Date(b.issued_at))) : '';
  return new DomainError(
    'duplicate_beneficiary',
    `Cette personne a déjà reçu un carnet pour cette campagne : remis par ${b?.organisation_name ?? 'une autre organisation'} le ${on} (carnet ${b?.serial ?? ''}).`,
    { organisationName: b?.organisation_name ?? null, issuedAt: b?.issued_at ?? null, serial: b?.serial ?? null },
  );
}

export const quotaRefusal = (communeName: string | null, insee: string) =>
  new DomainError('quota_exhausted', `Le quota de carnets de ${communeName ?? insee} est atteint : plus aucun carnet ne peut être remis pour cette commune.`, { communeInsee: insee });
