import { describe, expect, it } from 'vitest';
import { barWidth, datasetsFor, frenchPercent, showsFunnel } from './dashboards.ts';

describe('dashboard presenters', () => {
  it('writes percentages the French way', () => {
    expect(frenchPercent(42.5)).toBe('42,5\u00a0%');
    expect(frenchPercent(100)).toBe('100\u00a0%');
    expect(frenchPercent(null)).toBe('—');
  });
  it('bounds bar widths and avoids dividing by zero', () => {
    expect(barWidth(1, 4)).toBe(25);
    expect(barWidth(5, 0)).toBe(0);
    expect(barWidth(9, 4)).toBe(100);
  });
  it('offers each role only the exports and dashboards it may see', () => {
    expect(datasetsFor('structure_manager')).not.toContain('beneficiaries');
    expect(datasetsFor('agent')).toContain('beneficiaries');
    expect(datasetsFor('finance')).not.toContain('beneficiaries');
    expect(showsFunnel('structure_manager')).toBe(false);
    expect(showsFunnel('auditor')).toBe(true);
  });
});
