import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleChangeRefusal, roleChangeTargets } from '../src/domain/duties.ts';
import { createTestApp, login, type Client } from './helpers/app.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';

// Issue 21, point 4: an account changes role within the separation of duties (domain/duties.ts).
describe(`changing an account's role (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let territoryId: string;
  let organisationId: string;
  let structureId: string;
  let admin: Client;
  let adminId: string;

  beforeAll(async () => {
    tdb = await createTestDb({ now: '2026-05-04T09:00:00.000Z' });
    app = await createTestApp(tdb);
    const g = given(tdb.deps);
    territoryId = await g.territory();
    organisationId = await g.organisation({ territoryId });
    structureId = (await g.structure({ territoryId })).id;
    const a = await g.user({ territoryId, role: 'admin' });
    adminId = a.id;
    admin = await login(app, a.email);
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.close();
  });

  const roleOf = async (id: string) => (await tdb.deps.db.selectFrom('users').select(['role', 'organisation_id', 'structure_id']).where('id', '=', id).executeTakeFirstOrThrow());

  it('the rule (pure): outrank both roles, keep the attachment, never finance or admin', () => {
    const mediator = { role: 'mediator' as const, organisationId: null, structureId: 's1' };
    expect(roleChangeTargets('admin', mediator)).toEqual(['structure_manager', 'auditor']);
    expect(roleChangeTargets('admin', { role: 'agent', organisationId: 'o1', structureId: null })).toEqual(['auditor']);
    expect(roleChangeTargets('admin', { role: 'auditor', organisationId: null, structureId: null })).toEqual([]);
    expect(roleChangeTargets('structure_manager', mediator)).toEqual([]);
    expect(roleChangeTargets('admin', { role: 'finance', organisationId: null, structureId: null })).toEqual([]);
    expect(roleChangeRefusal('admin', mediator, 'finance')?.code).toBe('forbidden');
    expect(roleChangeRefusal('admin', mediator, 'admin')?.code).toBe('forbidden');
    expect(roleChangeRefusal('admin', mediator, 'agent')).toMatchObject({ code: 'validation_failed', message: expect.stringMatching(/organisation/) });
    expect(roleChangeRefusal('structure_manager', mediator, 'structure_manager')?.code).toBe('forbidden');
  });

  it('turns a mediator into a structure manager: same structure, sessions ended, audited, offered on the list', async () => {
    const g = given(tdb.deps);
    const m = await g.user({ territoryId, role: 'mediator', structureId });
    const person = await login(app, m.email);
    expect((await person.get('/api/me')).statusCode).toBe(200);
    const listed = ((await admin.get('/api/users')).json() as { id: string; roleChoices: { role: string; label: string }[] }[]).find((u) => u.id === m.id)!;
    expect(listed.roleChoices.map((c) => c.role)).toEqual(['structure_manager', 'auditor']);
    expect(listed.roleChoices[0].label).toBe('Responsable de structure');

    const res = await admin.post(`/api/users/${m.id}/role`, { role: 'structure_manager' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: m.id, role: 'structure_manager', roleLabel: 'Responsable de structure', structureId });
    expect(await roleOf(m.id)).toEqual({ role: 'structure_manager', organisation_id: null, structure_id: structureId });
    expect((await person.get('/api/me')).statusCode).toBe(401);
    const audited = await tdb.deps.db.selectFrom('audit_log').select(['actor_id', 'details']).where('action', '=', 'user.role_changed').where('target_id', '=', m.id).execute();
    expect(audited).toHaveLength(1);
    expect(audited[0].actor_id).toBe(adminId);
    expect(JSON.parse(audited[0].details!)).toMatchObject({ from: 'mediator', to: 'structure_manager' });
    // Signed in again, the person has the manager's rights.
    expect((await (await login(app, m.email)).get(`/api/structures/${structureId}/bank-details`)).statusCode).not.toBe(403);
  });

  it('an agent becomes an auditor and loses the organisation; back to agent is refused with what to do', async () => {
    const g = given(tdb.deps);
    const a = await g.user({ territoryId, role: 'agent', organisationId });
    expect((await admin.post(`/api/users/${a.id}/role`, { role: 'auditor' })).statusCode).toBe(200);
    expect(await roleOf(a.id)).toEqual({ role: 'auditor', organisation_id: null, structure_id: null });
    const back = await admin.post(`/api/users/${a.id}/role`, { role: 'agent' });
    expect(back.statusCode).toBe(422);
    expect(back.json().message).toMatch(/Créez un nouveau compte d’agent/);
    const toMediator = await admin.post(`/api/users/${a.id}/role`, { role: 'mediator' });
    expect(toMediator.statusCode).toBe(422);
    expect(toMediator.json().message).toMatch(/demande une structure/);
    expect((await roleOf(a.id)).role).toBe('auditor');
  });

  it('refuses finance and admin, one’s own role, accounts not outranked, a structure manager, another territory; nothing changes', async () => {
    const g = given(tdb.deps);
    const m = await g.user({ territoryId, role: 'mediator', structureId });
    const fin = await g.user({ territoryId, role: 'finance' });
    const otherAdmin = await g.user({ territoryId, role: 'admin' });
    for (const role of ['finance', 'admin']) {
      const r = await admin.post(`/api/users/${m.id}/role`, { role });
      expect(r.statusCode).toBe(403);
      expect(r.json().message).toMatch(/Vous ne pouvez pas donner le rôle/);
    }
    expect((await admin.post(`/api/users/${fin.id}/role`, { role: 'auditor' })).statusCode).toBe(403);
    expect((await admin.post(`/api/users/${otherAdmin.id}/role`, { role: 'auditor' })).statusCode).toBe(403);
    const self = await admin.post(`/api/users/${adminId}/role`, { role: 'auditor' });
    expect(self.statusCode).toBe(403);
    expect(self.json().message).toMatch(/votre propre rôle/);
    expect((await admin.post(`/api/users/${m.id}/role`, { role: 'mediator' })).statusCode).toBe(422);
    expect((await admin.post(`/api/users/${m.id}/role`, { role: 'chef' })).statusCode).toBe(400);

    const mgr = await g.user({ territoryId, role: 'structure_manager', structureId });
    const manager = await login(app, mgr.email);
    expect((await manager.post(`/api/users/${m.id}/role`, { role: 'structure_manager' })).statusCode).toBe(403);
    expect(((await manager.get('/api/users')).json() as { id: string; roleChoices: unknown[] }[]).find((u) => u.id === m.id)!.roleChoices).toEqual([]);

    const elsewhere = await g.territory('62');
    const otherAdminElsewhere = await login(app, (await g.user({ territoryId: elsewhere, role: 'admin' })).email);
    expect((await otherAdminElsewhere.post(`/api/users/${m.id}/role`, { role: 'auditor' })).statusCode).toBe(404);

    expect((await roleOf(m.id)).role).toBe('mediator');
    expect((await roleOf(fin.id)).role).toBe('finance');
    expect((await roleOf(otherAdmin.id)).role).toBe('admin');
    expect((await roleOf(adminId)).role).toBe('admin');
  });
});
