import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../src/config.ts';
import { remindersJob } from '../src/jobs/reminders.ts';
import { startReminderRounds } from '../src/jobs/reminder-rounds.ts';
import { runJobs } from '../src/jobs/registry.ts';
import { planReminders } from '../src/usecases/followup/plan-reminders.ts';
import { runReminders, sendDueMessages } from '../src/usecases/followup/send-reminders.ts';
import { configuredChannels } from '../src/usecases/support/channels.ts';
import type { Deps } from '../src/usecases/support/deps.ts';
import { createTestApp, login, type Client } from './helpers/app.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given } from './helpers/given.ts';
import { givenFollowup } from './helpers/given-followup.ts';
import { startSmsStub, startSmtp } from './helpers/local-messaging.ts';
import { pdfText } from './helpers/pdf-tools.ts';

const HOUR = 3600_000;

describe(`reminders through a real SMTP server and an SMS provider stub (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let sms: Awaited<ReturnType<typeof startSmsStub>>;
  let configured: Deps;
  let admin: Client;
  let agent: Client;
  let otherAgent: Client;
  const people: Record<string, string> = {};
  let territoryId: string;
  let lens: string;

  const outbox = (beneficiaryId: string) => tdb.deps.db.selectFrom('outbox').selectAll().where('beneficiary_id', '=', beneficiaryId).orderBy('created_at').execute();
  const attempts = (messageId: string) => tdb.deps.db.selectFrom('outbox_attempts').selectAll().where('message_id', '=', messageId).orderBy('at').execute();

  beforeAll(async () => {
    tdb = await createTestDb({ now: '2026-03-15T10:00:00.000Z' });
    smtp = await startSmtp();
    sms = await startSmsStub();
    const config: Config = { ...tdb.config, smtpUrl: smtp.url, mailFrom: 'Pass numérique <rappels@passnum.test>', smsUrl: sms.url, smsKey: 'cle-secrete-sms' };
    configured = { ...tdb.deps, config };
    const g = given(tdb.deps);
    const f = givenFollowup(tdb.deps);
    territoryId = await g.territory();
    lens = await g.organisation({ territoryId, communeInsee: '62498', name: 'Mairie de Lens' });
    const lievin = await g.organisation({ territoryId, communeInsee: '62510', name: 'Mairie de Liévin' });
    // Tickets valid until 10 April: 26 days left on 15 March, inside the 30-day notice.
    const campaign = await g.campaign({ territoryId, validity_end: '2026-04-10', claim_deadline: '2026-05-31' });
    const structure = await g.structure({ territoryId, accreditedFor: [campaign.id], name: 'Médiathèque Robert Cousin' });
    const person = async (key: string, firstName: string, contact: Parameters<typeof f.contact>[1]) => {
      const b = await g.issuedBooklet({ campaign, organisationId: lens });
      await tdb.deps.db.updateTable('beneficiaries').set({ first_name: firstName }).where('id', '=', b.beneficiaryId).execute();
      await f.contact(b.beneficiaryId, contact);
      people[key] = b.beneficiaryId;
      return b;
    };
    await person('email', 'Alice', { email: 'alice@example.org', consent: true });
    await person('mobile', 'Bruno', { phone: '06 12 34 56 78', consent: true });
    await person('noConsent', 'Chloé', { email: 'chloe@example.org', consent: false });
    await person('optedOut', 'Damien', { email: 'damien@example.org', consent: true, optedOutAt: '2026-03-01T10:00:00.000Z' });
    await person('letter', 'Émile', { address: '3 rue des Mineurs, 62300 Lens', phone: '03 21 00 00 00', consent: true });
    await person('session', 'Farida', { email: 'farida@example.org', consent: true });
    await person('noContact', 'Gaston', { consent: true });
    const used = await person('allUsed', 'Hélène', { email: 'helene@example.org', consent: true });
    await f.redeem({ ticketIds: used.tickets.map((t) => t.id), structureId: structure.id, siteId: structure.siteId, at: '2026-03-10T10:00:00.000Z' });
    // Farida has a seat in a session in 27 hours: that reminder goes first, the expiry one waits a week.
    await f.trainingSession({ structureId: structure.id, siteId: structure.siteId, startsAt: '2026-03-16T13:00:00.000Z', title: 'Premiers pas sur le smartphone', bookFor: [people.session] });
    // Émile has only a postal address and a seat tomorrow: a letter would arrive after the session.
    await f.trainingSession({ structureId: structure.id, siteId: structure.siteId, startsAt: '2026-03-16T15:00:00.000Z', title: 'Les courriels', bookFor: [people.letter] });
    app = await createTestApp(tdb);
    admin = await login(app, (await g.user({ territoryId, role: 'admin' })).email);
    agent = await login(app, (await g.user({ territoryId, role: 'agent', organisationId: lens })).email);
    otherAgent = await login(app, (await g.user({ territoryId, role: 'agent', organisationId: lievin })).email);
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
    await sms.close();
    await tdb.close();
  });

  it('without configuration, plans the reminders and holds e-mails and SMS in the outbox for the admin to see', async () => {
    const [outcome] = await runJobs(tdb.deps, ['reminders']);
    expect(outcome.status).toBe('done');
    const summary = outcome.status === 'done' ? outcome.summary : {};
    expect(summary).toMatchObject({ planned: 4, held: 3, sessionReminders: 1, expiryReminders: 3, skippedThisWeek: 1, skippedNoContact: 1, skippedLetterTooLate: 1, sent: 0 });
    expect(await outbox(people.noConsent)).toHaveLength(0);
    expect(await outbox(people.optedOut)).toHaveLength(0);
    expect(await outbox(people.allUsed)).toHaveLength(0);
    expect(await outbox(people.noContact)).toHaveLength(0);
    // Émile's letter is the one about his tickets (26 days left), not the one about tomorrow's session.
    const [letter, ...none] = await outbox(people.letter);
    expect(none).toEqual([]);
    expect(letter).toMatchObject({ channel: 'letter', kind: 'tickets_expiring', status: 'pending', recipient: '3 rue des Mineurs, 62300 Lens' });
    const held = await admin.get('/api/outbox?status=held');
    expect(held.statusCode).toBe(200);
    const body = held.json();
    expect(body.total).toBe(3);
    expect(body.channels).toEqual([
      expect.objectContaining({ channel: 'email', configured: false, help: 'Définissez PASSNUM_SMTP_URL pour envoyer les e-mails.' }),
      expect.objectContaining({ channel: 'sms', configured: false }),
      expect.objectContaining({ channel: 'letter', configured: true }),
    ]);
    const session = body.messages.find((m: { kind: string }) => m.kind === 'session_soon');
    expect(session).toMatchObject({ channel: 'email', recipient: 'farida@example.org', statusLabel: 'En attente (canal non configuré)' });
    expect(session.subject).toBe('Rappel : votre séance d’aide au numérique lundi 16 mars à 14 h 00');
    expect(session.body).toContain('Bonjour Farida,');
    expect(session.body).toContain('« Premiers pas sur le smartphone »');
    expect((await agent.get('/api/outbox')).statusCode).toBe(403);
    expect(smtp.mails).toHaveLength(0);
  });

  it('sends the held messages for real once SMTP and SMS are configured, recording each attempt', async () => {
    const summary = await remindersJob(configured);
    expect(summary).toMatchObject({ released: 3, planned: 0, sent: 3, retrying: 0, failed: 0 });
    expect(smtp.mails.map((m) => m.to[0]).sort()).toEqual(['alice@example.org', 'farida@example.org']);
    const alice = smtp.mails.find((m) => m.to[0] === 'alice@example.org')!;
    expect(alice.subject).toBe('Vos tickets pass numérique sont valables jusqu’au 10/04/2026');
    expect(alice.text).toContain('Il vous reste 5 tickets pass numérique (d’une valeur de 50,00 €) à utiliser avant le 10/04/2026.');
    expect(alice.text).toContain('dites-le à votre mairie');
    expect(alice.from).toBe('rappels@passnum.test');
    expect(sms.requests).toHaveLength(1);
    expect(sms.requests[0].headers.authorization).toBe('Bearer cle-secrete-sms');
    expect(sms.requests[0].body.to).toBe('+33612345678');
    expect(sms.requests[0].body.text).toMatch(/^Pass numérique : il vous reste 5 tickets à utiliser avant le 10\/04\/2026/);
    const [mobile] = await outbox(people.mobile);
    expect(mobile).toMatchObject({ status: 'sent', attempts: 1, sent_at: '2026-03-15T10:00:00.000Z' });
    expect(await attempts(mobile.id)).toEqual([expect.objectContaining({ ok: 1, error: null })]);
    expect(sms.requests[0].headers['idempotency-key']).toBe(mobile.dedupe_key);
  });

  it('is idempotent: a second run plans and sends nothing more', async () => {
    const summary = await remindersJob(configured);
    expect(summary).toMatchObject({ planned: 0, sent: 0, alreadyPlanned: 4, skippedThisWeek: 1 });
    expect(smtp.mails).toHaveLength(2);
    expect(sms.requests).toHaveLength(1);
  });

  it('sends at most one message a week per person: the expiry reminder follows the session one eight days later', async () => {
    tdb.clock.set('2026-03-23T10:00:00.000Z');
    const summary = await remindersJob(configured);
    expect(summary).toMatchObject({ planned: 1, expiryReminders: 1, sent: 1 });
    const farida = await outbox(people.session);
    expect(farida.map((m) => [m.kind, m.status])).toEqual([['session_soon', 'sent'], ['tickets_expiring', 'sent']]);
    expect(smtp.mails.filter((m) => m.to[0] === 'farida@example.org')).toHaveLength(2);
  });

  it('retries a failed send with a growing delay and records every attempt', async () => {
    const g = given(tdb.deps);
    const campaign = await tdb.deps.db.selectFrom('campaigns').selectAll().executeTakeFirstOrThrow();
    const b = await g.issuedBooklet({ campaign, organisationId: lens });
    await givenFollowup(tdb.deps).contact(b.beneficiaryId, { phone: '0711223344', consent: true });
    sms.answer(503);
    const first = await remindersJob(configured);
    expect(first).toMatchObject({ planned: 1, sent: 0, retrying: 1 });
    const [m] = await outbox(b.beneficiaryId);
    expect(m).toMatchObject({ status: 'pending', attempts: 1, next_attempt_at: '2026-03-23T10:05:00.000Z' });
    expect(m.last_error).toMatch(/le fournisseur SMS a répondu 503/);
    // Not due yet: nothing is tried.
    tdb.clock.advance(4 * 60_000);
    expect(await sendDueMessages(configured, configuredChannels(configured.config))).toMatchObject({ sent: 0, retrying: 0 });
    tdb.clock.advance(60_000);
    expect((await remindersJob(configured)).sent).toBe(1);
    const tries = await attempts(m.id);
    expect(tries.map((a) => a.ok)).toEqual([0, 1]);
    expect(tries[0].error).toMatch(/^le fournisseur SMS a répondu 503/);
    expect(tries[1].error).toBeNull();
    expect((await outbox(b.beneficiaryId))[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('gives up after six attempts and says why; an admin can relaunch it', async () => {
    const g = given(tdb.deps);
    const campaign = await tdb.deps.db.selectFrom('campaigns').selectAll().executeTakeFirstOrThrow();
    const b = await g.issuedBooklet({ campaign, organisationId: lens });
    await givenFollowup(tdb.deps).contact(b.beneficiaryId, { email: 'perdu@example.org', consent: true });
    smtp.failNext(6);
    await remindersJob(configured);
    for (let i = 0; i < 5; i++) {
      tdb.clock.advance(24 * HOUR);
      await sendDueMessages(configured, configuredChannels(configured.config));
    }
    const [m] = await outbox(b.beneficiaryId);
    expect(m).toMatchObject({ status: 'failed', attempts: 6 });
    expect(m.last_error).toMatch(/451/);
    expect(await attempts(m.id)).toHaveLength(6);
    admin = await login(app, (await given(tdb.deps).user({ territoryId, role: 'admin' })).email);
    const failed = (await admin.get('/api/outbox?status=failed')).json();
    expect(failed.messages.map((x: { id: string }) => x.id)).toContain(m.id);
    const retried = await admin.post(`/api/outbox/${m.id}/retry`);
    expect(retried.statusCode).toBe(200);
    expect((await remindersJob(configured)).sent).toBe(1);
    expect((await admin.get(`/api/outbox/${m.id}/attempts`)).json()).toHaveLength(7);
    expect((await admin.post(`/api/outbox/${m.id}/retry`)).statusCode).toBe(409);
  });

  it('plans at night but sends only between 9:00 and 19:00, Paris time', async () => {
    const g = given(tdb.deps);
    const campaign = await tdb.deps.db.selectFrom('campaigns').selectAll().executeTakeFirstOrThrow();
    const b = await g.issuedBooklet({ campaign, organisationId: lens });
    await givenFollowup(tdb.deps).contact(b.beneficiaryId, { email: 'nuit@example.org', consent: true });
    tdb.clock.set('2026-04-02T21:30:00.000Z'); // 23:30 in Paris (summer time)
    const night = await remindersJob(configured);
    expect(night).toMatchObject({ sent: 0, outsideSendingHours: true });
    expect((await outbox(b.beneficiaryId)).map((m) => m.status)).toEqual(['pending']);
    expect(smtp.mails.filter((m) => m.to[0] === 'nuit@example.org')).toHaveLength(0);
    tdb.clock.advance(9 * HOUR); // 08:30 in Paris: still too early
    expect(await remindersJob(configured)).toMatchObject({ sent: 0, outsideSendingHours: true });
    tdb.clock.advance(HOUR); // 09:30
    expect(await remindersJob(configured)).toMatchObject({ sent: 1 });
    expect(smtp.mails.filter((m) => m.to[0] === 'nuit@example.org')).toHaveLength(1);
  });

  it('never sends a message twice when two senders run at once', async () => {
    const g = given(tdb.deps);
    const campaign = await tdb.deps.db.selectFrom('campaigns').selectAll().executeTakeFirstOrThrow();
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const b = await g.issuedBooklet({ campaign, organisationId: lens });
      await givenFollowup(tdb.deps).contact(b.beneficiaryId, { email: `parallele${i}@example.org`, consent: true });
      ids.push(b.beneficiaryId);
    }
    await planReminders(tdb.deps, ['email']);
    const before = smtp.mails.length;
    const [a, b] = await Promise.all([
      sendDueMessages(configured, configuredChannels(configured.config)),
      sendDueMessages(configured, configuredChannels(configured.config)),
    ]);
    expect(a.sent + b.sent).toBe(6);
    expect(smtp.mails.length - before).toBe(6);
  });

  it('records an opt-out, drops the messages not yet sent, and honours it afterwards', async () => {
    const g = given(tdb.deps);
    const campaign = await tdb.deps.db.selectFrom('campaigns').selectAll().executeTakeFirstOrThrow();
    const b = await g.issuedBooklet({ campaign, organisationId: lens });
    await givenFollowup(tdb.deps).contact(b.beneficiaryId, { email: 'stop@example.org', consent: true });
    await runReminders(tdb.deps, []);
    expect((await outbox(b.beneficiaryId))[0].status).toBe('held');
    agent = await login(app, (await g.user({ territoryId, role: 'agent', organisationId: lens })).email);
    otherAgent = await login(app, (await g.user({ territoryId, role: 'agent', organisationId: (await g.organisation({ territoryId })) })).email);
    expect((await otherAgent.post(`/api/beneficiaries/${b.beneficiaryId}/opt-out`)).statusCode).toBe(404);
    const res = await agent.post(`/api/beneficiaries/${b.beneficiaryId}/opt-out`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ droppedMessages: 1, alreadyRecorded: false });
    expect((await agent.post(`/api/beneficiaries/${b.beneficiaryId}/opt-out`)).json()).toMatchObject({ alreadyRecorded: true, droppedMessages: 0 });
    const sentBefore = smtp.mails.length;
    tdb.clock.advance(8 * 24 * HOUR);
    await remindersJob(configured);
    expect(smtp.mails.filter((m) => m.to[0] === 'stop@example.org')).toHaveLength(0);
    expect(smtp.mails.length).toBeGreaterThanOrEqual(sentBefore);
    const [m] = await outbox(b.beneficiaryId);
    expect(m).toMatchObject({ status: 'failed', last_error: 'La personne ne souhaite plus recevoir de rappels.' });
  });

  it('prints the waiting letters as a PDF for the commune, once', async () => {
    agent = await login(app, (await given(tdb.deps).user({ territoryId, role: 'agent', organisationId: lens })).email);
    const res = await agent.post('/api/outbox/letters', {});
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = pdfText(res.rawPayload);
    expect(text).toContain('Mairie de Lens');
    expect(text).toContain('Émile');
    expect(text).toContain('3 rue des Mineurs');
    expect(text).toContain('Il vous reste 5 tickets pass numérique');
    const [letter] = await outbox(people.letter);
    expect(letter.status).toBe('sent');
    expect(await attempts(letter.id)).toHaveLength(1);
    const again = await agent.post('/api/outbox/letters', {});
    expect(again.statusCode).toBe(404);
    expect(again.json().message).toBe('Aucun courrier de rappel n’attend d’être imprimé.');
  });

  it('runs reminder rounds during the day for the embedded setup (npm start)', async () => {
    tdb.clock.set('2026-04-20T09:00:00.000Z'); // 11:00 in Paris
    const before = await tdb.deps.db.selectFrom('job_runs').select('id').where('name', '=', 'reminders').execute();
    const rounds = startReminderRounds(tdb.deps, { everyMinutes: 0.002 });
    try {
      await new Promise((resolve) => setTimeout(resolve, 600));
    } finally {
      rounds.stop();
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = await tdb.deps.db.selectFrom('job_runs').select('id').where('name', '=', 'reminders').execute();
    expect(after.length).toBeGreaterThan(before.length);
    // At night a round does nothing.
    tdb.clock.set('2026-04-20T23:00:00.000Z');
    const night = startReminderRounds(tdb.deps, { everyMinutes: 0.002 });
    await new Promise((resolve) => setTimeout(resolve, 400));
    night.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await tdb.deps.db.selectFrom('job_runs').select('id').where('name', '=', 'reminders').execute()).toHaveLength(after.length);
  });
});
