import type { Config } from '../../config.ts';
import type { Database, Dialect } from '../../db/database.ts';
import type { RedemptionWrite } from './redemption-write.ts';
import type { Secrets } from './secrets.ts';

/** What every use case may need. Built once in composition.ts; tests build their own. */
export interface Deps {
  db: Database;
  dialect: Dialect;
  config: Config;
  secrets: Secrets;
  /** The current instant (a fake clock in tests). */
  now: () => Date;
  /** A new sortable unique id (UUIDv7). */
  newId: () => string;
  /** Cryptographically random bytes. */
  randomBytes: (n: number) => Uint8Array;
  /** Set by the test suite only, and ignored unless the configuration is a test one. */
  testDoubles?: { redemptionWrite?: RedemptionWrite };
}
