import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planReminders } from '../src/usecases/followup/plan-reminders.ts';
import { createTestApp, login, type Client } from './helpers/app.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';

// The agent's page of a person (issue 21): each ticket's state, reprints counted, reminders, and
// the consent to reminders given channel by channel (a phone number is not consent to an SMS).
describe(`a person's page and her consent to reminders (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let agent: Client;
  let other: Client;
  let personId: string;
  let bookletId: string;

  beforeAll(async () => {
    tdb = await createTestDb({ now: '2026-03-20T10:00:00.000Z' });
    const g = given(tdb.deps);
    const territoryId = await g.territory();
    const lens = await g.organisation({ territoryId, communeInsee: '62498', name: 'Mairie de Lens' });
    const lievin = await g.organisation({ territoryId, communeInsee: '62510', name: 'Mairie de Liévin' });
    await g.user({ territoryId, email: 'agent@lens.test', role: 'agent', organisationId: lens });
    await g.user({ territoryId, email: 'agent@lievin.test', role: 'agent', organisationId: lievin });
    // Tickets valid until 10 April: inside the 30-day notice on 20 March.
    const campaign = await g.campaign({ territoryId, validity_end: '2026-04-10', claim_deadline: '2026-05-31' });
    app = await createTestApp(tdb);
    agent = await login(app, 'agent@lens.test');
    other = await login(app, 'agent@lievin.test');
    const created = await agent.post('/api/beneficiaries', {
      firstName: 'Yvette', birthName: 'Horent', birthDate: '1950-02-03', communeInsee: '62498', consent: true,
      phone: '06 12 34 56 78', email: 'yvette@example.org', reminderChannels: ['email'],
    });
    expect(created.statusCode, created.body).toBe(201);
    personId = created.json().id;
    const b = await g.issuedBooklet({ campaign, organisationId: lens, beneficiaryId: personId });
    bookletId = b.id;
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  it('keeps the channels ticked, and reminds only through them', async () => {
    const details = (await agent.get(`/api/beneficiaries/${personId}`)).json();
    expect(details).toMatchObject({ contactConsent: true, reminderChannels: ['email'], phone: '+33612345678' });
    await planReminders(tdb.deps, ['email', 'sms']);
    const messages = await tdb.deps.db.selectFrom('outbox').select(['channel', 'recipient']).where('beneficiary_id', '=', personId).execute();
    // Without the per-channel consent the mobile number would have won (SMS first).
    expect(messages).toEqual([{ channel: 'email', recipient: 'yvette@example.org' }]);
    const page = (await agent.get(`/api/beneficiaries/${personId}`)).json();
    expect(page.reminders).toMatchObject([{ kindLabel: 'Tickets bientôt expirés', channelLabel: 'E-mail', statusLabel: 'À envoyer' }]);
  });

  it('shows each ticket and counts the reprints', async () => {
    const pdf = await agent.get(`/api/booklets/${bookletId}/pdf`);
    expect(pdf.statusCode).toBe(200);
    await agent.get(`/api/booklets/${bookletId}/pdf`);
    const [booklet] = (await agent.get(`/api/beneficiaries/${personId}`)).json().booklets;
    expect(booklet.prints).toBe(2);
    expect(booklet.tickets.length).toBeGreaterThan(0);
    expect(new Set(booklet.tickets.map((t: { stateLabel: string }) => t.stateLabel))).toEqual(new Set(['Pas encore utilisé']));
  });

  it('changes the contact; a channel taken back drops its messages not sent', async () => {
    const refused = await agent.put(`/api/beneficiaries/${personId}/contact`, { phone: '03 21 00 00 00', email: null, reminderChannels: ['sms'] });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ details: { field: 'reminderChannels' } });
    expect(refused.json().message).toMatch(/téléphone portable/);
    const changed = await agent.put(`/api/beneficiaries/${personId}/contact`, { phone: '07 00 00 00 01', email: 'yvette@example.org', address: null, reminderChannels: ['sms'] });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ phone: '+33700000001', reminderChannels: ['sms'], contactConsent: true });
    expect(changed.json().reminders[0]).toMatchObject({ status: 'failed', why: 'La personne a retiré son accord pour ce moyen de contact.' });
    const none = await agent.put(`/api/beneficiaries/${personId}/contact`, { phone: '07 00 00 00 01', reminderChannels: [] });
    expect(none.json()).toMatchObject({ contactConsent: false, reminderChannels: [] });
    const audit = await tdb.deps.db.selectFrom('audit_log').select('details').where('action', '=', 'beneficiary.contact_changed').execute();
    expect(audit).toHaveLength(2);
    expect(audit[0].details).not.toContain('0700000001');
  });

  it('hides the person from another organisation', async () => {
    expect((await other.get(`/api/beneficiaries/${personId}`)).statusCode).toBe(404);
    expect((await other.put(`/api/beneficiaries/${personId}/contact`, { reminderChannels: [] })).statusCode).toBe(404);
  });
});
