import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import type { Actor } from '../../domain/actor.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { acceptTotpStep, clearTotpPending, enableTotp } from '../../repositories/access.ts';
import { inTransaction } from '../../repositories/tx.ts';
import { getUser, updateUser } from '../../repositories/users.ts';
import { sessionIdHash } from './authenticate.ts';
import { totpFor, totpStep } from './open-session.ts';
import { audit } from '../support/audit.ts';
import type { Deps } from '../support/deps.ts';

const RECOVERY_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford: no I, L, O, U
export const RECOVERY_CODE_COUNT = 10;

async function signedInUser(deps: Deps, actor: Actor) {
  if (actor.kind !== 'user') throw new DomainError('forbidden', 'Réservé aux personnes connectées.');
  const user = await getUser(deps.db, actor.id);
  if (!user) throw new DomainError('unauthenticated', 'Veuillez vous connecter.');
  return user;
}

/** Step 1: a new secret, shown as a QR code for the authenticator app (not active until confirmed). */
export async function startTotpEnrolment(deps: Deps, actor: Actor) {
  const user = await signedInUser(deps, actor);
  if (user.totp_enabled) throw new DomainError('conflict', 'La double authentification est déjà activée sur ce compte.');
  const secret = new OTPAuth.Secret({ buffer: Uint8Array.from(deps.randomBytes(20)).buffer }).base32;
  await inTransaction(deps.db, async (trx) => {
    await updateUser(trx, user.id, { totp_secret: secret });
    await audit(trx, actor, deps.now(), 'user.totp_enrolment_started', { type: 'user', id: user.id }, {});
  });
  const otpauthUrl = totpFor(secret, user.email).toString();
  const qrCodeDataUrl = await QRCode.toDataURL(otpauthUrl, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
  return { secret, otpauthUrl, qrCodeDataUrl };
}

function recoveryCode(deps: Deps): string {
  return Array.from(deps.randomBytes(10), (b) => RECOVERY_ALPHABET[b % 32]).join('');
}

/**
 * Step 2: the first code from the app proves the enrolment. Returns 10 recovery codes, shown once
 * and stored hashed (open-session.ts accepts them instead of a TOTP code, once each).
 */
export async function confirmTotpEnrolment(deps: Deps, actor: Actor, code: string) {
  const user = await signedInUser(deps, actor);
  if (user.totp_enabled) throw new DomainError('conflict', 'La double authentification est déjà activée sur ce compte.');
  if (!user.totp_secret) throw new DomainError('conflict', 'Commencez par afficher le QR code à scanner.');
  const clean = code.replace(/\s/g, '');
  const delta = /^\d{6}$/.test(clean) ? totpFor(user.totp_secret, user.email).validate({ token: clean, window: 1, timestamp: deps.now().getTime() }) : null;
  if (delta === null) {
    throw invalid('code', 'Ce code ne correspond pas. Saisissez les 6 chiffres affichés en ce moment par votre application.');
  }
  const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, () => recoveryCode(deps));
  await inTransaction(deps.db, async (trx) => {
    const enabled = await enableTotp(trx, user.id, user.totp_secret!, recoveryCodes.map((c) => sessionIdHash(c)));
    if (!enabled) throw new DomainError('conflict', 'La double authentification a changé entre-temps. Recommencez.');
    // The code that proved the enrolment cannot be replayed to sign in.
    await acceptTotpStep(trx, user.id, totpStep(deps.now()) + delta);
    await clearTotpPending(trx, user.id);
    await audit(trx, actor, deps.now(), 'user.totp_enabled', { type: 'user', id: user.id }, {});
  });
  return { recoveryCodes };
}
