import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client } from './helpers/app.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';

// Issue 21, point 5: the audit log's API behind the admin's screen — scoped to the territory, for
// the admin and the auditor, filtered and paged, French labels, verification on demand (audited).

describe(`audit log API (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let admin: Client;
  let auditor: Client;
  let finance: Client;
  beforeAll(async () => {
    tdb = await createTestDb();
    const g = given(tdb.deps);
    const territoryId = await g.territory();
    await g.user({ territoryId, role: 'admin', email: 'admin@a.passnum.fr' });
    await g.user({ territoryId, role: 'auditor', email: 'audit@a.passnum.fr' });
    await g.user({ territoryId, role: 'finance', email: 'finance@a.passnum.fr' });
    app = await createTestApp(tdb);
    admin = await login(app, 'admin@a.passnum.fr');
    auditor = await login(app, 'audit@a.passnum.fr');
    finance = await login(app, 'finance@a.passnum.fr');
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  it('lists the territory’s entries newest first, in French, filtered and paged', async () => {
    const all = await admin.get('/api/audit?limit=2');
    expect(all.statusCode).toBe(200);
    const body = all.json();
    expect(body.entries).toHaveLength(2);
    expect(body.entries[0].seq).toBeGreaterThan(body.entries[1].seq);
    expect(body.entries[0]).toMatchObject({ actor: 'système', action: 'session.opened', actionLabel: 'Connexion', target: { type: 'user', typeLabel: 'Compte' } });
    expect(body.total).toBeGreaterThanOrEqual(3);
    expect(body.actions).toContainEqual({ value: 'ticket.redeemed', label: 'Ticket utilisé' });
    const page2 = (await admin.get(`/api/audit?limit=2&offset=2`)).json();
    expect(page2.entries[0].seq).toBeLessThan(body.entries[1].seq);

    const signIns = (await auditor.get('/api/audit?action=session.opened&actor=SYST')).json();
    expect(signIns.entries.length).toBeGreaterThanOrEqual(3);
    const ids = new Set((await tdb.deps.db.selectFrom('users').select('id').where('email', 'like', '%@a.passnum.fr').execute()).map((u) => u.id));
    for (const e of signIns.entries) expect(ids.has(e.target.id)).toBe(true);
    expect((await admin.get('/api/audit?from=2001-01-01&to=2001-12-31')).json()).toMatchObject({ total: 0, entries: [] });
  });

  it('refuses others and bad filters with a French 4xx', async () => {
    expect((await finance.get('/api/audit')).statusCode).toBe(403);
    expect((await finance.post('/api/audit/verification')).statusCode).toBe(403);
    const backwards = await admin.get('/api/audit?from=2026-03-10&to=2026-03-01');
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json().message).toBe('La date de début doit précéder la date de fin.');
    expect((await admin.get('/api/audit?from=2026-02-30x')).statusCode).toBe(400);
  });

  it('verifies the chain on demand, says how long it took, and audits who asked', async () => {
    const r = await auditor.post('/api/audit/verification');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ ok: true, problem: null, failedCheckpoints: [] });
    expect(r.json().durationMs).toBeGreaterThanOrEqual(0);
    const last = (await admin.get('/api/audit?limit=1')).json().entries[0];
    expect(last).toMatchObject({ actor: 'audit@a.passnum.fr', actionLabel: 'Journal d’audit vérifié' });

    await tdb.deps.db.updateTable('audit_log').set({ actor_label: 'quelqu’un' }).where('seq', '=', 2).execute();
    expect((await admin.post('/api/audit/verification')).json()).toMatchObject({ ok: false, problem: 'l’entrée n° 2 a été modifiée' });
  });
});
