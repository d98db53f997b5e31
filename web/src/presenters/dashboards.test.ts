import { describe, expect, it } from 'vitest';
import { datasetsFor, frenchPercent, lastDayOf, MONTH, showsFunnel } from './dashboards.ts';

describe('dashboard presenters', () => {
  it('writes percentages the French way', () => {
    expect(frenchPercent(42.5)).toBe('42,5\u00a0%');
    expect(frenchPercent(100)).toBe('100\u00a0%');
    expect(frenchPercent(null)).toBe('—');
  });
  it('turns a month into its first and last days, leap years included', () => {
    expect(lastDayOf('2026-02')).toBe('2026-02-28');
    expect(lastDayOf('2028-02')).toBe('2028-02-29');
    expect(lastDayOf('2026-12')).toBe('2026-12-31');
    expect(MONTH.test('2026-03')).toBe(true);
    expect(MONTH.test('2026-13')).toBe(false);
    expect(MONTH.test('mars 2026')).toBe(false);
  });
  it('offers each role only the exports and dashboards it may see', () => {
    expect(datasetsFor('structure_manager')).not.toContain('beneficiaries');
    expect(datasetsFor('agent')).toContain('beneficiaries');
    expect(datasetsFor('finance')).not.toContain('beneficiaries');
    expect(showsFunnel('structure_manager')).toBe(false);
    expect(showsFunnel('auditor')).toBe(true);
  });
});
