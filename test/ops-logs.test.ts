// Logs (issue 23, point 6): each module at its own level (PASSNUM_LOG_LEVELS), and the request id
// on every line written while a request is handled — by the route, a use case or a repository.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { buildApp } from '../src/http/app.ts';
import { runJobs } from '../src/jobs/registry.ts';
import { parseLogLevels } from '../src/logging.ts';
import { login } from './helpers/app.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';
import { redemptionScene, SERVICE } from './helpers/given-redemption.ts';

interface Line { level: number; module?: string; reqId?: string; msg: string; messageId?: string; job?: string }

const opened: { app: FastifyInstance; tdb: TestDb }[] = [];
afterEach(async () => {
  for (const { app, tdb } of opened.splice(0)) {
    await app.close();
    await tdb.close();
  }
});

async function appWithLog(levels: { level: string; levels?: string }) {
  const tdb = await createTestDb();
  const scene = await redemptionScene(tdb.deps);
  tdb.deps.config.logLevel = levels.level;
  tdb.deps.config.logLevels = parseLogLevels(levels.levels);
  const raw: string[] = [];
  const app = await buildApp(tdb.deps, { serveWeb: false, logger: true, logStream: { write: (line: string) => void raw.push(line) } });
  opened.push({ app, tdb });
  const lines = () => raw.map((l) => JSON.parse(l) as Line);
  return { tdb, scene, app, lines, raw };
}

describe(`log levels per module (${dialectName})`, () => {
  it('reads PASSNUM_LOG_LEVELS, and refuses a wrong module or level with a clear message', () => {
    expect(loadConfig({ NODE_ENV: 'production', PASSNUM_LOG_LEVELS: ' jobs=debug , http=WARN' }).logLevels).toEqual({ jobs: 'debug', http: 'warn' });
    expect(loadConfig({ NODE_ENV: 'production' }).logLevel).toBe('info');
    expect(() => loadConfig({ PASSNUM_LOG_LEVELS: 'travaux=debug' })).toThrow(/PASSNUM_LOG_LEVELS : « travaux=debug » n’est pas de la forme module=niveau \(modules : http, jobs/);
    expect(() => loadConfig({ PASSNUM_LOG_LEVELS: 'jobs=bavard' })).toThrow(/niveaux : fatal, error, warn, info, debug, trace, silent/);
    expect(() => loadConfig({ LOG_LEVEL: 'verbeux' })).toThrow(/LOG_LEVEL : « verbeux » n’est pas un niveau de journal/);
  });

  it('http=warn hides the request lines but keeps its warnings; jobs stay at info, outbox=debug shows its debug lines', async () => {
    const { tdb, scene, app, lines } = await appWithLog({ level: 'info', levels: 'http=warn,outbox=debug' });
    const g = given(tdb.deps);
    await g.user({ territoryId: scene.territoryId, role: 'admin', email: 'admin-niveaux@test.passnum.fr' });
    const admin = await login(app, 'admin-niveaux@test.passnum.fr');
    const mediator = await login(app, scene.mediator.email);
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    expect((await admin.post(`/api/users/${scene.mediator.id}/password-link`)).statusCode).toBe(201);
    expect((await mediator.get('/api/tickets/AAAA-BBBB-CCCC')).statusCode).toBeGreaterThanOrEqual(400); // a refused attempt: a warning
    await runJobs(tdb.deps, ['expiry']);

    const all = lines();
    const http = all.filter((l) => l.module === 'http');
    expect(http.filter((l) => l.level < 40)).toEqual([]); // no "incoming request", no "request completed"
    expect(http.some((l) => l.level === 40 && l.msg === 'ticket attempt refused')).toBe(true);
    expect(all.some((l) => l.module === 'jobs' && l.level === 30 && l.msg === 'job done' && l.job === 'expiry')).toBe(true);
    expect(all.some((l) => l.module === 'jobs' && l.level === 20)).toBe(false); // "job started" is debug
    expect(all.some((l) => l.module === 'outbox' && l.level === 20 && l.msg === 'message written to the outbox')).toBe(true);
  });

  it('with every module at warn, an ordinary scenario writes nothing', async () => {
    const { scene, app, raw } = await appWithLog({ level: 'warn' });
    const mediator = await login(app, scene.mediator.email);
    expect((await mediator.get('/api/me')).statusCode).toBe(200);
    expect(raw).toEqual([]);
  });
});

describe(`request id on every log line (${dialectName})`, () => {
  it('every line written during a scenario of concurrent requests carries the id of its own request, down to the repositories', async () => {
    const { tdb, scene, app, lines, raw } = await appWithLog({ level: 'debug' });
    const g = given(tdb.deps);
    await g.user({ territoryId: scene.territoryId, role: 'admin', email: 'admin-reqid@test.passnum.fr' });
    const people = await Promise.all(
      Array.from({ length: 6 }, (_, i) => g.user({ territoryId: scene.territoryId, role: 'mediator', structureId: scene.structure.id, email: `mediateur-${i}@test.passnum.fr` })),
    );
    const booklet = await g.issuedBooklet({ campaign: scene.campaign, organisationId: scene.organisationId });
    const responses: LightMyRequestResponse[] = [];
    const track = async (r: Promise<LightMyRequestResponse>) => {
      const res = await r;
      responses.push(res);
      return res;
    };
    const admin = await login(app, 'admin-reqid@test.passnum.fr');
    const mediator = await login(app, scene.mediator.email);
    // Password links for six people at once (with and without a body): each writes to the outbox
    // from a repository, inside a transaction, while the other requests run.
    const links = await Promise.all(
      people.map((p, i) => track(admin.post(`/api/users/${p.id}/password-link`, i % 2 ? {} : undefined)).then((res) => ({ res, person: p }))),
    );
    await Promise.all([
      track(mediator.get(`/api/tickets/${booklet.tickets[0].code}`)),
      track(mediator.get('/api/tickets/AAAA-BBBB-CCCC')),
      track(mediator.post('/api/redemptions', { clientRedemptionId: randomUUID(), codes: [booklet.tickets[1].code], service: { ...SERVICE, siteId: scene.structure.siteId } })),
      track(mediator.post('/api/redemptions', { clientRedemptionId: 'pas-un-uuid', codes: [] })),
      track(app.inject({ method: 'GET', url: '/api/nulle-part' })),
      track(app.inject({ method: 'GET', url: '/api/health' })),
    ]);
    // Over a real connection, a body arriving in two parts: read on the socket's later events.
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address() as { port: number };
    const late = people[0];
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(new TextEncoder().encode('{"motif":'));
        await new Promise((r) => setTimeout(r, 100));
        controller.enqueue(new TextEncoder().encode('"oubli"}'));
        controller.close();
      },
    });
    const overHttp = await fetch(`http://127.0.0.1:${address.port}/api/users/${late.id}/password-link`, {
      method: 'POST', body, duplex: 'half', headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrf },
    } as RequestInit);
    expect(overHttp.status).toBe(201);
    for (const { res } of links) expect(res.statusCode).toBe(201);
    expect(responses.map((r) => r.statusCode)).toEqual(expect.arrayContaining([200, 201, 400, 404]));

    // Only requests ran (the logins too) besides the listening: every line names one, whose start
    // and end are logged.
    const all = lines().filter((l) => !l.msg.startsWith('Server listening at'));
    expect(all.filter((l) => !l.reqId)).toEqual([]);
    const started = new Set(all.filter((l) => l.msg === 'incoming request').map((l) => l.reqId));
    const completed = new Set(all.filter((l) => l.msg === 'request completed').map((l) => l.reqId));
    for (const r of responses) expect(started.has(r.headers['x-request-id'] as string)).toBe(true);
    expect(started.has(overHttp.headers.get('x-request-id')!)).toBe(true);
    expect(all.filter((l) => !started.has(l.reqId) || !completed.has(l.reqId))).toEqual([]);
    expect(all.length).toBeGreaterThan(30);
    // No line carries its id twice (the request's own logger and the context would both add it).
    expect(raw.filter((l) => !l.includes('Server listening at') && l.split('"reqId"').length !== 2)).toEqual([]);

    // The outbox lines, written by the repository, carry the id of the request that wrote them.
    const queued = all.filter((l) => l.module === 'outbox' && l.msg === 'message written to the outbox');
    expect(queued).toHaveLength(people.length + 1);
    for (const line of queued) {
      const message = await tdb.deps.db.selectFrom('outbox').select('recipient').where('id', '=', line.messageId!).executeTakeFirstOrThrow();
      const link = links.find((l) => l.person.email === message.recipient)!;
      const ids = [link.res.headers['x-request-id'], ...(link.person === late ? [overHttp.headers.get('x-request-id')] : [])];
      expect(ids).toContain(line.reqId);
    }
    const lateLine = queued.find((l) => l.reqId === overHttp.headers.get('x-request-id'));
    expect(lateLine).toBeDefined();
  });
});
