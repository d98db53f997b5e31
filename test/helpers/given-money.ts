import { createHash } from 'node:crypto';
import { frenchIban } from '../../src/domain/bank.ts';
import type { MintedBooklet } from '../../src/usecases/support/mint-booklets.ts';
import type { Deps } from '../../src/usecases/support/deps.ts';

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
            site_id: p.structure.siteId, format: p.format ?? 'individuel', themes: JSON.stringify(['Prendre en main un smartphone ou une tablette']),
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
