import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client } from './helpers/app.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';
import { redemptionScene, SERVICE, type RedemptionScene } from './helpers/given-redemption.ts';

describe(`undo, day list and blocking (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let scene: RedemptionScene;
  let mediator: Client;
  let manager: Client;
  let otherMediator: Client;
  let admin: Client;

  const booklet = () => given(tdb.deps).issuedBooklet({ campaign: scene.campaign, organisationId: scene.organisationId });
  let otherSiteId: string;
  const redeem = async (client: Client, codes: string[], siteId = scene.structure.siteId) => {
    const res = await client.post('/api/redemptions', { clientRedemptionId: randomUUID(), codes, service: { ...SERVICE, siteId } });
    expect(res.statusCode).toBe(201);
    return res.json();
  };
  const status = async (ticketId: string) =>
    (await tdb.deps.db.selectFrom('tickets').select(['status', 'blocked_from']).where('id', '=', ticketId).executeTakeFirstOrThrow());
  const claim = async (redemptionId: string) => {
    const lines = await tdb.deps.db.selectFrom('redemptions').selectAll().where('request_id', '=', redemptionId).execute();
    const claimId = randomUUID();
    await tdb.deps.db.insertInto('claims').values({ id: claimId, structure_id: scene.structure.id, campaign_id: scene.campaign.id, period: '2026-03', status: 'draft', attestation: null, submitted_at: null, submitted_by: null, reviewed_at: null, reviewed_by: null, created_at: tdb.clock.now().toISOString() } as never).execute();
    for (const l of lines) {
      await tdb.deps.db.insertInto('claim_lines').values({ id: randomUUID(), claim_id: claimId, ticket_id: l.ticket_id, redemption_id: l.id, amount_cents: 1000, status: 'pending', reject_reason: null, contest_note: null } as never).execute();
    }
  };

  beforeAll(async () => {
    tdb = await createTestDb();
    scene = await redemptionScene(tdb.deps);
    const g = given(tdb.deps);
    await g.user({ territoryId: scene.territoryId, role: 'structure_manager', structureId: scene.structure.id, email: 'manager@undo.test' });
    const other = await g.structure({ territoryId: scene.territoryId, accreditedFor: [scene.campaign.id] });
    otherSiteId = other.siteId;
    await g.user({ territoryId: scene.territoryId, role: 'mediator', structureId: other.id, email: 'other@undo.test' });
    await g.user({ territoryId: scene.territoryId, role: 'admin', email: 'admin@undo.test' });
    app = await createTestApp(tdb);
    mediator = await login(app, scene.mediator.email);
    manager = await login(app, 'manager@undo.test');
    otherMediator = await login(app, 'other@undo.test');
    admin = await login(app, 'admin@undo.test');
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  describe('undo', () => {
    it('undoes a mistaken redemption with a reason: ticket usable again, record kept with its undo, audited', async () => {
      const b = await booklet();
      const r = await redeem(mediator, [b.tickets[0].code, b.tickets[1].code]);
      const res = await manager.post(`/api/redemptions/${r.redemptionId}/undo`, { reason: 'Mauvais carnet scanné' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ redemptionId: r.redemptionId, undone: true, canUndo: false, totalCents: 0 });
      expect(res.json().tickets.every((t: { undoneAt: string | null; undoReason: string }) => t.undoneAt && t.undoReason === 'Mauvais carnet scanné')).toBe(true);
      expect((await status(b.tickets[0].id)).status).toBe('issued');
      const rows = await tdb.deps.db.selectFrom('redemptions').selectAll().where('request_id', '=', r.redemptionId).execute();
      expect(rows).toHaveLength(2);
      expect(rows.every((x) => x.undone_at && x.undo_reason === 'Mauvais carnet scanné')).toBe(true);
      const audit = await tdb.deps.db.selectFrom('audit_log').select(['action', 'details']).where('target_id', '=', b.tickets[0].id).orderBy('seq').execute();
      expect(audit.map((a) => a.action)).toEqual(['ticket.redeemed', 'ticket.redemption_undone']);
      expect(JSON.parse(audit[1].details)).toMatchObject({ reason: 'Mauvais carnet scanné', redemptionId: r.redemptionId });
      // the ticket can be used again: a second live redemption row, the undone one kept
      await redeem(mediator, [b.tickets[0].code]);
      const all = await tdb.deps.db.selectFrom('redemptions').select(['undone_at']).where('ticket_id', '=', b.tickets[0].id).execute();
      expect(all.map((x) => x.undone_at === null).sort()).toEqual([false, true]);
    });

    it('can undo only some tickets of a redemption', async () => {
      const b = await booklet();
      const r = await redeem(mediator, [b.tickets[0].code, b.tickets[1].code]);
      const res = await mediator.post(`/api/redemptions/${r.redemptionId}/undo`, { reason: 'Un seul ticket utilisé', ticketSerials: [b.tickets[1].serial] });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ undone: false, canUndo: true, totalCents: 1000 });
      expect([(await status(b.tickets[0].id)).status, (await status(b.tickets[1].id)).status]).toEqual(['redeemed', 'issued']);
    });

    it('requires a reason, refuses twice, and hides other structures’ redemptions', async () => {
      const b = await booklet();
      const r = await redeem(mediator, [b.tickets[0].code]);
      const noReason = await mediator.post(`/api/redemptions/${r.redemptionId}/undo`, { reason: '' });
      expect(noReason.statusCode).toBe(400);
      const foreign = await otherMediator.post(`/api/redemptions/${r.redemptionId}/undo`, { reason: 'Essai' });
      expect([foreign.statusCode, foreign.json().code]).toEqual([404, 'not_found']);
      expect((await mediator.post(`/api/redemptions/${r.redemptionId}/undo`, { reason: 'Erreur' })).statusCode).toBe(200);
      const twice = await mediator.post(`/api/redemptions/${r.redemptionId}/undo`, { reason: 'Erreur' });
      expect([twice.statusCode, twice.json().code]).toEqual([409, 'invalid_transition']);
    });

    it('refuses with 409 already_claimed once the redemption is part of a claim', async () => {
      const b = await booklet();
      const r = await redeem(mediator, [b.tickets[0].code]);
      await claim(r.redemptionId);
      const res = await manager.post(`/api/redemptions/${r.redemptionId}/undo`, { reason: 'Trop tard' });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('already_claimed');
      expect((await status(b.tickets[0].id)).status).toBe('redeemed');
      const b2 = await booklet();
      const r2 = await redeem(mediator, [b2.tickets[0].code]);
      await tdb.deps.db.updateTable('tickets').set({ status: 'claimed' }).where('id', '=', b2.tickets[0].id).execute();
      expect((await mediator.post(`/api/redemptions/${r2.redemptionId}/undo`, { reason: 'Trop tard' })).json().code).toBe('already_claimed');
    });
  });

  describe('blocking', () => {
    it('an admin blocks and unblocks a ticket; a redeemed ticket returns to redeemed; everything audited', async () => {
      const b = await booklet();
      await redeem(mediator, [b.tickets[0].code]);
      const block = await admin.post(`/api/tickets/${b.tickets[0].serial}/block`, { reason: 'Suspicion de fraude' });
      expect(block.statusCode).toBe(200);
      expect(block.json()).toEqual({ changed: [{ serial: b.tickets[0].serial, status: 'blocked' }], unchanged: [] });
      expect(await status(b.tickets[0].id)).toEqual({ status: 'blocked', blocked_from: 'redeemed' });
      const again = await admin.post(`/api/tickets/${b.tickets[0].serial}/block`, { reason: 'Encore' });
      expect([again.statusCode, again.json().message]).toEqual([409, 'Ce ticket est déjà bloqué.']);
      const unblock = await admin.post(`/api/tickets/${b.tickets[0].serial}/unblock`, { reason: 'Vérifié' });
      expect(unblock.json()).toEqual({ changed: [{ serial: b.tickets[0].serial, status: 'redeemed' }], unchanged: [] });
      expect(await status(b.tickets[0].id)).toEqual({ status: 'redeemed', blocked_from: null });
      const audit = await tdb.deps.db.selectFrom('audit_log').select('action').where('target_id', '=', b.tickets[0].id).orderBy('seq').execute();
      expect(audit.map((a) => a.action)).toEqual(['ticket.redeemed', 'ticket.blocked', 'ticket.unblocked']);
    });

    it('blocks every blockable ticket of a booklet by serial (and unblocks by id); a blocked ticket is refused', async () => {
      const b = await booklet();
      await tdb.deps.db.updateTable('tickets').set({ status: 'cancelled' }).where('id', '=', b.tickets[4].id).execute();
      const res = await admin.post(`/api/booklets/${b.serial.replace(/-/g, ' ')}/block`, { reason: 'Carnet volé' });
      expect(res.statusCode).toBe(200);
      expect(res.json().changed).toHaveLength(4);
      expect(res.json().unchanged).toEqual([{ serial: b.tickets[4].serial, status: 'cancelled' }]);
      const refused = await mediator.post('/api/redemptions', { clientRedemptionId: randomUUID(), codes: [b.tickets[0].code], service: { ...SERVICE, siteId: scene.structure.siteId } });
      expect([refused.statusCode, refused.json().code]).toEqual([409, 'blocked']);
      const un = await admin.post(`/api/booklets/${b.id}/unblock`, { reason: 'Retrouvé' });
      expect(un.json().changed.map((c: { status: string }) => c.status)).toEqual(['issued', 'issued', 'issued', 'issued']);
      await redeem(mediator, [b.tickets[0].code]);
    });

    it('is reserved to admins of the territory, and answers unknown serials with 404', async () => {
      const b = await booklet();
      expect((await mediator.post(`/api/tickets/${b.tickets[0].serial}/block`, { reason: 'Fraude' })).statusCode).toBe(403);
      expect((await manager.post(`/api/booklets/${b.serial}/block`, { reason: 'Fraude' })).statusCode).toBe(403);
      expect((await admin.post('/api/tickets/2026-62498-999999-1/block', { reason: 'Fraude' })).statusCode).toBe(404);
      expect((await admin.post('/api/booklets/2026-62498-999999/block', { reason: 'Fraude' })).statusCode).toBe(404);
      expect((await admin.post(`/api/tickets/${b.tickets[0].serial}/block`, { reason: '' })).statusCode).toBe(400);
      expect((await status(b.tickets[0].id)).status).toBe('issued');
    });
  });

  describe('GET /api/redemptions?date=', () => {
    it('lists the structure’s redemptions of a Paris day, newest first, and only its own', async () => {
      tdb.clock.set('2026-04-10T21:50:00.000Z'); // 23:50 in Paris, 10 April
      mediator = await login(app, scene.mediator.email); // the fake clock jumped past the session's life
      otherMediator = await login(app, 'other@undo.test');
      const b = await booklet();
      const late = await redeem(mediator, [b.tickets[0].code]);
      tdb.clock.set('2026-04-10T22:10:00.000Z'); // 00:10 in Paris, 11 April
      const next = await redeem(mediator, [b.tickets[1].code]);
      const b2 = await booklet();
      await redeem(otherMediator, [b2.tickets[0].code], otherSiteId);
      const day = (await mediator.get('/api/redemptions?date=2026-04-10')).json();
      expect(day).toMatchObject({ date: '2026-04-10', ticketCount: 1, totalCents: 1000 });
      expect(day.redemptions.map((r: { redemptionId: string }) => r.redemptionId)).toEqual([late.redemptionId]);
      const today = (await mediator.get('/api/redemptions')).json();
      expect(today.date).toBe('2026-04-11');
      expect(today.redemptions.map((r: { redemptionId: string }) => r.redemptionId)).toEqual([next.redemptionId]);
      expect(today.redemptions[0]).toMatchObject({ by: scene.mediator.email, service: { site: { id: scene.structure.siteId } } });
      expect((await mediator.get('/api/redemptions?date=2026-13-01')).statusCode).toBe(422);
    });
  });
});
