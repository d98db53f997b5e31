import type { FastifyInstance } from 'fastify';
import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_LIMITS } from '../src/usecases/access/open-session.ts';
import { createTestApp, login } from './helpers/app.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given, TEST_PASSWORD } from './helpers/given.ts';

// Login hardening (issue 19, findings 1, 4, 7 and 17): attempts are counted before the password is
// verified, per account and address pair with a higher per-address ceiling; unknown accounts cost
// the same time as known ones; a TOTP code works once.
describe(`login hardening (${dialectName})`, () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let territoryId: string;
  const signIn = (payload: Record<string, unknown>, ip: string) => app.inject({ method: 'POST', url: '/api/session', payload, remoteAddress: ip });
  beforeAll(async () => {
    tdb = await createTestDb();
    territoryId = await given(tdb.deps).territory();
    app = await createTestApp(tdb);
  });
  afterAll(async () => {
    await app.close();
    await tdb.close();
  });

  it('counts parallel password guesses before verifying them: at most the pair limit is checked', async () => {
    await given(tdb.deps).user({ territoryId, role: 'finance', email: 'cible@a.passnum.fr' });
    const guesses = [...Array.from({ length: 24 }, (_, i) => `mauvais-${i}`), TEST_PASSWORD];
    const answers = await Promise.all(guesses.map((password) => signIn({ email: 'cible@a.passnum.fr', password }, '10.1.0.1')));
    const statuses = answers.map((r) => r.statusCode);
    const checked = statuses.filter((s) => s !== 429);
    expect(checked.length, statuses.join(',')).toBeLessThanOrEqual(LOGIN_LIMITS.pair.limit);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(25 - LOGIN_LIMITS.pair.limit);
    for (const r of answers.filter((a) => a.statusCode === 429)) expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('counts parallel TOTP guesses before verifying them, and a TOTP code works once', async () => {
    const u = await given(tdb.deps).user({ territoryId, role: 'finance', email: 'totp-cible@a.passnum.fr' });
    const secret = new OTPAuth.Secret({ size: 20 }).base32;
    await tdb.deps.db.updateTable('users').set({ totp_secret: secret, totp_enabled: 1 }).where('id', '=', u.id).execute();
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
    const code = totp.generate({ timestamp: tdb.clock.now().getTime() });
    const wrong = (i: number) => String((Number(code) + 1000 + i) % 1_000_000).padStart(6, '0');
    const answers = await Promise.all(Array.from({ length: 15 }, (_, i) => signIn({ email: u.email, password: TEST_PASSWORD, totp: wrong(i) }, '10.1.0.2')));
    const statuses = answers.map((r) => r.statusCode);
    expect(statuses.filter((s) => s !== 429).length, statuses.join(',')).toBeLessThanOrEqual(LOGIN_LIMITS.pair.limit);

    // Replay: from another address (the pair above is blocked), the right code gets in once only.
    expect((await signIn({ email: u.email, password: TEST_PASSWORD, totp: code }, '10.1.0.3')).statusCode).toBe(200);
    const replay = await signIn({ email: u.email, password: TEST_PASSWORD, totp: code }, '10.1.0.4');
    expect(replay.statusCode).toBe(401);
    expect(replay.json().message).toBe('Ce code a déjà servi. Attendez le suivant (30 secondes au plus).');
    // An earlier code of the window, older than the one accepted, is refused as well.
    const earlier = totp.generate({ timestamp: tdb.clock.now().getTime() - 30_000 });
    expect((await signIn({ email: u.email, password: TEST_PASSWORD, totp: earlier }, '10.1.0.4')).statusCode).toBe(401);
    tdb.clock.advance(30_000);
    const nextCode = totp.generate({ timestamp: tdb.clock.now().getTime() });
    expect((await signIn({ email: u.email, password: TEST_PASSWORD, totp: nextCode }, '10.1.0.4')).statusCode).toBe(200);
  });

  it('blocks an account only from the guessing address: the same account elsewhere still signs in', async () => {
    const victim = await given(tdb.deps).user({ territoryId, role: 'auditor', email: 'mairie-1@a.passnum.fr' });
    for (let i = 0; i < LOGIN_LIMITS.pair.limit; i++) expect((await signIn({ email: victim.email, password: `faux-${i}` }, '10.2.0.1')).statusCode).toBe(401);
    const blocked = await signIn({ email: victim.email, password: TEST_PASSWORD }, '10.2.0.1');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().message).toMatch(/^Trop de tentatives\. Réessayez dans \d+ secondes\.$/);
    // A colleague behind the same town-hall address, and the victim from home, are not blocked.
    const colleague = await given(tdb.deps).user({ territoryId, role: 'auditor', email: 'mairie-2@a.passnum.fr' });
    expect((await signIn({ email: colleague.email, password: TEST_PASSWORD }, '10.2.0.1')).statusCode).toBe(200);
    expect((await signIn({ email: victim.email, password: TEST_PASSWORD }, '10.2.0.2')).statusCode).toBe(200);
  });

  it('blocks an address past its own, higher ceiling of failures, whatever the accounts', async () => {
    // The mechanism with a ceiling of 12 (each failure costs one argon2 verification); the real
    // ceiling is only checked to be well above the pair's.
    expect(LOGIN_LIMITS.address.limit).toBeGreaterThanOrEqual(10 * LOGIN_LIMITS.pair.limit);
    const ceiling = LOGIN_LIMITS.address.limit;
    LOGIN_LIMITS.address.limit = 12;
    try {
      const ip = '10.3.0.1';
      const perAccount = LOGIN_LIMITS.pair.limit - 1;
      const statuses: number[] = [];
      for (let a = 0; a < 12 / perAccount; a++) {
        const batch = await Promise.all(Array.from({ length: perAccount }, (_, i) => signIn({ email: `inconnu-${a}@a.passnum.fr`, password: `faux-${i}` }, ip)));
        statuses.push(...batch.map((r) => r.statusCode));
      }
      expect(statuses).toEqual(Array(12).fill(401));
      const someone = await given(tdb.deps).user({ territoryId, role: 'auditor', email: 'derriere-le-meme-routeur@a.passnum.fr' });
      expect((await signIn({ email: someone.email, password: TEST_PASSWORD }, ip)).statusCode).toBe(429);
      expect((await signIn({ email: someone.email, password: TEST_PASSWORD }, '10.3.0.2')).statusCode).toBe(200);
    } finally {
      LOGIN_LIMITS.address.limit = ceiling;
    }
  });

  it('takes as long for an unknown e-mail as for a known one (dummy hash verification)', async () => {
    const known = await given(tdb.deps).user({ territoryId, role: 'auditor', email: 'connu@a.passnum.fr' });
    const time = async (email: string, ip: string) => {
      const start = process.hrtime.bigint();
      const res = await signIn({ email, password: 'pas-le-bon-mot-de-passe' }, ip);
      expect(res.statusCode).toBe(401);
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    const knownTimes: number[] = [];
    const unknownTimes: number[] = [];
    // Interleaved, one address each, so that load on the machine weighs on both sides alike.
    for (let i = 0; i < 4; i++) {
      knownTimes.push(await time(known.email, `10.4.${i}.1`));
      unknownTimes.push(await time(`personne-${i}@a.passnum.fr`, `10.4.${i}.2`));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    expect(median(unknownTimes), `unknown ${unknownTimes.join(', ')} ms; known ${knownTimes.join(', ')} ms`).toBeGreaterThanOrEqual(median(knownTimes) / 2);
  }, 60_000);

  it('verifies the password of a disabled account too, and refuses it with the same message', async () => {
    const u = await given(tdb.deps).user({ territoryId, role: 'auditor', email: 'desactive@a.passnum.fr' });
    await tdb.deps.db.updateTable('users').set({ disabled_at: tdb.clock.now().toISOString() }).where('id', '=', u.id).execute();
    const res = await signIn({ email: u.email, password: TEST_PASSWORD }, '10.5.0.1');
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toBe('Adresse e-mail ou mot de passe incorrect.');
    const client = login(app, 'desactive@a.passnum.fr', TEST_PASSWORD, '10.5.0.2');
    await expect(client).rejects.toThrow(/401/);
  });
});
