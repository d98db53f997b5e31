import type { FastifyPluginAsync } from 'fastify';
import type { Deps } from '../../usecases/support/deps.ts';
import health from './health.ts';
import session from './session.ts';
import communes from './communes.ts';
import campaigns from './campaigns.ts';
import structures from './structures.ts';
import tickets from './tickets.ts';
import redemptions from './redemptions.ts';
import beneficiaries from './beneficiaries.ts';
import diagnosticModels from './diagnostic-models.ts';
import booklets from './booklets.ts';
import trainingSessions from './training-sessions.ts';

/** Every route module, registered in order. One line per resource. */
export const routes: FastifyPluginAsync<Deps>[] = [health, session, communes, campaigns, structures, tickets, redemptions, beneficiaries, diagnosticModels, booklets, trainingSessions];
