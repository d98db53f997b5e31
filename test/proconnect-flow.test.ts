import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDENTITIES } from '../scripts/proconnect-local/identities.ts';
import { FLOW_COOKIE } from '../src/http/routes/proconnect.ts';
import { seedFoundation } from '../src/demo/seed-foundation.ts';
import { createTestApp, login } from './helpers/app.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { CookieJar, signInAtProvider, startTestProConnect, type TestProConnect } from './helpers/proconnect.ts';

// The whole server flow against a real OpenID provider on loopback (panva's oidc-provider signing
// its tokens): passnum's routes through app.inject, the provider's pages through HTTP.
describe(`sign-in with ProConnect, server flow (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let pc: TestProConnect;
  const ORIGIN = 'http://passnum.test';

  beforeAll(async () => {
    tdb = await createTestDb();
    await seedFoundation(tdb.deps);
    pc = await startTestProConnect(tdb.deps, DEMO_IDENTITIES, ORIGIN);
    app = await createTestApp(tdb);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await pc?.close();
    await tdb?.close();
  });

  /** Starts at passnum, returns the flow cookie and ProConnect's authorization URL. */
  async function start(): Promise<{ flow: string; authorizeUrl: string }> {
    const res = await app.inject({ method: 'GET', url: '/auth/proconnect/connexion' });
    expect(res.statusCode).toBe(303);
    const flow = res.cookies.find((c) => c.name === FLOW_COOKIE);
    expect(flow?.sameSite).toBe('Lax');
    expect(flow?.httpOnly).toBe(true);
    return { flow: flow!.value, authorizeUrl: res.headers.location as string };
  }

  async function callback(url: string, flow: string) {
    const u = new URL(url);
    return app.inject({ method: 'GET', url: `${u.pathname}${u.search}`, cookies: { [FLOW_COOKIE]: flow } });
  }

  async function refusal(flow: string) {
    const res = await app.inject({ method: 'GET', url: '/api/proconnect/refus', cookies: { [FLOW_COOKIE]: flow } });
    expect(res.statusCode).toBe(200);
    return res.json();
  }

  /** The whole trip for one person: passnum -> ProConnect -> passnum. */
  async function signInAs(sub: string, opts: { secondFactor?: boolean } = {}) {
    const { flow, authorizeUrl } = await start();
    const back = await signInAtProvider(authorizeUrl, { sub, ...opts }, `${ORIGIN}/auth/proconnect/retour`);
    return { flow, back, res: await callback(back, flow) };
  }

  const session = (res: { cookies: { name: string; value: string }[] }) => res.cookies.find((c) => c.name === 'passnum_session')?.value;
  const me = (token: string) => app.inject({ method: 'GET', url: '/api/me', cookies: { passnum_session: token } });

  it('asks ProConnect with PKCE, state, nonce and the scopes, from the discovered endpoints', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/proconnect' })).json()).toEqual({ enabled: true });
    const { authorizeUrl } = await start();
    const url = new URL(authorizeUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${pc.provider.issuer}/authorize`);
    const q = url.searchParams;
    expect(q.get('response_type')).toBe('code');
    expect(q.get('client_id')).toBe(pc.config.clientId);
    expect(q.get('redirect_uri')).toBe(`${ORIGIN}/auth/proconnect/retour`);
    expect(q.get('scope')).toBe('openid email given_name usual_name siret uid organizational_unit');
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(q.get('state')!.length).toBeGreaterThanOrEqual(32);
    expect(q.get('nonce')!.length).toBeGreaterThanOrEqual(32);
    expect(JSON.parse(q.get('claims')!)).toEqual({ id_token: { acr: { essential: false } } });
  });

  it('links agent.lens on the first sign-in (audited), then finds the account by its sub', async () => {
    const first = await signInAs('demo-agent-lens');
    expect(first.res.statusCode).toBe(303);
    expect(first.res.headers.location).toBe('/');
    const token = session(first.res)!;
    const meRes = await me(token);
    expect(meRes.statusCode).toBe(200);
    expect(meRes.json()).toMatchObject({ email: 'agent.lens@demo.passnum.fr', role: 'agent', totpEnrolmentRequired: false });
    const user = await tdb.deps.db.selectFrom('users').select('id').where('email', '=', 'agent.lens@demo.passnum.fr').executeTakeFirstOrThrow();
    const link = await tdb.deps.db.selectFrom('proconnect_links').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(link).toMatchObject({ sub: 'demo-agent-lens', issuer: pc.provider.issuer, refuses_password: 0 });
    const audit = await tdb.deps.db.selectFrom('audit_log').select(['action', 'details']).where('target_id', '=', user.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['user.proconnect_linked', 'session.opened']));
    expect(JSON.parse(audit.find((a) => a.action === 'session.opened')!.details)).toMatchObject({ via: 'proconnect', acr: 'eidas1' });

    // The admin changes the account's e-mail: the link by `sub` still finds it.
    await tdb.deps.db.updateTable('users').set({ email: 'agnes.agent@demo.passnum.fr' }).where('id', '=', user.id).execute();
    const second = await signInAs('demo-agent-lens');
    expect((await me(session(second.res)!)).json().email).toBe('agnes.agent@demo.passnum.fr');
    const links = await tdb.deps.db.selectFrom('audit_log').select('action').where('target_id', '=', user.id).where('action', '=', 'user.proconnect_linked').execute();
    expect(links).toHaveLength(1);
    await tdb.deps.db.updateTable('users').set({ email: 'agent.lens@demo.passnum.fr' }).where('id', '=', user.id).execute();
  });

  it('refuses a wrong state, and the flow cannot be tried again', async () => {
    const { flow, authorizeUrl } = await start();
    const back = await signInAtProvider(authorizeUrl, { sub: 'demo-agent-lens' }, `${ORIGIN}/auth/proconnect/retour`);
    const forged = new URL(back);
    forged.searchParams.set('state', 'x'.repeat(43));
    const res = await callback(forged.href, flow);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/connexion/proconnect/refus');
    expect(session(res)).toBeUndefined();
    expect((await refusal(flow)).reason).toBe('state_mismatch');
    // The genuine answer, arriving after, finds the flow used.
    const genuine = await callback(back, flow);
    expect(session(genuine)).toBeUndefined();
    expect((await refusal(flow)).reason).toBe('flow_expired');
  });

  it('refuses a replayed callback and a callback without the browser’s flow cookie', async () => {
    const { flow, back, res } = await signInAs('demo-agent-lievin');
    expect(session(res)).toBeDefined();
    const replay = await callback(back, flow);
    expect(session(replay)).toBeUndefined();
    expect(replay.headers.location).toBe('/connexion/proconnect/refus');
    // Someone else's callback URL opened in a browser that did not start the flow (login CSRF).
    const other = await start();
    const otherBack = await signInAtProvider(other.authorizeUrl, { sub: 'demo-agent-lievin' }, `${ORIGIN}/auth/proconnect/retour`);
    const u = new URL(otherBack);
    const noCookie = await app.inject({ method: 'GET', url: `${u.pathname}${u.search}` });
    expect(noCookie.headers.location).toBe('/connexion/proconnect/refus');
    expect(session(noCookie)).toBeUndefined();
  });

  it('refuses an unknown person with what ProConnect said about them, and creates no account', async () => {
    const before = await tdb.deps.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const { flow, res } = await signInAs('demo-camille-avion');
    expect(session(res)).toBeUndefined();
    expect(await refusal(flow)).toEqual({
      reason: 'unknown_person',
      email: 'camille.martin@avion.demo.fr',
      siret: '21620065900011',
      organizationalUnit: 'CCAS',
      knownEstablishments: [],
      accountEstablishment: null,
      roleLabel: null,
    });
    const after = await tdb.deps.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('writes ProConnect sign-ins, refusals and sign-outs to the security log, with ids only', async () => {
    await app.securityLog.flush();
    const since = (await tdb.deps.db.selectFrom('security_log').select('at').orderBy('at', 'desc').executeTakeFirst())?.at ?? '';
    const ok = await signInAs('demo-agent-lens');
    const token = session(ok.res)!;
    await signInAs('demo-camille-avion');
    const csrf = (await me(token)).json().csrfToken as string;
    await app.inject({ method: 'POST', url: '/api/proconnect/deconnexion', cookies: { passnum_session: token }, headers: { 'x-csrf-token': csrf } });
    await app.securityLog.flush();
    const rows = await tdb.deps.db.selectFrom('security_log').selectAll().where('at', '>=', since).where('action', 'in', ['login.succeeded', 'login.failed', 'logout']).orderBy('at').execute();
    const user = await tdb.deps.db.selectFrom('users').select('id').where('email', '=', 'agent.lens@demo.passnum.fr').executeTakeFirstOrThrow();
    expect(rows.map((r) => [r.action, r.actor_id, r.detail])).toEqual(
      expect.arrayContaining([
        ['login.succeeded', user.id, JSON.stringify({ via: 'proconnect' })],
        ['login.failed', null, JSON.stringify({ via: 'proconnect', reason: 'unknown_person' })],
        ['logout', user.id, null],
      ]),
    );
    expect(JSON.stringify(rows)).not.toMatch(/camille|avion\.demo|agent\.lens@/i);
  });

  it('refuses an account whose establishment is not the SIRET ProConnect gives, naming both', async () => {
    const { flow, res } = await signInAs('demo-agent-lievin-avion');
    expect(session(res)).toBeUndefined();
    expect(await refusal(flow)).toMatchObject({
      reason: 'siret_mismatch',
      email: 'agent.lievin@demo.passnum.fr',
      siret: '21620065900011',
      accountEstablishment: 'Mairie de Liévin',
    });
  });

  it('asks finance for a second factor: without it, refused; with it, signed in', async () => {
    // Without a second factor: passnum asks ProConnect again, requiring a two-factor acr.
    const { flow, back, res } = await signInAs('demo-finance');
    expect(back).toContain('/auth/proconnect/retour');
    expect(res.statusCode).toBe(303);
    const stepUp = new URL(res.headers.location as string);
    expect(`${stepUp.origin}${stepUp.pathname}`).toBe(`${pc.provider.issuer}/authorize`);
    expect(JSON.parse(stepUp.searchParams.get('claims')!)).toEqual({
      id_token: {
        acr: {
          essential: true,
          values: ['eidas2', 'eidas3', 'https://proconnect.gouv.fr/assurance/self-asserted-2fa', 'https://proconnect.gouv.fr/assurance/consistency-checked-2fa'],
        },
      },
    });
    expect(stepUp.searchParams.get('login_hint')).toBe('finance@demo.passnum.fr');
    expect(session(res)).toBeUndefined();
    const stepUpFlow = res.cookies.find((c) => c.name === FLOW_COOKIE)!.value;
    expect(stepUpFlow).not.toBe(flow);
    const refusedBack = await signInAtProvider(stepUp.href, { sub: 'demo-finance', secondFactor: false }, `${ORIGIN}/auth/proconnect/retour`);
    expect(new URL(refusedBack).searchParams.get('error')).toBe('access_denied');
    const refused = await callback(refusedBack, stepUpFlow);
    expect(session(refused)).toBeUndefined();
    expect(await refusal(stepUpFlow)).toMatchObject({ reason: 'mfa_required', email: 'finance@demo.passnum.fr', roleLabel: 'Service financier' });

    // With the second factor at once: signed in, no TOTP enrolment asked by passnum.
    const ok = await signInAs('demo-finance', { secondFactor: true });
    const token = session(ok.res)!;
    expect((await me(token)).json()).toMatchObject({ email: 'finance@demo.passnum.fr', role: 'finance', totpEnrolmentRequired: false });
  });

  it('signs out of passnum and prepares the sign-out at ProConnect with the ID token hint', async () => {
    const jar = new CookieJar();
    const { flow, authorizeUrl } = await start();
    const back = await signInAtProvider(authorizeUrl, { sub: 'demo-agent-lens' }, `${ORIGIN}/auth/proconnect/retour`, jar);
    const token = session(await callback(back, flow))!;
    const csrf = (await me(token)).json().csrfToken as string;
    const out = await app.inject({ method: 'POST', url: '/api/proconnect/deconnexion', cookies: { passnum_session: token }, headers: { 'x-csrf-token': csrf } });
    expect(out.statusCode).toBe(200);
    expect((await me(token)).statusCode).toBe(401);
    const end = new URL(out.json().redirectUrl);
    expect(`${end.origin}${end.pathname}`).toBe(`${pc.provider.issuer}/session/end`);
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${ORIGIN}/auth/proconnect/deconnexion`);
    expect(end.searchParams.get('id_token_hint')).toMatch(/^ey/);
    const state = end.searchParams.get('state')!;
    const logoutFlow = out.cookies.find((c) => c.name === FLOW_COOKIE)!.value;
    // ProConnect's return: a forged state is not confirmed; the right one is.
    const wrong = await app.inject({ method: 'GET', url: `/auth/proconnect/deconnexion?state=nope`, cookies: { [FLOW_COOKIE]: logoutFlow } });
    expect(wrong.headers.location).toBe('/connexion?deconnexion=1');
    const out2 = await app.inject({ method: 'POST', url: '/api/proconnect/deconnexion', cookies: { passnum_session: token }, headers: { 'x-csrf-token': csrf } });
    expect(out2.statusCode).toBe(401);
    void state;
  });

  it('lets an account linked to ProConnect refuse passwords', async () => {
    const client = await login(app, 'agent.lievin@demo.passnum.fr');
    expect((await client.get('/api/me/proconnect')).json()).toMatchObject({ linked: true, refusesPassword: false });
    expect((await client.put('/api/me/proconnect', { refusesPassword: true })).json()).toMatchObject({ refusesPassword: true });
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { email: 'agent.lievin@demo.passnum.fr', password: 'passnum-demo' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toContain('uniquement avec ProConnect');
    // A wrong password still gets the usual answer (the setting is not disclosed).
    const wrong = await app.inject({ method: 'POST', url: '/api/session', payload: { email: 'agent.lievin@demo.passnum.fr', password: 'nope' } });
    expect(wrong.json().message).toBe('Adresse e-mail ou mot de passe incorrect.');
    // ProConnect still opens it.
    expect(session((await signInAs('demo-agent-lievin')).res)).toBeDefined();
    // An account never linked cannot refuse passwords.
    const admin = await login(app, 'auditeur@demo.passnum.fr');
    expect((await admin.put('/api/me/proconnect', { refusesPassword: true })).statusCode).toBe(409);
  });
});

describe(`without ProConnect configuration (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  beforeAll(async () => {
    tdb = await createTestDb();
    app = await createTestApp(tdb);
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.close();
  });

  it('offers no button and answers the ProConnect addresses like unknown pages', async () => {
    expect(tdb.deps.config.proconnect).toBeUndefined();
    expect((await app.inject({ method: 'GET', url: '/api/proconnect' })).json()).toEqual({ enabled: false });
    expect((await app.inject({ method: 'GET', url: '/auth/proconnect/connexion' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/auth/proconnect/retour?code=x&state=y' })).statusCode).toBe(404);
  });
});
