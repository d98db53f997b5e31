import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client } from './helpers/app.ts';
import { createDemoDb, dialectName, type TestDb } from './helpers/db.ts';

describe(`the demo's follow-up: what the admin sees first (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let admin: Client;

  beforeAll(async () => {
    tdb = await createDemoDb();
    app = await createTestApp(tdb);
    admin = await login(app, 'admin@demo.passnum.fr');
  }, 180_000);
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  it('shows the funnel, the people trained by theme, their autonomy before and after, and the money', async () => {
    const funnel = (await admin.get('/api/dashboards/funnel')).json();
    expect(funnel.totals.handedOut).toBeGreaterThan(10);
    expect(funnel.totals.firstUsed).toBeGreaterThan(0);
    expect(funnel.totals.firstUsed).toBeLessThan(funnel.totals.handedOut);
    expect(funnel.totals.allUsed).toBeGreaterThan(0);
    expect(funnel.totals.allUsed).toBeLessThan(funnel.totals.firstUsed);
    expect(funnel.byOrganisation.map((o: { name: string }) => o.name).sort()).toEqual(['Mairie de Lens', 'Mairie de Liévin']);
    const people = (await admin.get('/api/dashboards/people')).json();
    expect(people.trainedPeople).toBeGreaterThan(5);
    expect(people.sessions.byTheme.length).toBeGreaterThan(3);
    expect(people.autonomy.peopleWithFollowup).toBeGreaterThan(3);
    expect(people.autonomy.improved).toBeGreaterThan(0);
    const money = (await admin.get('/api/dashboards/money')).json();
    expect(money.budgetCents).toBeGreaterThan(0);
    expect(money.paidCents).toBeGreaterThan(0);
    expect(money.redeemedCents).toBeGreaterThan(money.paidCents);
  });

  it('lists people to call and has reminders in every state in the outbox', async () => {
    const list = (await admin.get('/api/dashboards/action-list?days=90')).json();
    expect(list.total + list.dormant.total).toBeGreaterThan(0);
    const outbox = (await admin.get('/api/outbox')).json();
    const states = outbox.messages.map((m: { channel: string; status: string }) => `${m.channel}:${m.status}`);
    expect(states).toEqual(expect.arrayContaining(['sms:held', 'email:held', 'letter:pending', 'sms:sent']));
    const letters = await admin.post('/api/outbox/letters', {});
    expect(letters.statusCode).toBe(200);
    expect(letters.headers['x-letter-count']).toBe('1');
  });
});
