import { describe, expect, it } from 'vitest';
import { euros, frenchDate, frenchDateTime, frenchPhone, parseFrenchDate, shortFrenchDate } from './format.ts';

describe('French formats', () => {
  it('writes calendar dates in words', () => {
    expect(frenchDate('2027-01-31')).toBe('31 janvier 2027');
    expect(frenchDate('2026-05-01')).toBe('1er mai 2026');
  });
  it('writes instants in Paris time', () => {
    expect(frenchDateTime('2026-07-14T08:05:00.000Z')).toBe('14 juillet 2026 à 10 h 05');
  });
  it('writes euros', () => {
    expect(euros(1000).replace(/\s/g, ' ')).toBe('10,00 €');
  });
  it('reads birth dates typed the French way and refuses impossible ones', () => {
    expect(parseFrenchDate('12/03/1950')).toBe('1950-03-12');
    expect(parseFrenchDate(' 1 3 1950 ')).toBe('1950-03-01');
    expect(parseFrenchDate('1950-03-12')).toBe('1950-03-12');
    expect(parseFrenchDate('31/02/1950')).toBeNull();
    expect(parseFrenchDate('12/03/50')).toBeNull();
    expect(shortFrenchDate('1950-03-12')).toBe('12/03/1950');
  });
  it('writes French phone numbers in pairs', () => {
    expect(frenchPhone('+33321000404')).toBe('03 21 00 04 04');
    expect(frenchPhone('0612345678')).toBe('06 12 34 56 78');
    expect(frenchPhone('+441234')).toBe('+441234');
  });
});
