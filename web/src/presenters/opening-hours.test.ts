import { describe, expect, it } from 'vitest';
import { frenchTime, openingView as view, parisWallClock } from './opening-hours.ts';

// Times use non-breaking spaces; compare with ordinary ones.
const plain = (s: string) => s.replace(/\u00a0/g, ' ');
const openingView = (value: string | null, at: Date) => {
  const v = view(value, at);
  return { status: { ...v.status, text: plain(v.status.text) }, week: v.week.map((d) => ({ day: d.day, hours: plain(d.hours) })) };
};

const HOURS = 'Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00';

describe('opening hours for residents', () => {
  it('reads the Paris wall clock whatever the instant', () => {
    // 2026-03-16 is a Monday; 09:30 UTC is 10:30 in Paris (winter time).
    const d = parisWallClock(new Date('2026-03-16T09:30:00Z'));
    expect([d.getDate(), d.getHours(), d.getMinutes()]).toEqual([16, 10, 30]);
    // Summer time: +2 h.
    expect(parisWallClock(new Date('2026-07-01T09:30:00Z')).getHours()).toBe(11);
  });

  it('says "Ouvert maintenant" with the closing time while open', () => {
    const v = openingView(HOURS, new Date('2026-03-16T09:30:00Z'));
    expect(v.status).toEqual({ kind: 'open', text: 'Ouvert maintenant — ferme aujourd’hui à 12 h' });
  });

  it('gives the next opening when closed, over the weekend', () => {
    // Saturday 2026-03-21 at 13:00 Paris: next opening Monday 23 at 9 h.
    const v = openingView(HOURS, new Date('2026-03-21T12:00:00Z'));
    expect(v.status).toEqual({ kind: 'closed', text: 'Fermé — prochaine ouverture : lundi 23 à 9 h' });
    expect(v.week[0]).toEqual({ day: 'aujourd’hui (samedi)', hours: '9 h – 12 h' });
    expect(v.week[1]).toEqual({ day: 'dimanche', hours: 'fermé' });
    expect(v.week[2]).toEqual({ day: 'lundi', hours: '9 h – 12 h, 14 h – 18 h' });
  });

  it('says "demain" for the next day', () => {
    const v = openingView(HOURS, new Date('2026-03-16T18:00:00Z'));
    expect(v.status.text).toBe('Fermé — prochaine ouverture : demain à 9 h');
  });

  it('does not pretend when hours are missing or unreadable', () => {
    expect(openingView(null, new Date()).status.kind).toBe('unknown');
    expect(openingView('n’importe quoi', new Date()).status.kind).toBe('unknown');
  });

  it('writes times the French way', () => {
    expect(frenchTime(new Date(2026, 0, 1, 14, 5))).toBe('14\u00a0h\u00a005');
  });
});
