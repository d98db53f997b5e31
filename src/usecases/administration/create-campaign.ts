import { requireRole, type Actor } from '../../domain/actor.ts';
import { validateCampaign, type CampaignSettings } from '../../domain/campaign.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { computeQuotas } from '../../domain/quota.ts';
import { insertCampaign, upsertQuotas } from '../../repositories/campaigns.ts';
import { listCommunes } from '../../repositories/territories.ts';
import { inTransaction, isUniqueViolation, type Tx } from '../../repositories/tx.ts';
import { audit } from '../support/audit.ts';
import { campaignView, settingsColumns } from '../support/campaign-view.ts';
import type { Deps } from '../support/deps.ts';

export type CampaignInput = CampaignSettings & { weights?: Record<string, number> };

/** Computes and stores the quota of every commune of the territory (fixed + weighted part). */
export async function writeQuotas(trx: Tx, territoryId: string, campaignId: string, s: CampaignSettings, weights: Record<string, number>) {
  const communes = await listCommunes(trx, territoryId);
  const known = new Set(communes.map((c) => c.inseeCode));
  const stranger = Object.keys(weights).find((code) => !known.has(code));
  if (stranger) throw invalid('weights', `La commune ${stranger} ne fait pas partie du territoire.`);
  const quotas = computeQuotas(
    s.quotaFixed,
    s.quotaWeightedTotal,
    communes.map((c) => ({ inseeCode: c.inseeCode, weight: weights[c.inseeCode] ?? 0 })).sort((a, b) => (a.inseeCode < b.inseeCode ? -1 : 1)),
  );
  await upsertQuotas(trx, campaignId, quotas);
  return quotas;
}

export function nameTaken(name: string): DomainError {
  return new DomainError('conflict', `Une campagne nommée « ${name} » existe déjà sur ce territoire.`, { field: 'name' });
}

/** An admin creates a campaign as a draft, with its per-commune quotas. */
export async function createCampaign(deps: Deps, actor: Actor, input: CampaignInput) {
  requireRole(actor, 'admin');
  const { weights = {}, ...settings } = input;
  validateCampaign(settings);
  const now = deps.now().toISOString();
  const row = { id: deps.newId(), territory_id: actor.territoryId, status: 'draft' as const, ...settingsColumns(settings), created_at: now, updated_at: now };
  try {
    await inTransaction(deps.db, async (trx) => {
      await insertCampaign(trx, row);
      const quotas = await writeQuotas(trx, actor.territoryId, row.id, settings, weights);
      await audit(trx, actor, deps.now(), 'campaign.created', { type: 'campaign', id: row.id }, {
        name: row.name, totalQuota: quotas.reduce((s, q) => s + q.quota, 0),
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(row.name);
    throw error;
  }
  return campaignView(row);
}
