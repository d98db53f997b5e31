import type { Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { normaliseCode } from '../../domain/ticket-code.ts';
import { blockedForAny, recordFailure, type ThrottleRule } from '../../repositories/throttle.ts';
import type { Deps } from './deps.ts';

// Guessing codes is the attack (docs/product.md: "repeated failures are rate-limited"). Unknown or
// malformed codes count as failures per user or token, and per IP: past 10 in a minute the key
// pauses (doubling, up to 5 minutes). Keys are per actor and per IP, so a burst at one structure
// never slows another. Refusals of a genuine code (already used, expired…) are not counted: whoever
// sends them already holds the code, and two scanners on one ticket must not lock a desk out.
export const PER_ACTOR: ThrottleRule = { windowMs: 60_000, limit: 10, blockMs: 5 * 60_000 };
export const PER_IP: ThrottleRule = { windowMs: 60_000, limit: 30, blockMs: 5 * 60_000 };
export const PUBLIC_PER_IP: ThrottleRule = { windowMs: 60_000, limit: 10, blockMs: 5 * 60_000 };

/** Where an attempt comes from, and where its refusals are logged (never with the code). */
export interface AttemptContext {
  ip: string;
  log?: (event: Record<string, unknown>, message: string) => void;
}

type Keyed = { key: string; rule: ThrottleRule };

export function throttleKeys(actor: Actor | null, ip: string): Keyed[] {
  if (!actor) return [{ key: `tickets:public-ip:${ip}`, rule: PUBLIC_PER_IP }];
  return [
    { key: `tickets:${actor.kind}:${actor.id}`, rule: PER_ACTOR },
    { key: `tickets:ip:${ip}`, rule: PER_IP },
  ];
}

export async function assertNotThrottled(deps: Deps, keys: Keyed[]): Promise<void> {
  const wait = await blockedForAny(deps.db, keys.map((k) => k.key), deps.now());
  if (wait > 0) {
    throw new DomainError(
      'rate_limited',
      `Trop de codes erronés en peu de temps. Par sécurité, réessayez dans ${wait} secondes.`,
      { retryAfterSeconds: wait },
    );
  }
}

export async function recordBadCode(deps: Deps, keys: Keyed[]): Promise<void> {
  const now = deps.now();
  for (const { key, rule } of keys) await recordFailure(deps.db, key, now, rule);
}

/** A short keyed hash of what was typed: lets support correlate attempts without keeping the code. */
export function codeFingerprint(deps: Deps, input: string): string {
  return deps.secrets.hashCode(normaliseCode(input)).slice(0, 16);
}

export function logRefusal(
  deps: Deps,
  ctx: AttemptContext,
  p: { action: 'check' | 'redeem' | 'public_check'; reason: string; inputs: string[]; actor: Actor | null },
): void {
  ctx.log?.(
    {
      event: 'ticket_attempt_refused',
      action: p.action,
      reason: p.reason,
      codeHashes: p.inputs.map((i) => codeFingerprint(deps, i)),
      actorKind: p.actor?.kind ?? 'public',
      actorId: p.actor?.id ?? null,
      structureId: p.actor?.structureId ?? null,
      ip: ctx.ip,
    },
    'ticket attempt refused',
  );
}
