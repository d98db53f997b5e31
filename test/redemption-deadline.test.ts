import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isOnOrBeforeParisDay, parisDate } from '../src/domain/paris-time.ts';
import { dialectName } from './helpers/db.ts';
import { DEADLINE_CASES, probeDeadlines, type ProbeResult } from './helpers/deadline-probe.ts';

// Issue #4, item 5: a ticket is usable until 23:59:59 Paris time on its validity day, whatever the
// server's time zone and across the daylight-saving changes. Node reads TZ once, at the first
// date operation, so other zones run in child processes.

const expected = DEADLINE_CASES.map(([validityEnd, at, outcome]) => ({
  validityEnd,
  at,
  domain: outcome,
  redemption: outcome,
  afterJob: outcome === 'ok' ? 'issued' : 'expired',
}));

async function probeIn(zone: string): Promise<ProbeResult> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'test/helpers/deadline-probe.ts'], {
    cwd: path.resolve(import.meta.dirname, '..'),
    env: { ...process.env, TZ: zone, NODE_ENV: 'test' },
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as ProbeResult;
}

describe(`validity deadline in Europe/Paris (${dialectName})`, () => {
  it('the pure rule: 23:59:59 Paris on the last day is in, 00:00:00 the next day is out', () => {
    for (const [validityEnd, at, outcome] of DEADLINE_CASES) {
      expect(isOnOrBeforeParisDay(new Date(at), validityEnd), `${validityEnd} at ${at}`).toBe(outcome === 'ok');
    }
    expect(parisDate(new Date('2025-10-26T00:30:00Z'))).toBe('2025-10-26'); // 02:30 CEST
    expect(parisDate(new Date('2025-10-26T01:30:00Z'))).toBe('2025-10-26'); // 02:30 CET, the repeated hour
  });

  it('redemption and expiry job agree with the rule in this process', async () => {
    const probe = await probeDeadlines();
    expect(probe.results).toEqual(expected);
  });

  it.each([
    ['UTC', 0],
    ['Pacific/Auckland', -780],
    ['America/New_York', 300],
  ])('on a server running in %s', { timeout: 120_000 }, async (zone, offset) => {
    const probe = await probeIn(zone);
    expect(probe.zone).toBe(zone);
    expect(probe.offsetMinutes).toBe(offset);
    expect(probe.results).toEqual(expected);
  });
});
