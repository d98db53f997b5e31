import type { FastifyRequest } from 'fastify';
import type { AttemptContext } from '../usecases/support/ticket-throttle.ts';

/** Where a ticket attempt comes from (for throttling), and the request's logger for refusals. */
export function attemptOf(request: FastifyRequest): AttemptContext {
  return { ip: request.ip, log: (event, message) => request.log.warn(event, message) };
}
