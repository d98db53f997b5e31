import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import * as OTPAuth from 'otpauth';
import { DomainError } from '../domain/errors.ts';
import { insertSession } from '../repositories/sessions.ts';
import { blockedFor, clearThrottle, recordFailure, type ThrottleRule } from '../repositories/throttle.ts';
import { inTransaction } from '../repositories/tx.ts';
import { replaceRecoveryCodes } from '../repositories/access.ts';
import { findUserByEmail } from '../repositories/users.ts';
import { audit } from './support/audit.ts';
import { sessionIdHash } from './authenticate.ts';
import type { Deps } from './support/deps.ts';

// Throttling slows guessing without locking everybody out: per account and per IP, failures past
// the limit impose a doubling pause, capped at 15 minutes.
const PER_ACCOUNT: ThrottleRule = { windowMs: 15 * 60_000, limit: 5, blockMs: 15 * 60_000 };
const PER_IP: ThrottleRule = { windowMs: 15 * 60_000, limit: 30, blockMs: 15 * 60_000 };
const BAD_LOGIN = 'Adresse e-mail ou mot de passe incorrect.';

export interface OpenSessionInput { email: string; password: string; totp?: string; ip: string }
export interface OpenedSession { token: string; csrfToken: string; userId: string; totpEnrolmentRequired: boolean }

export async function openSession(deps: Deps, input: OpenSessionInput): Promise<OpenedSession> {
  const now = deps.now();
  const email = input.email.trim().toLowerCase();
  const keys = [`login:account:${email}`, `login:ip:${input.ip}`];
  for (const key of keys) {
    const wait = await blockedFor(deps.db, key, now);
    if (wait > 0) {
      throw new DomainError('rate_limited', `Trop de tentatives. Réessayez dans ${wait} secondes.`, { retryAfterSeconds: wait });
    }
  }
  const user = await findUserByEmail(deps.db, email);
  const passwordOk =
    !!user?.password_hash && !user.disabled_at && (await argon2.verify(user.password_hash, input.password).catch(() => false));
  if (!user || !passwordOk) {
    await recordFailure(deps.db, keys[0], now, PER_ACCOUNT);
    await recordFailure(deps.db, keys[1], now, PER_IP);
    throw new DomainError('invalid_credentials', BAD_LOGIN);
  }
  if (user.totp_enabled) {
    if (!input.totp) throw new DomainError('totp_required', 'Saisissez le code à 6 chiffres de votre application d’authentification.');
    if (!checkSecondFactor(user, input.totp, now)) {
      await recordFailure(deps.db, keys[0], now, PER_ACCOUNT);
      throw new DomainError('invalid_credentials', 'Code de vérification incorrect.', { field: 'totp' });
    }
    if (!(await consumeRecoveryCode(deps, user, input.totp))) {
      throw new DomainError('invalid_credentials', 'Ce code de secours a déjà servi.', { field: 'totp' });
    }
  }
  await clearThrottle(deps.db, keys[0]);
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const enrolmentRequired = deps.config.requireTotp && !user.totp_enabled && (user.role === 'admin' || user.role === 'finance');
  await inTransaction(deps.db, async (trx) => {
    await insertSession(trx, { idHash: sessionIdHash(token), userId: user.id, csrfToken, now: now.toISOString(), totpPending: enrolmentRequired });
    await audit(trx, null, now, 'session.opened', { type: 'user', id: user.id }, { ip: input.ip }, user.territory_id);
  });
  return { token, csrfToken, userId: user.id, totpEnrolmentRequired: enrolmentRequired };
}

export function totpFor(secret: string, label: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({ issuer: 'passnum', label, algorithm: 'SHA1', digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secret) });
}

function checkSecondFactor(user: { totp_secret: string | null; email: string; recovery_codes: string }, code: string, now: Date): boolean {
  const clean = code.replace(/\s/g, '');
  if (/^\d{6}$/.test(clean) && user.totp_secret) {
    return totpFor(user.totp_secret, user.email).validate({ token: clean, window: 1, timestamp: now.getTime() }) !== null;
  }
  const hashes = JSON.parse(user.recovery_codes) as string[];
  return hashes.includes(sessionIdHash(clean.toUpperCase()));
}

/**
 * A recovery code works once: it is removed by a conditional update on the list as read, so two
 * sign-ins racing with the same code cannot both succeed. TOTP codes pass through (true).
 */
async function consumeRecoveryCode(deps: Deps, user: { id: string; recovery_codes: string }, code: string): Promise<boolean> {
  const hash = sessionIdHash(code.replace(/\s/g, '').toUpperCase());
  const hashes = JSON.parse(user.recovery_codes) as string[];
  if (!hashes.includes(hash)) return true;
  return replaceRecoveryCodes(deps.db, user.id, user.recovery_codes, JSON.stringify(hashes.filter((h) => h !== hash)));
}
