import { isIP } from 'node:net';
import path from 'node:path';
import { parseLogLevel, parseLogLevels, type LogLevels } from './logging.ts';

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
  /** Keys the audit chain and signs its checkpoints (PASSNUM_AUDIT_KEY); never stored in the database. */
  auditKey: string;
  demoPassword: string;
  requireTotp: boolean;
  /** Addresses (or CIDR ranges) of the reverse proxies whose X-Forwarded-* headers are believed. */
  trustProxy: string[];
  publicUrl?: string;
  smtpUrl?: string;
  mailFrom: string;
  smsUrl?: string;
  smsKey?: string;
  retentionMonths: number;
  /** Every module's log level (LOG_LEVEL)… */
  logLevel: string;
  /** …unless PASSNUM_LOG_LEVELS gives the module its own ("jobs=debug,http=warn"; src/logging.ts). */
  logLevels: LogLevels;
  /** On SIGTERM, how long requests in flight may take to finish before the process exits anyway. */
  shutdownTimeoutMs: number;
  /** /metrics on the app's port requires `Authorization: Bearer <token>` (PASSNUM_METRICS_TOKEN); unset: not served there. */
  metricsToken?: string;
  /** A separate address for /metrics, without token (PASSNUM_METRICS_PORT, PASSNUM_METRICS_HOST, default 127.0.0.1). */
  metricsPort?: number;
  metricsHost: string;
  /** Where the daily backup job writes (PASSNUM_BACKUP_DIR); unset: no daily backup. */
  backupDir?: string;
  /** A 32-byte key (hex) encrypting the backups, kept outside the data directory (PASSNUM_BACKUP_KEY_FILE). */
  backupKeyFile?: string;
  /** The territory's account debited by SEPA transfer files (pain.001). */
  debtor: { name: string; iban: string; bic: string };
  /** Sign-in with ProConnect; absent unless its four variables are set (docs/proconnect.md). */
  proconnect?: ProConnectConfig;
}

export interface ProConnectConfig {
  /** e.g. https://auth.agentconnect.gouv.fr/api/v2 (discovery at <issuer>/.well-known/openid-configuration). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The callback registered at ProConnect: https://<passnum>/auth/proconnect/retour. */
  redirectUri: string;
  /** Where ProConnect sends the browser after signing out: <origin>/auth/proconnect/deconnexion. */
  postLogoutRedirectUri: string;
  /** The signing algorithm registered for this client (RS256 by default; ES256 also offered). */
  signingAlg: string;
}

export function loadProConnectConfig(env: NodeJS.ProcessEnv): ProConnectConfig | undefined {
  const issuer = env.PASSNUM_PROCONNECT_ISSUER?.trim();
  const clientId = env.PASSNUM_PROCONNECT_CLIENT_ID?.trim();
  const clientSecret = env.PASSNUM_PROCONNECT_CLIENT_SECRET;
  const redirectUri = env.PASSNUM_PROCONNECT_REDIRECT_URI?.trim();
  if (!issuer || !clientId || !clientSecret || !redirectUri) return undefined;
  return {
    issuer: issuer.replace(/\/+$/, ''),
    clientId,
    clientSecret,
    redirectUri,
    postLogoutRedirectUri: env.PASSNUM_PROCONNECT_POST_LOGOUT_REDIRECT_URI?.trim() || new URL('/auth/proconnect/deconnexion', redirectUri).href,
    signingAlg: env.PASSNUM_PROCONNECT_SIGNING_ALG?.trim() || 'RS256',
  };
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
    auditKey: env.PASSNUM_AUDIT_KEY ?? DEFAULT_SECRET,
    demoPassword: env.PASSNUM_DEMO_PASSWORD ?? 'passnum-demo',
    requireTotp: env.PASSNUM_REQUIRE_TOTP === 'true',
    trustProxy: parseTrustedProxies(env.PASSNUM_TRUST_PROXY),
    publicUrl: env.PASSNUM_PUBLIC_URL || undefined,
    smtpUrl: env.PASSNUM_SMTP_URL || undefined,
    mailFrom: env.PASSNUM_MAIL_FROM ?? 'passnum <ne-pas-repondre@passnum.local>',
    smsUrl: env.PASSNUM_SMS_URL || undefined,
    smsKey: env.PASSNUM_SMS_KEY || undefined,
    retentionMonths: Number(env.PASSNUM_RETENTION_MONTHS ?? 24),
    shutdownTimeoutMs: Number(env.PASSNUM_SHUTDOWN_TIMEOUT_MS ?? 10_000),
    metricsToken: env.PASSNUM_METRICS_TOKEN || undefined,
    metricsPort: env.PASSNUM_METRICS_PORT ? Number(env.PASSNUM_METRICS_PORT) : undefined,
    metricsHost: env.PASSNUM_METRICS_HOST ?? '127.0.0.1',
    backupDir: env.PASSNUM_BACKUP_DIR ? path.resolve(env.PASSNUM_BACKUP_DIR) : undefined,
    backupKeyFile: env.PASSNUM_BACKUP_KEY_FILE ? path.resolve(env.PASSNUM_BACKUP_KEY_FILE) : undefined,
    logLevel: parseLogLevel(env.LOG_LEVEL, nodeEnv === 'test' ? 'silent' : 'info'),
    logLevels: parseLogLevels(env.PASSNUM_LOG_LEVELS),
    debtor: {
      name: env.PASSNUM_DEBTOR_NAME ?? 'Communauté d’Agglomération de Lens-Liévin (démo)',
      iban: (env.PASSNUM_DEBTOR_IBAN ?? 'FR7630001000640000001234559').replace(/\s/g, '').toUpperCase(),
      bic: (env.PASSNUM_DEBTOR_BIC ?? 'BDFEFRPPCCT').replace(/\s/g, '').toUpperCase(),
    },
    proconnect: loadProConnectConfig(env),
  };
}

export function sqlitePath(config: Config): string {
  return path.join(config.dataDir, 'passnum.sqlite');
}

// proxy-addr's names for the usual private ranges, accepted next to addresses and CIDR ranges.
const PROXY_KEYWORDS = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * PASSNUM_TRUST_PROXY lists the reverse proxies (addresses or CIDR ranges, comma-separated) whose
 * X-Forwarded-For is believed. `true` used to trust any sender, letting a forged header escape every
 * per-address limit and fake the addresses in the logs: it is refused.
 */
export function parseTrustedProxies(value: string | undefined): string[] {
  const entries = (value ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  if (entries.length === 1 && entries[0] === 'false') return [];
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address);
    const bitsOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (PROXY_KEYWORDS.has(entry) || (family !== 0 && bitsOk && extra === undefined)) continue;
    throw new Error(
      `PASSNUM_TRUST_PROXY doit lister les adresses des proxys de confiance (par exemple « 127.0.0.1 » ou « 10.0.0.0/8 »), séparées par des virgules : « ${entry} » n’en est pas une.`,
    );
  }
  return entries;
}

const SECRETS = [
  ['PASSNUM_SESSION_SECRET', 'sessionSecret'],
  ['PASSNUM_CODE_SECRET', 'codeSecret'],
  ['PASSNUM_AUDIT_KEY', 'auditKey'],
] as const;

/**
 * At least 32 random bytes, as `openssl rand -hex 32` (64 hex digits) or `openssl rand -base64 32`
 * (43 characters and padding) print them. Random text of that length shows many distinct characters
 * (about 16 of 16 hex digits, about 30 of 64 base64 ones, in both cases); a word, a sentence or a
 * repeated pattern does not, nor does a text without both cases.
 */
export function looksRandom(secret: string): boolean {
  const text = secret.trim().replace(/=+$/, '');
  if (/^[0-9a-f]+$/i.test(text)) return text.length >= 64 && new Set(text.toLowerCase()).size >= 12;
  return text.length >= 43 && new Set(text).size >= 20 && /[a-z]/.test(text) && /[A-Z]/.test(text);
}

/** Production refuses to start with missing, trivial or shared secrets (issue 19, finding 3). */
export function assertProductionReady(config: Config): void {
  if (config.env !== 'production') return;
  for (const [name, key] of SECRETS) {
    const secret = config[key];
    if (secret === DEFAULT_SECRET || !looksRandom(secret)) {
      throw new Error(
        `Refus de démarrer : ${name} doit valoir au moins 32 octets aléatoires en production (par exemple la sortie de « openssl rand -base64 32 »).`,
      );
    }
  }
  for (let i = 0; i < SECRETS.length; i += 1) {
    for (let j = i + 1; j < SECRETS.length; j += 1) {
      if (config[SECRETS[i][1]].trim() === config[SECRETS[j][1]].trim()) {
        throw new Error(`Refus de démarrer : ${SECRETS[i][0]} et ${SECRETS[j][0]} doivent être différents.`);
      }
    }
  }
}
