import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertProductionReady, loadConfig } from '../src/config.ts';
import { buildApp } from '../src/http/app.ts';
import { runCli } from './helpers/ops-cli.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { given, TEST_PASSWORD } from './helpers/given.ts';

// Production start (finding 3) and trusted proxies (finding 5).
const strong = () => randomBytes(32).toString('base64url');
const production = (env: Record<string, string>) => loadConfig({ NODE_ENV: 'production', PASSNUM_SESSION_SECRET: strong(), PASSNUM_CODE_SECRET: strong(), PASSNUM_AUDIT_KEY: strong(), ...env });

describe('production secrets', () => {
  it('accepts two distinct secrets of 32 random bytes (base64url or hex)', () => {
    expect(() => assertProductionReady(production({}))).not.toThrow();
    const hex = randomBytes(32).toString('hex');
    expect(() => assertProductionReady(production({ PASSNUM_CODE_SECRET: hex }))).not.toThrow();
  });

  it.each([
    ['empty', ''],
    ['short', randomBytes(16).toString('base64url')],
    ['trivial', 'a'.repeat(64)],
    ['a repeated pattern', 'abcd'.repeat(16)],
    ['a sentence', 'ceci-est-mon-secret-de-production-pour-passnum'],
    ['the development default', 'passnum-dev-secret-do-not-use-in-production'],
  ])('refuses a session secret that is %s', (_label, secret) => {
    expect(() => assertProductionReady(production({ PASSNUM_SESSION_SECRET: secret }))).toThrow(/PASSNUM_SESSION_SECRET.*32 octets aléatoires/);
    expect(() => assertProductionReady(production({ PASSNUM_CODE_SECRET: secret }))).toThrow(/PASSNUM_CODE_SECRET.*32 octets aléatoires/);
    expect(() => assertProductionReady(production({ PASSNUM_AUDIT_KEY: secret }))).toThrow(/PASSNUM_AUDIT_KEY.*32 octets aléatoires/);
  });

  it('refuses the same secret for sessions and ticket codes', () => {
    const same = strong();
    expect(() => assertProductionReady(production({ PASSNUM_SESSION_SECRET: same, PASSNUM_CODE_SECRET: same }))).toThrow(/doivent être différents/);
  });

  it('refuses the same secret for the audit key and another secret', () => {
    const same = strong();
    expect(() => assertProductionReady(production({ PASSNUM_CODE_SECRET: same, PASSNUM_AUDIT_KEY: same }))).toThrow(/PASSNUM_CODE_SECRET et PASSNUM_AUDIT_KEY doivent être différents/);
  });

  it('refuses a missing audit key', () => {
    expect(() => assertProductionReady(loadConfig({ NODE_ENV: 'production', PASSNUM_SESSION_SECRET: strong(), PASSNUM_CODE_SECRET: strong() }))).toThrow(/PASSNUM_AUDIT_KEY/);
  });

  it('refuses a missing secret', () => {
    expect(() => assertProductionReady(loadConfig({ NODE_ENV: 'production', PASSNUM_CODE_SECRET: strong() }))).toThrow(/PASSNUM_SESSION_SECRET/);
  });

  it('does not start in production with identical secrets (the real command)', async () => {
    const same = strong();
    const { code, out } = await runCli(['start', '--no-demo'], { NODE_ENV: 'production', PASSNUM_SESSION_SECRET: same, PASSNUM_CODE_SECRET: same, PASSNUM_AUDIT_KEY: strong(), PORT: '0' });
    expect(code).not.toBe(0);
    expect(out).toContain('Refus de démarrer');
    expect(out).toContain('doivent être différents');
    expect(out).not.toContain(same);
  });
});

describe('trusted proxies', () => {
  it('takes a list of addresses, and refuses "true" (which trusted anyone)', () => {
    expect(loadConfig({ PASSNUM_TRUST_PROXY: '10.0.0.1, 192.168.0.0/16' }).trustProxy).toEqual(['10.0.0.1', '192.168.0.0/16']);
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(() => loadConfig({ PASSNUM_TRUST_PROXY: 'true' })).toThrow(/PASSNUM_TRUST_PROXY.*adresses/);
    expect(() => loadConfig({ PASSNUM_TRUST_PROXY: '10.0.0.1, n’importe-quoi' })).toThrow(/n’importe-quoi/);
  });
});

describe(`trusted proxies over HTTP (${dialectName})`, () => {
  let tdb: TestDb;
  let email: string;
  beforeAll(async () => {
    tdb = await createTestDb();
    const territoryId = await given(tdb.deps).territory();
    email = (await given(tdb.deps).user({ territoryId, role: 'auditor' })).email;
  });
  afterAll(() => tdb.close());

  const signIn = async (trustProxy: string[], remoteAddress: string, forwardedFor: string) => {
    const app = await buildApp({ ...tdb.deps, config: { ...tdb.deps.config, trustProxy } }, { serveWeb: false });
    try {
      const res = await app.inject({ method: 'POST', url: '/api/session', payload: { email, password: TEST_PASSWORD }, remoteAddress, headers: { 'x-forwarded-for': forwardedFor, 'x-forwarded-proto': 'https' } });
      expect(res.statusCode).toBe(200);
      const row = await tdb.deps.db.selectFrom('audit_log').select('details').where('action', '=', 'session.opened').orderBy('seq', 'desc').executeTakeFirstOrThrow();
      return { ip: JSON.parse(row.details).ip as string, secure: res.cookies.find((c) => c.name === 'passnum_session')?.secure === true };
    } finally {
      await app.close();
    }
  };

  it('believes X-Forwarded-For only from a listed proxy; Secure cookies follow the setting', async () => {
    expect(await signIn(['10.0.0.1'], '203.0.113.9', '198.51.100.7')).toEqual({ ip: '203.0.113.9', secure: true });
    expect(await signIn(['10.0.0.1'], '10.0.0.1', '198.51.100.7')).toEqual({ ip: '198.51.100.7', secure: true });
    expect(await signIn([], '10.0.0.1', '198.51.100.7')).toEqual({ ip: '10.0.0.1', secure: false });
  });
});
