import type { FastifyRequest } from 'fastify';
import type { AttemptRule } from '../repositories/throttle.ts';
import { countRequest } from '../usecases/support/request-rate.ts';
import type { Deps } from '../usecases/support/deps.ts';

// The public routes anyone can call without an account, limited per address: a person checks a
// few tickets or searches a few places; a script scraping the places or probing codes is slowed.
// (Wrong ticket codes also have their own, stricter counter: usecases/support/ticket-throttle.ts.)
export const PUBLIC_RATE_LIMITS = {
  ticketCheck: { windowMs: 60_000, limit: 20 },
  places: { windowMs: 60_000, limit: 60 },
} satisfies Record<string, AttemptRule>;

/** A preHandler counting the request of `request.ip` under the named limit. */
export function rateLimited(deps: Deps, name: keyof typeof PUBLIC_RATE_LIMITS) {
  return async (request: FastifyRequest) => countRequest(deps, `rate:${name}:${request.ip}`, PUBLIC_RATE_LIMITS[name]);
}
