import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../src/usecases/support/deps.ts';
import { SERVICE } from './given-redemption.ts';

export interface Answer { status: number; body: any }

/** Starts the app on a real port (127.0.0.1) and returns its base URL. */
export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address !== 'object') throw new Error('no address');
  return `http://127.0.0.1:${address.port}`;
}

export function postRedemption(baseUrl: string, token: string, body: unknown, init: RequestInit = {}): Promise<Answer> {
  return fetch(`${baseUrl}/api/redemptions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
    body: JSON.stringify(body),
    signal: init.signal,
  }).then(async (r) => ({ status: r.status, body: await r.json() }));
}

/** `n` simultaneous redemptions of the same code, each from its own scanner (own clientRedemptionId). */
export function hammer(baseUrls: string[], token: string, code: string, siteId: string, n = 50): Promise<Answer[]> {
  return Promise.all(
    Array.from({ length: n }, (_, i) =>
      postRedemption(baseUrls[i % baseUrls.length], token, { clientRedemptionId: randomUUID(), codes: [code], service: { ...SERVICE, siteId } }),
    ),
  );
}

export interface Verdict { oks: number; refusals: Record<string, number>; redemptionRows: number; auditEntries: number }

/** What the database and the answers say about one ticket after a burst. */
export async function verdict(deps: Deps, ticketId: string, answers: Answer[]): Promise<Verdict> {
  const refusals: Record<string, number> = {};
  for (const a of answers) if (a.status !== 201) refusals[`${a.status} ${a.body.code}`] = (refusals[`${a.status} ${a.body.code}`] ?? 0) + 1;
  const rows = await deps.db.selectFrom('redemptions').select('id').where('ticket_id', '=', ticketId).execute();
  const audits = await deps.db
    .selectFrom('audit_log')
    .select('seq')
    .where('target_type', '=', 'ticket')
    .where('target_id', '=', ticketId)
    .where('action', '=', 'ticket.redeemed')
    .execute();
  return { oks: answers.filter((a) => a.status === 201).length, refusals, redemptionRows: rows.length, auditEntries: audits.length };
}

/** The exactly-once invariant, as a list of violations (empty when it holds). */
export function exactlyOnceViolations(v: Verdict): string[] {
  const out: string[] = [];
  if (v.oks !== 1) out.push(`${v.oks} successful redemptions instead of 1`);
  if (v.redemptionRows !== 1) out.push(`${v.redemptionRows} redemption rows instead of 1`);
  if (v.auditEntries !== 1) out.push(`${v.auditEntries} audit entries instead of 1`);
  return out;
}

/** Spawns a second app process on the same database; resolves with its base URL once it listens. */
export function spawnApp(env: Record<string, string | undefined>): Promise<{ url: string; child: ChildProcess }> {
  const root = path.resolve(import.meta.dirname, '../..');
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/serve-app.ts'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`app process did not start: ${err}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /LISTENING (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: `http://127.0.0.1:${m[1]}`, child });
      }
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`app process exited (${code}): ${err}`)));
  });
}

export function stopApp(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
