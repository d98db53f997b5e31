import { describe, expect, it } from 'vitest';
import { parisLocalToIso, seatsWords, sessionErrors } from './structure.ts';

describe('structure presenters', () => {
  it('turns a Paris date and time into a UTC instant, in winter, in summer and across the DST change', () => {
    expect(parisLocalToIso('2026-03-24', '14:30')).toBe('2026-03-24T13:30:00.000Z');
    expect(parisLocalToIso('2026-07-01', '09:00')).toBe('2026-07-01T07:00:00.000Z');
    // 29 March 2026: clocks go forward at 02:00; an afternoon session is at UTC+2.
    expect(parisLocalToIso('2026-03-29', '14:00')).toBe('2026-03-29T12:00:00.000Z');
    expect(parisLocalToIso('2026-03-24', '25:00')).toBeNull();
    expect(parisLocalToIso('24/03/2026', '14:00')).toBeNull();
  });

  it('refuses a session in the past, without a title or with no seats', () => {
    const ok = { siteId: 's', title: 'Atelier', theme: 'Smartphone', format: 'collectif', date: '2026-03-24', time: '14:00', durationMinutes: '120', capacity: '8' };
    expect(sessionErrors(ok, '2026-03-15T10:00:00.000Z')).toEqual({});
    expect(Object.keys(sessionErrors({ ...ok, date: '2026-03-01', title: ' ', capacity: '0' }, '2026-03-15T10:00:00.000Z')).sort()).toEqual(['seance-date', 'seance-places', 'seance-titre']);
  });

  it('words the seats left', () => {
    expect(seatsWords(3, 8)).toBe('3 inscrits — 5 places libres sur 8');
    expect(seatsWords(8, 8)).toBe('Complet (8 places)');
  });
});
