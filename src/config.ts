import path from 'node:path';

export interface Config {
  env: 'production' | 'development' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  /** SQLite durability (ADR 9): `normal` by default, `full` for one fdatasync per commit. */
  sqliteSynchronous?: 'normal' | 'full';
  sessionSecret: string;
  codeSecret: string;
  demoPassword: string;
  requireTotp: boolean;
  trustProxy: boolean;
  publicUrl?: string;
  smtpUrl?: string;
  mailFrom: string;
  smsUrl?: string;
  smsKey?: string;
  retentionMonths: number;
  logLevel: string;
  /** The territory's account debited by SEPA transfer files (pain.001). */
  debtor: { name: string; iban: string; bic: string };
}

export const DEFAULT_SECRET = 'passnum-dev-secret-do-not-use-in-production';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  return {
    env: nodeEnv,
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '127.0.0.1',
    dataDir: path.resolve(env.PASSNUM_DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    sqliteSynchronous: env.PASSNUM_SQLITE_SYNCHRONOUS?.toLowerCase() === 'full' ? 'full' : 'normal',
    sessionSecret: env.PASSNUM_SESSION_SECRET ?? DEFAULT_SECRET,
    codeSecret: env.PASSNUM_CODE_SECRET ?? DEFAULT_SECRET,
    demoPassword: env.PASSNUM_DEMO_PASSWORD ?? 'passnum-demo',
    requireTotp: env.PASSNUM_REQUIRE_TOTP === 'true',
    trustProxy: env.PASSNUM_TRUST_PROXY === 'true',
    publicUrl: env.PASSNUM_PUBLIC_URL || undefined,
    smtpUrl: env.PASSNUM_SMTP_URL || undefined,
    mailFrom: env.PASSNUM_MAIL_FROM ?? 'passnum <ne-pas-repondre@passnum.local>',
    smsUrl: env.PASSNUM_SMS_URL || undefined,
    smsKey: env.PASSNUM_SMS_KEY || undefined,
    retentionMonths: Number(env.PASSNUM_RETENTION_MONTHS ?? 24),
    logLevel: env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    debtor: {
      name: env.PASSNUM_DEBTOR_NAME ?? 'Communauté d’Agglomération de Lens-Liévin (démo)',
      iban: (env.PASSNUM_DEBTOR_IBAN ?? 'FR7630001000640000001234559').replace(/\s/g, '').toUpperCase(),
      bic: (env.PASSNUM_DEBTOR_BIC ?? 'BDFEFRPPCCT').replace(/\s/g, '').toUpperCase(),
    },
  };
}

export function sqlitePath(config: Config): string {
  return path.join(config.dataDir, 'passnum.sqlite');
}

/** Production refuses default secrets (issue #2, item 10). */
export function assertProductionReady(config: Config): void {
  if (config.env !== 'production') return;
  if (config.sessionSecret === DEFAULT_SECRET || config.codeSecret === DEFAULT_SECRET) {
    throw new Error(
      'Refus de démarrer : PASSNUM_SESSION_SECRET et PASSNUM_CODE_SECRET doivent être définis en production.',
    );
  }
}
