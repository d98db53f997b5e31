import { requireRole, type Actor } from '../../domain/actor.ts';
import { assertCanClose, assertCanOpen } from '../../domain/campaign.ts';
import { DomainError } from '../../domain/errors.ts';
import { getCampaign, transitionCampaign } from '../../repositories/campaigns.ts';
import { inTransaction } from '../../repositories/tx.ts';
import { audit } from '../support/audit.ts';
import { campaignView } from '../support/campaign-view.ts';
import { findCampaign } from './get-campaign.ts';
import type { Deps } from '../support/deps.ts';

async function transition(deps: Deps, actor: Actor, id: string, to: 'open' | 'closed', reason?: string) {
  requireRole(actor, 'admin');
  const current = await findCampaign(deps, actor, id);
  const from = to === 'open' ? 'draft' : 'open';
  if (to === 'open') assertCanOpen(current.status);
  else assertCanClose(current.status);
  await inTransaction(deps.db, async (trx) => {
    // The conditional update decides: two admins clicking at once cannot both succeed.
    if (!(await transitionCampaign(trx, id, from, to, deps.now().toISOString()))) {
      throw new DomainError('invalid_transition', 'La campagne a changé d’état entre-temps. Rechargez la page.');
    }
    await audit(trx, actor, deps.now(), to === 'open' ? 'campaign.opened' : 'campaign.closed', { type: 'campaign', id }, reason ? { reason } : {});
  });
  return campaignView((await getCampaign(deps.db, id))!);
}

/** draft → open: issuance may start (within the issuance window). */
export function openCampaign(deps: Deps, actor: Actor, id: string) {
  return transition(deps, actor, id, 'open');
}

/** open → closed: no more booklets are handed out; issued tickets stay valid until their validity end. */
export function closeCampaign(deps: Deps, actor: Actor, id: string, reason?: string) {
  return transition(deps, actor, id, 'closed', reason);
}
