import type { Database } from '../../db/database.ts';
import type { RedeemedTicketWithNames } from '../../repositories/redemptions.ts';
import type { Tx } from '../../repositories/tx.ts';

/** Fewer tickets moved than requested: thrown inside the transaction, it rolls everything back. */
export class NotAllRedeemed extends Error {}

/**
 * Records a redemption in `trx` for tickets already marked redeemed: the request, its redemption
 * rows (unless told not to) and the audit entries. Throws NotAllRedeemed when a ticket is missing.
 */
export type RecordRedemption<W> = (trx: Tx, rows: RedeemedTicketWithNames[], withRedemptionRows: boolean) => Promise<W>;

/**
 * A substitute for the guarded write of a redemption (the conditional update). Only the
 * exactly-once tests supply one, a deliberately unguarded write, to show that their check does
 * catch a double redemption; only a test configuration runs it.
 */
export type RedemptionWrite = <W>(db: Database, p: { codeHashes: string[]; structureId: string; at: string }, record: RecordRedemption<W>) => Promise<W>;
