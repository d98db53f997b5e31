import { createHash } from 'node:crypto';
import { frenchIban } from '../../src/domain/bank.ts';
import type { CampaignTable } from '../../src/db/schema.ts';
import type { Actor } from '../../src/domain/actor.ts';
import { createPaymentOrder, type CreateOrderInput } from '../../src/usecases/reimbursement/create-payment-order.ts';
import { releasePaymentOrder } from '../../src/usecases/reimbursement/release-payment-order.ts';
import { assembleStructureClaims } from '../../src/usecases/reimbursement/assemble-claims.ts';
import { getClaimFor } from '../../src/usecases/reimbursement/list-claims.ts';
import { reviewClaim } from '../../src/usecases/reimbursement/review-claim.ts';
import { submitClaim } from '../../src/usecases/reimbursement/submit-claim.ts';
import type { MintedBooklet } from '../../src/usecases/support/mint-booklets.ts';
import type { Deps } from '../../src/usecases/support/deps.ts';
import { given } from './given.ts';

// Factories for reimbursement tests (issue #5). `redeem` writes exactly what a redemption writes
// (a redemption request, one live redemption per ticket, ticket issued → redeemed with structure
// and instant) so that claims can be tested before and independently of the redemption use case.

let n = 0;

export function givenMoney(deps: Deps) {
  return {
    async redeem(p: {
      booklet: MintedBooklet;
      structure: { id: string; siteId: string };
      /** how many tickets of the booklet, from the first (default: all) */
      count?: number;
      /** the redemption instant (ISO); default: the fake clock's now */
      at?: string;
      format?: 'individuel' | 'collectif';
    }): Promise<string[]> {
      const at = p.at ?? deps.now().toISOString();
      const tickets = p.booklet.tickets.slice(0, p.count ?? p.booklet.tickets.length);
      const requestId = deps.newId();
      await deps.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('redemption_requests')
          .values({
            id: requestId, structure_id: p.structure.id, client_redemption_id: `test-${++n}-${requestId}`,
            codes_fingerprint: createHash('sha256').update(tickets.map((t) => t.id).join(',')).digest('hex'),
            site_id: p.structure.siteId, format: p.format ?? 'individuel', themes: JSON.stringify(['PrendreEnMainDuMateriel']),
            duration_minutes: 90, actor_id: 'test', created_at: at,
          })
          .execute();
        for (const t of tickets) {
          const campaign = await trx.selectFrom('tickets').select('campaign_id').where('id', '=', t.id).executeTakeFirstOrThrow();
          await trx
            .insertInto('redemptions')
            .values({
              id: deps.newId(), request_id: requestId, ticket_id: t.id, structure_id: p.structure.id, campaign_id: campaign.campaign_id,
              redeemed_at: at, undone_at: null, undone_by: null, undo_reason: null,
            })
            .execute();
          const r = await trx
            .updateTable('tickets')
            .set({ status: 'redeemed', structure_id: p.structure.id, redeemed_at: at, updated_at: at })
            .where('id', '=', t.id)
            .where('status', '=', 'issued')
            .executeTakeFirst();
          if (Number(r.numUpdatedRows) !== 1) throw new Error(`ticket ${t.serial} is not issued`);
        }
      });
      return tickets.map((t) => t.id);
    },

    /** Verified bank details on a structure (a valid French IBAN unless given). */
    async verifiedBank(structureId: string, iban?: string): Promise<string> {
      const value = iban ?? frenchIban('30004', '00819', String(10_000_000_000 + ++n).slice(-11));
      await deps.db
        .updateTable('structures')
        .set({ iban: value, bic: 'BNPAFRPPXXX', account_holder: 'Association de test', bank_status: 'verified', bank_updated_at: deps.now().toISOString(), bank_verified_at: deps.now().toISOString(), bank_verified_by: 'test' })
        .where('id', '=', structureId)
        .execute();
      return value;
    },
  };
}

/**
 * A payment order prepared by `preparer` and released by a second finance officer of the same
 * territory (created on first use), as the four-eyes rule requires before any payment.
 */
export async function releasedOrder(deps: Deps, preparer: Actor, input: CreateOrderInput) {
  const order = await createPaymentOrder(deps, preparer, input);
  return releasePaymentOrder(deps, await secondFinance(deps, preparer.territoryId), { orderId: order.id });
}

const seconds = new Map<string, Actor>();
/** A second finance officer of the territory (one per territory and database). */
export async function secondFinance(deps: Deps, territoryId: string): Promise<Actor> {
  const key = `${territoryId}`;
  const known = seconds.get(key);
  if (known && (await deps.db.selectFrom('users').select('id').where('id', '=', known.id).executeTakeFirst())) return known;
  const u = await given(deps).user({ territoryId, role: 'finance' });
  const a = actorOf({ id: u.id, role: 'finance' }, territoryId);
  seconds.set(key, a);
  return a;
}

/** A RIB file as a manager attaches it (the smallest content recognised as a PDF). */
export const TEST_RIB = { filename: 'rib.pdf', contentBase64: Buffer.from('%PDF-1.4\n% RIB de test\n%%EOF\n').toString('base64') };

/** The body of PUT /api/structures/:id/bank-details: the details and the RIB. */
export function bankBody(iban: string, bic: string | null, accountHolder: string) {
  return { iban, bic, accountHolder, rib: TEST_RIB };
}

/** An Actor as the session would build it, for calling use cases directly. */
export function actorOf(u: { id: string; role: Actor['role'] }, territoryId: string, structureId: string | null = null): Actor {
  return { kind: 'user', id: u.id, role: u.role as never, territoryId, organisationId: null, structureId, label: `${u.role} ${u.id.slice(-4)}` } as Actor;
}

/**
 * A structure with verified bank details, a manager, and a claim per call of `reviewedClaim`
 * taken through the real use cases (assemble → submit → review).
 */
export async function claimingStructure(deps: Deps, p: { territoryId: string; organisationId: string; campaign: CampaignTable; name?: string; verified?: boolean }) {
  const g = given(deps);
  const m = givenMoney(deps);
  const s = await g.structure({ territoryId: p.territoryId, accreditedFor: [p.campaign.id], ...(p.name ? { name: p.name } : {}) });
  if (p.verified !== false) await m.verifiedBank(s.id);
  const user = await g.user({ territoryId: p.territoryId, role: 'structure_manager', structureId: s.id });
  const manager = actorOf({ id: user.id, role: 'structure_manager' }, p.territoryId, s.id);
  return {
    ...s,
    manager,
    /** Redeems `count` tickets at `at`, assembles, submits and (with a finance actor) reviews; returns the claim id. */
    async reviewedClaim(q: { count: number; at: string; finance: Actor; reject?: number }): Promise<{ claimId: string; ticketIds: string[] }> {
      const booklet = await g.issuedBooklet({ campaign: p.campaign, organisationId: p.organisationId });
      const ticketIds = await m.redeem({ booklet, structure: s, count: q.count, at: q.at });
      const assembled = await assembleStructureClaims(deps, manager, s.id);
      const claimId = assembled.claimIds[0];
      await submitClaim(deps, manager, { claimId, attestation: true });
      const view = await getClaimFor(deps, q.finance, claimId);
      const rejections = view.lines.slice(0, q.reject ?? 0).map((l) => ({ lineId: l.id, reason: 'Motif de test' }));
      await reviewClaim(deps, q.finance, { claimId, rejections });
      return { claimId, ticketIds };
    },
  };
}
