import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import type { TestDb } from './db.ts';

/** buildApp() on a test database, plus a signed-in client helper for app.inject(). */
export async function createTestApp(tdb: TestDb): Promise<FastifyInstance> {
  return buildApp(tdb.deps, { serveWeb: false });
}

type Send = (url: string, body?: unknown) => Promise<LightMyRequestResponse>;
export interface Client {
  get: Send;
  post: Send;
  put: Send;
  patch: Send;
  delete: Send;
  cookie: string;
  csrf: string;
}

/** Signs in through POST /api/session and returns a client carrying the cookie and CSRF token. */
export async function login(app: FastifyInstance, email: string, password = 'passnum-demo', ip = '127.0.0.1'): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/session', payload: { email, password }, remoteAddress: ip });
  if (res.statusCode !== 200) throw new Error(`login ${email} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = res.json().csrfToken as string;
  const send = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'): Send => (url, body) =>
    app.inject({
      method,
      url,
      headers: { cookie, 'x-csrf-token': csrf },
      ...(body !== undefined ? { payload: body as object } : {}),
      remoteAddress: ip,
    });
  return { get: send('GET'), post: send('POST'), put: send('PUT'), patch: send('PATCH'), delete: send('DELETE'), cookie, csrf };
}
