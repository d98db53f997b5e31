import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import * as OTPAuth from 'otpauth';
import { DomainError } from '../../domain/errors.ts';
import { insertSession } from '../../repositories/sessions.ts';
import { clearThrottle, countAttempt, refundAttempt, type AttemptRule } from '../../repositories/throttle.ts';
import { inTransaction } from '../../repositories/tx.ts';
import { acceptTotpStep, replaceRecoveryCodes } from '../../repositories/access.ts';
import { hashPassword } from '../administration/create-user.ts';
import { findUserByEmail } from '../../repositories/users.ts';
import { refusesPassword } from '../../repositories/proconnect.ts';
import { audit } from '../support/audit.ts';
import { sessionIdHash } from './authenticate.ts';
import type { Deps } from '../support/deps.ts';

// Login attempts are counted BEFORE the slow password hash is verified (an atomic upsert per key),
// so parallel guesses cannot all be checked. Three fixed 15-minute windows: the account and address
// pair (what a guesser meets first); the account from anywhere, higher, against guessing spread over
// many addresses; the address, higher again, so that a town hall's shared address is not locked out
// by one person's typos, yet a single address cannot try every account.
const WINDOW_MS = 15 * 60_000;
export const LOGIN_LIMITS: Record<'pair' | 'account' | 'address', AttemptRule> = {
  pair: { windowMs: WINDOW_MS, limit: 5 },
  account: { windowMs: WINDOW_MS, limit: 50 },
  address: { windowMs: WINDOW_MS, limit: 100 },
};
const BAD_LOGIN = 'Adresse e-mail ou mot de passe incorrect.';
const PROCONNECT_ONLY = 'Ce compte se connecte uniquement avec ProConnect : utilisez le bouton « S’identifier avec ProConnect ».';

export interface OpenSessionInput { email: string; password: string; totp?: string; ip: string }
export interface OpenedSession { token: string; csrfToken: string; userId: string; totpEnrolmentRequired: boolean }

// Unknown e-mails, accounts without a password and disabled accounts are verified against this
// hash, made with the same parameters as real ones: every refusal costs one argon2 verification,
// so the answer time does not tell which e-mails have an account.
let dummyHash: Promise<string> | null = null;

async function verifyPassword(hash: string | null | undefined, password: string): Promise<boolean> {
  dummyHash ??= hashPassword(randomBytes(32).toString('base64url'));
  const ok = await argon2.verify(hash ?? (await dummyHash), password).catch(() => false);
  return ok && !!hash;
}

export async function openSession(deps: Deps, input: OpenSessionInput): Promise<OpenedSession> {
  const now = deps.now();
  const email = input.email.trim().toLowerCase();
  const keys = { pair: `login:pair:${email}|${input.ip}`, account: `login:account:${email}`, address: `login:ip:${input.ip}` };
  await countLoginAttempt(deps, keys, now);
  const user = await findUserByEmail(deps.db, email);
  const passwordOk = await verifyPassword(user?.password_hash, input.password);
  if (!user || !passwordOk || user.disabled_at) throw new DomainError('invalid_credentials', BAD_LOGIN);
  // Said only to whoever knows the password: this account signs in through ProConnect only.
  if (await refusesPassword(deps.db, user.id)) throw new DomainError('invalid_credentials', PROCONNECT_ONLY);
  if (user.totp_enabled) {
    if (!input.totp) throw new DomainError('totp_required', 'Saisissez le code à 6 chiffres de votre application d’authentification.');
    await checkSecondFactor(deps, user, input.totp, now);
  }
  // A success forgets the pair's failures and gives back the attempt to the wider counters.
  await clearThrottle(deps.db, keys.pair);
  await refundAttempt(deps.db, keys.account);
  await refundAttempt(deps.db, keys.address);
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const enrolmentRequired = deps.config.requireTotp && !user.totp_enabled && (user.role === 'admin' || user.role === 'finance');
  await inTransaction(deps.db, async (trx) => {
    await insertSession(trx, { idHash: sessionIdHash(token), userId: user.id, csrfToken, now: now.toISOString(), totpPending: enrolmentRequired });
    await audit(trx, null, now, 'session.opened', { type: 'user', id: user.id }, { ip: input.ip }, user.territory_id);
  });
  return { token, csrfToken, userId: user.id, totpEnrolmentRequired: enrolmentRequired };
}

/**
 * Counts the attempt on every key; if one is over its limit the attempt is refused unchecked and
 * given back everywhere (hammering a blocked pair does not fill the account's or address's counter).
 */
async function countLoginAttempt(deps: Deps, keys: Record<keyof typeof LOGIN_LIMITS, string>, now: Date): Promise<void> {
  let wait = 0;
  for (const name of ['pair', 'account', 'address'] as const) {
    const { count, windowLeftSeconds } = await countAttempt(deps.db, keys[name], now, LOGIN_LIMITS[name]);
    if (count > LOGIN_LIMITS[name].limit) wait = Math.max(wait, windowLeftSeconds);
  }
  if (wait === 0) return;
  for (const key of Object.values(keys)) await refundAttempt(deps.db, key);
  throw new DomainError('rate_limited', `Trop de tentatives. Réessayez dans ${wait} secondes.`, { retryAfterSeconds: wait });
}

export function totpFor(secret: string, label: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({ issuer: 'passnum', label, algorithm: 'SHA1', digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secret) });
}

const TOTP_PERIOD_MS = 30_000;

/**
 * A six-digit TOTP code (accepted once: its time step must be later than the last one accepted),
 * or a recovery code (removed by a conditional update on the list as read, so two sign-ins racing
 * with the same code cannot both succeed).
 */
async function checkSecondFactor(
  deps: Deps,
  user: { id: string; totp_secret: string | null; email: string; recovery_codes: string },
  code: string,
  now: Date,
): Promise<void> {
  const clean = code.replace(/\s/g, '');
  if (/^\d{6}$/.test(clean) && user.totp_secret) {
    const delta = totpFor(user.totp_secret, user.email).validate({ token: clean, window: 1, timestamp: now.getTime() });
    if (delta === null) throw new DomainError('invalid_credentials', 'Code de vérification incorrect.', { field: 'totp' });
    if (!(await acceptTotpStep(deps.db, user.id, totpStep(now) + delta))) {
      throw new DomainError('invalid_credentials', 'Ce code a déjà servi. Attendez le suivant (30 secondes au plus).', { field: 'totp' });
    }
    return;
  }
  const hash = sessionIdHash(clean.toUpperCase());
  const hashes = JSON.parse(user.recovery_codes) as string[];
  if (!hashes.includes(hash)) throw new DomainError('invalid_credentials', 'Code de vérification incorrect.', { field: 'totp' });
  if (!(await replaceRecoveryCodes(deps.db, user.id, user.recovery_codes, JSON.stringify(hashes.filter((h) => h !== hash))))) {
    throw new DomainError('invalid_credentials', 'Ce code de secours a déjà servi.', { field: 'totp' });
  }
}

/** The TOTP time step of an instant (30-second periods since the epoch). */
export function totpStep(at: Date): number {
  return Math.floor(at.getTime() / TOTP_PERIOD_MS);
}
