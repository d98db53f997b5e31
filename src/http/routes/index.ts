import type { FastifyPluginAsync } from 'fastify';
import type { Deps } from '../../usecases/support/deps.ts';
import health from './health.ts';
import session from './session.ts';
import communes from './communes.ts';
import campaigns from './campaigns.ts';
import structures from './structures.ts';
import users from './users.ts';
import access from './access.ts';
import tickets from './tickets.ts';
import redemptions from './redemptions.ts';
import dashboards from './dashboards.ts';
import exportsRoutes from './exports.ts';
import reminders from './reminders.ts';
import openData from './open-data.ts';
import personalData from './personal-data.ts';
import claims from './claims.ts';
import paymentOrders from './payment-orders.ts';
import ledger from './ledger.ts';
import beneficiaries from './beneficiaries.ts';
import diagnosticModels from './diagnostic-models.ts';
import booklets from './booklets.ts';
import trainingSessions from './training-sessions.ts';
import proconnect from './proconnect.ts';
import workshops from './workshops.ts';
import followups from './followups.ts';

/** Every route module, registered in order. One line per resource. */
export const routes: FastifyPluginAsync<Deps>[] = [health, session, communes, campaigns, structures, users, access, tickets, redemptions, dashboards, exportsRoutes, reminders, openData, personalData, beneficiaries, diagnosticModels, booklets, trainingSessions, workshops, followups, claims, paymentOrders, ledger, proconnect];
