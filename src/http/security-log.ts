import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SecurityLogTable } from '../db/schema.ts';
import { insertSecurityEvents } from '../repositories/security-log.ts';
import { findUserByEmail } from '../repositories/users.ts';
import type { Deps } from '../usecases/support/deps.ts';

// The security log (issue 19, finding 11): who did what, when, from where — for what the audit
// chain does not hold because it changes nothing: sign-ins (failed ones above all), sign-outs,
// reads of a person's record and downloads of files carrying personal or banking data.
//
// Lines hold ids, roles, statuses and addresses only: never an e-mail, a name or a search. A failed
// sign-in keeps the account's id when the e-mail typed is an account's, nothing otherwise.
//
// Written after the answer has gone (onResponse) and in batches, so no request waits for it; the
// batch is flushed within a quarter of a second and when the server stops.

interface LoggedRoute {
  action: string;
  /** What `:id` names, when the route has one. */
  target?: string;
}

/** The routes recorded, by method and route pattern (a test checks each still exists). */
export const SECURITY_LOGGED_ROUTES: Record<string, LoggedRoute> = {
  'POST /api/session': { action: 'login' },
  'DELETE /api/session': { action: 'logout' },
  'GET /auth/proconnect/retour': { action: 'login.proconnect' },
  'POST /api/proconnect/deconnexion': { action: 'logout' },
  'GET /api/beneficiaries': { action: 'person.search' },
  'GET /api/beneficiaries/:id': { action: 'person.read', target: 'beneficiary' },
  'GET /api/beneficiaries/:id/followup': { action: 'person.followup.read', target: 'beneficiary' },
  'GET /api/opt-outs': { action: 'person.opt_outs.read' },
  'GET /api/beneficiaries/:id/personal-data': { action: 'person.personal_data.read', target: 'beneficiary' },
  'GET /api/beneficiaries/:id/personal-data.pdf': { action: 'person.personal_data.downloaded', target: 'beneficiary' },
  'GET /api/payment-orders/:id/sepa.xml': { action: 'sepa.downloaded', target: 'payment_order' },
  'GET /api/payment-orders/:id/mandats.csv': { action: 'mandats.downloaded', target: 'payment_order' },
  'GET /api/payment-orders/:id/statements/:statementId.pdf': { action: 'statement.downloaded', target: 'payment_order' },
  'GET /api/payment-orders/:id/accounting.csv': { action: 'accounting.downloaded', target: 'payment_order' },
  'GET /api/exports/:dataset': { action: 'export.downloaded', target: 'dataset' },
  'GET /api/campaigns/:id/final-report.pdf': { action: 'final_report.downloaded', target: 'campaign' },
  'GET /api/campaigns/:id/final-report.csv': { action: 'final_report.downloaded', target: 'campaign' },
  'POST /api/outbox/letters': { action: 'letters.downloaded' },
  'GET /api/dashboards/report.pdf': { action: 'dashboard_report.downloaded', target: 'campaign' },
};

/** The error code of a refused request (DomainError codes), for the reason of a failed sign-in. */
const errorCodes = new WeakMap<FastifyRequest, string>();

/** How ProConnect's return ended (its answer is a redirect either way); absent: another step follows. */
interface ProConnectSignIn { user: { id: string; role: string; territoryId: string } | null; reason?: string }
const proconnectOutcomes = new WeakMap<FastifyRequest, ProConnectSignIn>();
export function noteProConnectSignIn(request: FastifyRequest, outcome: ProConnectSignIn): void {
  proconnectOutcomes.set(request, outcome);
}

export class SecurityLogWriter {
  private queue: SecurityLogTable[] = [];
  private pending = new Set<Promise<unknown>>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly deps: Deps,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Queues the line a promise gives (built after the answer); null writes nothing. */
  add(line: Promise<SecurityLogTable | null>): void {
    const p = line
      .then((row) => {
        if (!row) return;
        this.queue.push(row);
        if (this.queue.length >= 100) void this.write();
        else this.timer ??= setTimeout(() => void this.write(), 250);
      })
      .catch(this.onError)
      .finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  private write(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const rows = this.queue.splice(0);
    if (!rows.length) return Promise.resolve();
    const p = insertSecurityEvents(this.deps.db, rows)
      .catch(this.onError)
      .finally(() => this.pending.delete(p));
    this.pending.add(p);
    return p;
  }

  /** Waits until every line recorded so far is in the database (server stop, tests). */
  async flush(): Promise<void> {
    while (this.pending.size || this.queue.length) {
      await Promise.all([...this.pending]);
      await this.write();
    }
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    securityLog: SecurityLogWriter;
  }
}

const FORMATS = new Set(['csv', 'xlsx', 'pdf']);

export function registerSecurityLog(app: FastifyInstance, deps: Deps): void {
  const writer = new SecurityLogWriter(deps, (error) => app.log.error({ err: error }, 'security log: line not written'));
  app.decorate('securityLog', writer);
  app.addHook('onClose', async () => writer.flush());
  app.addHook('onError', async (request, _reply, error) => {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string') errorCodes.set(request, code);
  });
  app.addHook('onResponse', (request, reply, done) => {
    const url = request.routeOptions.url;
    const route = url ? SECURITY_LOGGED_ROUTES[`${request.method} ${url}`] : undefined;
    if (route) writer.add(lineOf(deps, request, reply.statusCode, route));
    done();
  });
}

async function lineOf(deps: Deps, request: FastifyRequest, status: number, route: LoggedRoute): Promise<SecurityLogTable | null> {
  const at = deps.now().toISOString();
  const base = { id: deps.newId(), at, status, ip: request.ip ?? null, target_type: null, target_id: null, detail: null };
  if (route.action === 'login') {
    // Refusals before any check (throttled, malformed) are not attempts on an account: leaving
    // them out also keeps a flood of refused requests from filling the table.
    const reason = errorCodes.get(request);
    if (status >= 400 && reason !== 'invalid_credentials') return null;
    const email = (request.body as { email?: unknown } | undefined)?.email;
    const user = typeof email === 'string' ? await findUserByEmail(deps.db, email) : undefined;
    return {
      ...base, action: status < 400 ? 'login.succeeded' : 'login.failed', territory_id: user?.territory_id ?? null,
      actor_kind: user ? 'user' : 'anonymous', actor_id: user?.id ?? null, actor_role: user?.role ?? null,
      detail: status < 400 ? null : JSON.stringify({ reason: user ? 'refused' : 'unknown_account' }),
    };
  }
  if (route.action === 'login.proconnect') {
    const outcome = proconnectOutcomes.get(request);
    if (!outcome) return null;
    const a = outcome.user;
    return {
      ...base, action: a ? 'login.succeeded' : 'login.failed', territory_id: a?.territoryId ?? null, actor_kind: a ? 'user' : 'anonymous',
      actor_id: a?.id ?? null, actor_role: a?.role ?? null, detail: JSON.stringify({ via: 'proconnect', ...(outcome.reason ? { reason: outcome.reason } : {}) }),
    };
  }
  // Only what an identified actor did: anonymous refusals (401) would let anyone fill the table.
  const actor = request.tokenActor ?? request.session?.actor;
  if (!actor) return null;
  const params = (request.params ?? {}) as Record<string, unknown>;
  const detail: Record<string, string> = {};
  if (typeof params.statementId === 'string') detail.statementId = params.statementId;
  const format = (request.query as { format?: unknown } | undefined)?.format;
  if (typeof format === 'string' && FORMATS.has(format)) detail.format = format;
  // The dashboards' report names its campaign in the query (absent: all campaigns).
  const targetId = route.target ? (params.id ?? params.dataset ?? (request.query as { campaignId?: unknown } | undefined)?.campaignId) : undefined;
  return {
    ...base, action: route.action, territory_id: actor.territoryId, actor_kind: actor.kind, actor_id: actor.id, actor_role: actor.role,
    target_type: route.target ?? null, target_id: typeof targetId === 'string' ? targetId.slice(0, 100) : null,
    detail: Object.keys(detail).length ? JSON.stringify(detail) : null,
  };
}
