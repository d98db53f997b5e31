import type { Actor } from '../../domain/actor.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { frenchDate, parisDate } from '../../domain/paris-time.ts';
import { closeBooklet, findBooklet, findCampaign, moveBookletTickets } from '../../repositories/issuance.ts';
import { inTransaction } from '../../repositories/tx.ts';
import { requireAgent } from '../support/agent-scope.ts';
import { audit } from '../support/audit.ts';
import type { Deps } from '../support/deps.ts';
import { mintBooklets } from '../support/mint-booklets.ts';
import { withStats } from '../../repositories/stats.ts';

export interface ReplaceBookletInput {
  reason: string;
  /** true: issue a replacement with the unused number of tickets (if the campaign allows it). */
  replace: boolean;
}

export const bookletNotFound = () => new DomainError('not_found', 'Carnet introuvable.');

/**
 * A lost or damaged booklet (issue #3, item 8): its remaining (issued) tickets are cancelled with
 * the reason, the booklet becomes 'replaced' or 'cancelled', and — if the campaign allows it — a
 * replacement is issued with only the unused number of tickets and new codes (a reprint revokes
 * the old codes). The replacement does not take a quota place again: the commune's quota counts
 * people served, and this person was already counted (docs/adr/0003-issuance.md).
 */
export async function replaceBooklet(deps: Deps, actor: Actor, bookletId: string, input: ReplaceBookletInput) {
  const organisationId = requireAgent(actor);
  const reason = input.reason.trim();
  if (reason.length < 5) throw invalid('reason', 'Indiquez la raison (carnet perdu, abîmé, volé…).');
  const booklet = await findBooklet(deps.db, bookletId);
  if (!booklet || booklet.organisation_id !== organisationId) throw bookletNotFound();
  const campaign = await findCampaign(deps.db, booklet.campaign_id);
  if (!campaign || campaign.territory_id !== actor.territoryId) throw bookletNotFound();
  if (booklet.status !== 'issued') {
    throw new DomainError('invalid_transition', `Ce carnet est déjà ${booklet.status === 'replaced' ? 'remplacé' : booklet.status === 'cancelled' ? 'annulé' : 'en stock'}.`, { status: booklet.status });
  }
  const now = deps.now();
  if (input.replace) {
    if (!campaign.allow_replacement) {
      throw new DomainError('conflict', `La campagne « ${campaign.name} » ne prévoit pas de remplacer les carnets : vous pouvez seulement l’annuler.`, { field: 'replace' });
    }
    if (parisDate(now) > campaign.validity_end) {
      throw new DomainError('expired', `Les tickets de la campagne « ${campaign.name} » ne sont plus valables depuis le ${frenchDate(campaign.validity_end)} : rien à remplacer.`);
    }
  }
  const at = now.toISOString();
  // Locks are taken in the same order as at issuance (booklet counter, then the audit head).
  return inTransaction(deps.db, (trx) =>
      withStats(trx, deps.dialect, { beneficiaryIds: booklet.beneficiary_id ? [booklet.beneficiary_id] : [] }, async () => {
    if (!(await closeBooklet(trx, booklet.id, input.replace ? 'replaced' : 'cancelled', reason))) {
      throw new DomainError('invalid_transition', 'Ce carnet vient d’être annulé ou remplacé.');
    }
    const cancelled = await moveBookletTickets(trx, booklet.id, 'issued', 'cancelled', at);
    if (input.replace && cancelled === 0) {
      throw new DomainError('conflict', 'Tous les tickets de ce carnet ont déjà été utilisés : il n’y a rien à remplacer.', { field: 'replace' });
    }
    const minted = input.replace
      ? (
          await mintBooklets(deps, trx, {
            campaign,
            communeInsee: booklet.commune_insee,
            count: 1,
            issue: {
              beneficiaryId: booklet.beneficiary_id!, personKey: booklet.person_key!, organisationId, issuedBy: actor.id,
              overrideReason: booklet.override_reason, replacesBookletId: booklet.id, ticketCount: cancelled,
            },
          })
        )[0]
      : null;
    await audit(trx, actor, now, input.replace ? 'booklet.replaced' : 'booklet.cancelled', { type: 'booklet', id: booklet.id }, {
      serial: booklet.serial, reason, ticketsCancelled: cancelled, ...(minted ? { replacement: minted.serial } : {}),
    });
    if (!minted) return { cancelledTickets: cancelled, replacement: null };
    await audit(trx, actor, now, 'booklet.issued', { type: 'booklet', id: minted.id }, {
      serial: minted.serial, campaignId: campaign.id, beneficiaryId: booklet.beneficiary_id, replaces: booklet.serial, tickets: cancelled,
    });
    return {
      cancelledTickets: cancelled,
      replacement: {
        id: minted.id,
        serial: minted.serial,
        validUntil: campaign.validity_end,
        faceValueCents: campaign.face_value_cents,
        tickets: minted.tickets.map((t) => ({ serial: t.serial, code: t.code })),
      },
    };
  }));
}
