import type { Actor } from '../domain/actor.ts';
import { frenchIban } from '../domain/bank.ts';
import { addDays } from '../domain/paris-time.ts';
import { getStructureBank } from '../repositories/bank-details.ts';
import { campaignsOfTerritory, latestRedemptionOf, listClaims, redeemingStructures } from '../repositories/claims.ts';
import { assembleStructureClaims } from '../usecases/reimbursement/assemble-claims.ts';
import { setBankDetails, verifyBankDetails } from '../usecases/reimbursement/bank-details.ts';
import { releasePaymentOrder } from '../usecases/reimbursement/release-payment-order.ts';
import { renderDemoRibPdf } from '../exports/rib-pdf.ts';
import { nextTarget2BusinessDay } from '../domain/sepa.ts';
import { totalsByClaim } from '../usecases/reimbursement/claim-view.ts';
import { createPaymentOrder } from '../usecases/reimbursement/create-payment-order.ts';
import { getClaimFor } from '../usecases/reimbursement/list-claims.ts';
import { markOrderPaid } from '../usecases/reimbursement/mark-order-paid.ts';
import { reviewClaim } from '../usecases/reimbursement/review-claim.ts';
import { submitClaim } from '../usecases/reimbursement/submit-claim.ts';
import type { Deps } from '../usecases/support/deps.ts';

import type { DemoContext } from './seed-foundation.ts';

const REJECT_REASON = 'Séance comptée deux fois : ce ticket doublonne un autre ticket de la même personne le même jour.';

/** The same dependencies with the clock set to a moment of the demo's history. */
function at(deps: Deps, iso: string): Deps {
  return { ...deps, now: () => new Date(iso) };
}

/**
 * Demo stage (issue #5), run after the redemptions stage, taking through the real use cases:
 * - every demo structure's bank details verified by finance (a valid French IBAN if missing);
 * - 2021 redemptions claimed, submitted, approved with one line rejected, ordered and paid
 *   (statements 2022-000001…);
 * - 2022 redemptions claimed, submitted, approved with one line rejected, not yet ordered;
 * - the current campaign's redemptions left unclaimed, for the demo user to claim.
 * With no redemptions it only verifies the bank details.
 */
export async function seedClaims(deps: Deps, ctx: DemoContext): Promise<void> {
  if (!ctx.campaigns || !ctx.structures?.length) return;
  const finance = actor(ctx, 'finance', ctx.users.finance, 'finance@demo.passnum.fr');
  const validation = actor(ctx, 'finance', ctx.users.financeValidation, 'finance.validation@demo.passnum.fr');
  const campaigns = await campaignsOfTerritory(deps.db, ctx.territoryId);
  const c2021 = campaigns.find((c) => c.id === ctx.campaigns!.c2021)!;
  const c2022 = campaigns.find((c) => c.id === ctx.campaigns!.c2022)!;

  // Bank details, verified before the first payment of the demo's history (autumn 2021).
  let n = 0;
  for (const s of ctx.structures) {
    n += 1;
    let bank = await getStructureBank(deps.db, s.id);
    if (!bank?.iban) {
      const iban = frenchIban('10278', '02000', String(20_000_000_000 + n * 7919).slice(-11));
      const holder = s.name.replace(' (démo)', '');
      const rib = await renderDemoRibPdf({ holder, iban, bic: 'CMCIFR2A', bankName: 'Banque de démonstration' });
      const manager = actor(ctx, 'structure_manager', `demo:${s.id}`, `Responsable de ${s.name}`, s.id);
      await setBankDetails(at(deps, '2021-09-01T08:00:00.000Z'), manager, s.id, {
        iban, bic: 'CMCIFR2A', accountHolder: holder, rib: { filename: 'rib.pdf', contentBase64: rib.toString('base64') },
      });
      bank = await getStructureBank(deps.db, s.id);
    }
    if (bank?.bank_status === 'pending' && bank.iban) {
      // Verified on the RIB by a finance officer who did not enter them: IBAN re-typed, BIC and holder confirmed.
      await verifyBankDetails(at(deps, '2021-09-15T08:00:00.000Z'), finance, { structureId: s.id, iban: bank.iban, bic: bank.bic, accountHolder: bank.account_holder ?? '' });
    }
  }

  const history = async (campaign: typeof c2021, pay: boolean) => {
    const last = await latestRedemptionOf(deps.db, campaign.id);
    if (!last) return;
    // Claimed the day after the later of the validity end and the last redemption, within the claim deadline.
    let claimDay = addDays([campaign.claim_deadline.slice(0, 4) + '-02-01', last.slice(0, 10)].sort().pop()!, 1);
    if (claimDay > campaign.claim_deadline) claimDay = campaign.claim_deadline;
    const t = (days: number, hour = '09:00') => `${addDays(claimDay, days)}T${hour}:00.000Z`;
    const claimIds: string[] = [];
    for (const structureId of await redeemingStructures(deps.db, campaign.id)) {
      const s = ctx.structures!.find((x) => x.id === structureId);
      const manager = actor(ctx, 'structure_manager', structureId === ctx.structures![0].id ? ctx.users.manager : `demo:${structureId}`, `Responsable de ${s?.name ?? 'la structure'} (démo)`, structureId);
      const assembled = await assembleStructureClaims(at(deps, t(0)), manager, structureId, { campaignIds: [campaign.id] });
      for (const claimId of assembled.claimIds) {
        await submitClaim(at(deps, t(1)), manager, { claimId, attestation: true });
        claimIds.push(claimId);
      }
    }
    let rejected = false;
    for (const claimId of claimIds) {
      const claim = await getClaimFor(deps, finance, claimId);
      // One rejected line per campaign, in a claim that keeps other lines to pay.
      const reject: { lineId: string; reason: string }[] = !rejected && claim.lines.length > 1 ? [{ lineId: claim.lines[claim.lines.length - 1].id, reason: REJECT_REASON }] : [];
      rejected ||= reject.length > 0;
      await reviewClaim(at(deps, t(5)), finance, { claimId, rejections: reject });
    }
    if (!pay) return;
    const reviewed = await listClaims(deps.db, { territoryId: ctx.territoryId, campaignId: campaign.id, status: 'reviewed' });
    const totals = await totalsByClaim(deps.db, reviewed.map((c) => c.id));
    const payable = reviewed.filter((c) => totals.get(c.id)!.approved.count > 0).map((c) => c.id);
    if (payable.length === 0) return;
    // Prepared by one finance officer, released by the other (four eyes), then paid.
    const order = await createPaymentOrder(at(deps, t(20)), finance, { claimIds: payable, executionDate: nextTarget2BusinessDay(addDays(claimDay, 22)) });
    await releasePaymentOrder(at(deps, t(21)), validation, { orderId: order.id });
    await markOrderPaid(at(deps, t(30)), finance, { orderId: order.id, paymentDate: addDays(claimDay, 28), reference: `VIR-${claimDay.slice(0, 4)}-PASSNUM-0001` });
  };

  await history(c2021, true);
  await history(c2022, false);
}

function actor(ctx: DemoContext, role: Actor['role'], id: string, label: string, structureId: string | null = null): Actor {
  return { kind: 'user', id, role, territoryId: ctx.territoryId, organisationId: null, structureId, label } as Actor;
}
