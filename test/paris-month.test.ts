import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parisDate, parisMonthOf } from '../src/domain/paris-time.ts';

// The dashboards' month of an instant (SQLite function paris_month): the shortcut must agree with
// the time-zone database everywhere, including month ends and daylight-saving changes.
describe('Paris month of an instant', () => {
  it('agrees with the time-zone database on random instants and at every month end', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }), (ms) => {
        const iso = new Date(ms).toISOString();
        expect(parisMonthOf(iso)).toBe(parisDate(new Date(ms)).slice(0, 7));
      }),
      { numRuns: 20_000 },
    );
    for (let y = 2024; y <= 2027; y++) {
      for (let mo = 0; mo < 12; mo++) {
        const end = Date.UTC(y, mo + 1, 1);
        for (const minutes of [-121, -120, -119, -61, -60, -59, -1, 0]) {
          const iso = new Date(end + minutes * 60_000).toISOString();
          expect(parisMonthOf(iso), iso).toBe(parisDate(new Date(iso)).slice(0, 7));
        }
      }
    }
    expect(parisMonthOf('2026-03-31T22:30:00.000Z')).toBe('2026-04');
    expect(parisMonthOf('2026-12-31T22:59:59.000Z')).toBe('2026-12');
    expect(parisMonthOf('2026-12-31T23:00:00.000Z')).toBe('2027-01');
  });
});
