import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parisDate } from '../src/domain/paris-time.ts';
import { normaliseCode } from '../src/domain/ticket-code.ts';
import { verifyAuditChain } from '../src/repositories/audit.ts';
import { createTestApp, login } from './helpers/app.ts';
import { createDemoDb, dialectName, type TestDb } from './helpers/db.ts';

// The demo as a new user meets it (issue #4, "How it will be judged").

describe(`demo redemptions (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let tickets: { expired: string[]; current: string[] };

  beforeAll(async () => {
    tdb = await createDemoDb();
    app = await createTestApp(tdb);
    const text = readFileSync(path.join(tdb.config.dataDir, 'demo-tickets.txt'), 'utf8');
    const [, expiredPart, currentPart] = text.split(/^## /m);
    const codes = (part: string) => [...part.matchAll(/^([0-9A-Z]{4}(?: [0-9A-Z]{1,4}){4})\s/gm)].map((m) => m[1]);
    tickets = { expired: codes(expiredPart), current: codes(currentPart) };
  }, 180_000);
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  it('has redemptions in 2021, 2022, earlier this year and today, none after validity, one undone, audit chain intact', async () => {
    const rows = await tdb.deps.db
      .selectFrom('redemptions')
      .innerJoin('tickets', 'tickets.id', 'redemptions.ticket_id')
      .select(['redemptions.redeemed_at', 'redemptions.undone_at', 'tickets.valid_until'])
      .execute();
    const days = rows.map((r) => parisDate(new Date(r.redeemed_at)));
    const today = parisDate(tdb.clock.now());
    expect(days.filter((d) => d.startsWith('2021')).length).toBeGreaterThan(5);
    expect(days.filter((d) => d.startsWith('2022')).length).toBeGreaterThan(5);
    expect(days.filter((d) => d === today).length).toBeGreaterThanOrEqual(2);
    expect(days.filter((d) => d.startsWith(today.slice(0, 4)) && d < today).length).toBeGreaterThan(0);
    for (const [i, r] of rows.entries()) expect(days[i] <= r.valid_until).toBe(true);
    expect(rows.filter((r) => r.undone_at)).toHaveLength(1);
    const requests = await tdb.deps.db.selectFrom('redemption_requests').select(['themes', 'format']).execute();
    expect(new Set(requests.map((r) => r.format))).toEqual(new Set(['individuel', 'collectif']));
    expect((await verifyAuditChain(tdb.deps.db)).ok).toBe(true);
  });

  it('leaves unused tickets: current ones still issued, past campaigns’ ones expired by the job', async () => {
    const counts = await tdb.deps.db
      .selectFrom('tickets')
      .innerJoin('campaigns', 'campaigns.id', 'tickets.campaign_id')
      .select(['campaigns.year', 'tickets.status'])
      .execute();
    const by = (year: number, status: string) => counts.filter((c) => c.year === year && c.status === status).length;
    const year = Number(parisDate(tdb.clock.now()).slice(0, 4));
    expect(by(year, 'issued')).toBeGreaterThan(by(year, 'redeemed'));
    expect(by(2022, 'issued')).toBe(0);
    expect(by(2022, 'expired')).toBeGreaterThan(0);
    expect(by(2021, 'expired')).toBeGreaterThan(0);
    // Someone went to the end of their booklet, in 2022 and this year (the funnel's "all used").
    const booklets = await tdb.deps.db
      .selectFrom('tickets')
      .innerJoin('campaigns', 'campaigns.id', 'tickets.campaign_id')
      .select(['campaigns.year', 'tickets.booklet_id', 'tickets.status'])
      .execute();
    const completed = (y: number) => {
      const used = new Map<string, boolean>();
      for (const t of booklets.filter((b) => b.year === y)) used.set(t.booklet_id, (used.get(t.booklet_id) ?? true) && ['redeemed', 'claimed', 'paid'].includes(t.status));
      return [...used.values()].filter(Boolean).length;
    };
    expect(completed(2022)).toBeGreaterThan(0);
    expect(completed(year)).toBe(1);
    const runs = await tdb.deps.db.selectFrom('job_runs').select('name').where('name', '=', 'expiry').execute();
    expect(runs.length).toBeGreaterThan(0);
  });

  it('the judged story: check, redeem, already used, expired, typo, not accredited, burst of bad codes', async () => {
    expect(tickets.current.length).toBeGreaterThan(1);
    expect(tickets.expired.length).toBeGreaterThan(0);
    const mediator = await login(app, 'mediateur@demo.passnum.fr', undefined, '10.20.0.1');
    const me = (await mediator.get('/api/me')).json();
    const sites = await tdb.deps.db.selectFrom('sites').select('id').where('structure_id', '=', me.structure.id).execute();
    const body = (code: string) => ({ clientRedemptionId: randomUUID(), codes: [code], service: { format: 'individuel', themes: ['Email'], durationMinutes: 60, siteId: sites[0].id } });
    const code = tickets.current[0];

    const check = await mediator.get(`/api/tickets/${encodeURIComponent(code)}`);
    expect(check.statusCode).toBe(200);
    expect(check.json()).toMatchObject({ status: 'issued', usable: true, holder: { firstName: expect.any(String) } });
    expect((await mediator.post('/api/redemptions', body(code))).statusCode).toBe(201);
    const again = await mediator.post('/api/redemptions', body(code));
    expect([again.statusCode, again.json().code, again.json().details.structureName]).toEqual([409, 'already_redeemed', me.structure.name]);
    const expired = await mediator.post('/api/redemptions', body(tickets.expired[0]));
    expect([expired.statusCode, expired.json().code]).toEqual([409, 'expired']);
    const n = normaliseCode(tickets.current[1]);
    const typo = n.slice(0, 5) + (n[5] === 'A' ? 'B' : 'A') + n.slice(6);
    expect((await mediator.post('/api/redemptions', body(typo))).json().code).toBe('invalid_code');

    const outsider = await login(app, 'mediateur.nonhabilite@demo.passnum.fr', undefined, '10.21.0.1');
    const outsiderMe = (await outsider.get('/api/me')).json();
    const outsiderSite = await tdb.deps.db.selectFrom('sites').select('id').where('structure_id', '=', outsiderMe.structure.id).executeTakeFirstOrThrow();
    const refused = await outsider.post('/api/redemptions', { ...body(tickets.current[1]), service: { ...body('').service, siteId: outsiderSite.id } });
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'structure_not_accredited']);

    let status = 0;
    for (let i = 0; i < 12 && status !== 429; i++) status = (await mediator.get(`/api/tickets/ZZZZ-ZZZZ-ZZZZ-ZZZZ-${i}`)).statusCode;
    expect(status).toBe(429);
  });
});
