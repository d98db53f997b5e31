import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDENTITIES } from '../scripts/proconnect-local/identities.ts';
import { seedFoundation } from '../src/demo/seed-foundation.ts';
import { finishProConnectSignIn, startProConnectSignIn } from '../src/usecases/access/sign-in-with-proconnect.ts';
import { createTestDb, dialectName, type TestDb } from './helpers/db.ts';
import { resignWithForeignKey, resignWithProviderKey, signInAtProvider, startTestProConnect, type TestProConnect } from './helpers/proconnect.ts';

// What passnum must not accept even from the right provider's address: tokens the provider did
// not sign, expired ones, an earlier ID token replayed (its nonce belongs to another sign-in), a
// userinfo answer signed by someone else. The local provider is made to answer so (its token and
// userinfo answers rewritten on their way out); everything else is the real exchange.
describe(`ProConnect tokens that must be refused (${dialectName})`, () => {
  let tdb: TestDb;
  let pc: TestProConnect;
  const ORIGIN = 'http://passnum.test';
  const RETURN = `${ORIGIN}/auth/proconnect/retour`;

  beforeAll(async () => {
    tdb = await createTestDb();
    await seedFoundation(tdb.deps);
    pc = await startTestProConnect(tdb.deps, DEMO_IDENTITIES, ORIGIN);
  }, 60_000);
  afterEach(() => {
    pc.provider.rewrite = null;
  });
  afterAll(async () => {
    await pc?.close();
    await tdb?.close();
  });

  async function attempt(sub = 'demo-agent-lens') {
    const started = await startProConnectSignIn(tdb.deps);
    const back = await signInAtProvider(started.url, { sub }, RETURN);
    return finishProConnectSignIn(tdb.deps, { flowToken: started.flowToken, callbackUrl: new URL(back), ip: '127.0.0.1' });
  }

  async function sessionCount(): Promise<number> {
    const row = await tdb.deps.db.selectFrom('sessions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Rewrites the ID token of the token endpoint's answer. */
  function rewriteIdToken(change: (idToken: string) => Promise<string>) {
    pc.provider.rewrite = async (endpoint, body) => {
      if (endpoint !== 'token') return body;
      const json = JSON.parse(body);
      return JSON.stringify({ ...json, id_token: await change(json.id_token) });
    };
  }

  it('accepts the faithful provider (control)', async () => {
    expect((await attempt()).kind).toBe('signed-in');
  });

  it('refuses an expired ID token, though signed by the provider', async () => {
    const before = await sessionCount();
    const now = Math.floor(Date.now() / 1000);
    rewriteIdToken((t) => resignWithProviderKey(pc.provider, t, { iat: now - 3600, exp: now - 600 }));
    const outcome = await attempt();
    expect(outcome).toMatchObject({ kind: 'refused', reason: 'token_invalid' });
    expect(outcome.kind === 'refused' && outcome.technical).toMatch(/"exp"/);
    expect(await sessionCount()).toBe(before);
  });

  it('controls the forging itself: re-signed by the provider’s key and unexpired, the token is accepted', async () => {
    rewriteIdToken((t) => resignWithProviderKey(pc.provider, t, {}));
    expect((await attempt()).kind).toBe('signed-in');
  });

  it('refuses an ID token signed by another key under the provider’s key id', async () => {
    const before = await sessionCount();
    rewriteIdToken((t) => resignWithForeignKey(t));
    const outcome = await attempt();
    expect(outcome).toMatchObject({ kind: 'refused', reason: 'token_invalid' });
    expect(outcome.kind === 'refused' && outcome.technical).toMatch(/signature/i);
    expect(await sessionCount()).toBe(before);
  });

  it('refuses a replayed ID token: genuine and unexpired, but its nonce is another sign-in’s', async () => {
    let captured: string | null = null;
    rewriteIdToken(async (t) => {
      captured ??= t;
      return t;
    });
    expect((await attempt()).kind).toBe('signed-in');
    expect(captured).not.toBeNull();
    const before = await sessionCount();
    rewriteIdToken(async () => captured!);
    const outcome = await attempt();
    expect(outcome).toMatchObject({ kind: 'refused', reason: 'token_invalid' });
    expect(outcome.kind === 'refused' && outcome.technical).toMatch(/nonce/);
    expect(await sessionCount()).toBe(before);
  });

  it('refuses a userinfo answer signed by another key', async () => {
    const before = await sessionCount();
    pc.provider.rewrite = async (endpoint, body) => (endpoint === 'userinfo' ? resignWithForeignKey(body) : body);
    const outcome = await attempt();
    expect(outcome).toMatchObject({ kind: 'refused', reason: 'token_invalid' });
    expect(outcome.kind === 'refused' && outcome.technical).toMatch(/signature/i);
    expect(await sessionCount()).toBe(before);
  });

  it('refuses a userinfo answer sent unsigned (plain JSON), since ProConnect signs it', async () => {
    pc.provider.rewrite = async (endpoint, body) => {
      if (endpoint !== 'userinfo') return body;
      const { decodeJwt } = await import('jose');
      return JSON.stringify(decodeJwt(body));
    };
    const outcome = await attempt();
    expect(outcome).toMatchObject({ kind: 'refused', reason: 'token_invalid' });
  });
});
