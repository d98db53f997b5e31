import { setTimeout as sleep } from 'node:timers/promises';
import { namesOfRedeemed, REDEEMED_COLUMNS } from '../../src/repositories/redemptions.ts';
import { inTransaction } from '../../src/repositories/tx.ts';
import { NotAllRedeemed, type RedemptionWrite } from '../../src/usecases/support/redemption-write.ts';

/**
 * The negative control of exactly-once: the classic check-then-act bug. Reads the tickets, lets
 * time pass as a real network or disk would, then marks them redeemed without any condition.
 * - `off`: and writes no row in the unique-indexed redemptions table, so nothing stops a double redemption;
 * - `no-conditional`: writes those rows, so the unique index `one_live_redemption_per_ticket` alone must hold.
 */
export function unguardedRedemption(mode: 'off' | 'no-conditional'): RedemptionWrite {
  return async (db, p, record) => {
    const found = await db.selectFrom('tickets').select(['id', 'status']).where('code_hash', 'in', p.codeHashes).execute();
    if (found.length < p.codeHashes.length || found.some((t) => t.status !== 'issued')) throw new NotAllRedeemed();
    await sleep(25);
    return inTransaction(db, async (trx) => {
      const rows = await trx
        .updateTable('tickets')
        .set({ status: 'redeemed', structure_id: p.structureId, redeemed_at: p.at, updated_at: p.at })
        .where('id', 'in', found.map((t) => t.id))
        .returning(REDEEMED_COLUMNS)
        .returning(namesOfRedeemed)
        .execute();
      return record(trx, rows, mode === 'no-conditional');
    });
  };
}
