import { requireRole, type Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { getQuota, listQuotas, setQuota } from '../../repositories/campaigns.ts';
import { inTransaction } from '../../repositories/tx.ts';
import { audit } from '../support/audit.ts';
import { findCampaign } from './get-campaign.ts';
import type { Deps } from '../support/deps.ts';

/** The booklet quota of every commune for a campaign, with what was already issued. */
export async function listCampaignQuotas(deps: Deps, actor: Actor, campaignId: string) {
  requireRole(actor, 'admin', 'finance', 'auditor', 'agent');
  const campaign = await findCampaign(deps, actor, campaignId);
  const rows = await listQuotas(deps.db, campaignId);
  const communes = rows.map((r) => ({
    inseeCode: r.commune_insee, communeName: r.commune_name, weight: r.weight, quota: r.quota, issued: r.issued, remaining: r.quota - r.issued,
  }));
  return {
    campaignId,
    quotaFixed: campaign.quota_fixed,
    quotaWeightedTotal: campaign.quota_weighted_total,
    totalQuota: communes.reduce((s, c) => s + c.quota, 0),
    totalIssued: communes.reduce((s, c) => s + c.issued, 0),
    communes,
  };
}

/** An admin adjusts one commune's quota by hand (never below the booklets already issued). */
export async function setCommuneQuota(deps: Deps, actor: Actor, campaignId: string, inseeCode: string, quota: number) {
  requireRole(actor, 'admin');
  const campaign = await findCampaign(deps, actor, campaignId);
  if (campaign.status === 'closed') throw new DomainError('campaign_closed', 'Cette campagne est close : ses quotas ne changent plus.');
  return inTransaction(deps.db, async (trx) => {
    const before = await getQuota(trx, campaignId, inseeCode);
    if (!before) throw new DomainError('not_found', `La commune ${inseeCode} n’a pas de quota pour cette campagne.`);
    // The condition `issued <= quota` is in the UPDATE itself: a booklet handed out meanwhile cannot be lost.
    const after = await setQuota(trx, campaignId, inseeCode, quota);
    if (!after) {
      const issued = (await getQuota(trx, campaignId, inseeCode))?.issued ?? before.issued;
      throw new DomainError('conflict', `Le quota ne peut pas être inférieur aux ${issued} carnets déjà remis dans cette commune.`, { field: 'quota', issued });
    }
    await audit(trx, actor, deps.now(), 'campaign.quota_set', { type: 'campaign', id: campaignId }, { inseeCode, from: before.quota, to: quota });
    return { inseeCode, weight: after.weight, quota: after.quota, issued: after.issued, remaining: after.quota - after.issued };
  });
}
