import { describe, expect, it } from 'vitest';
import { currentCampaign, funnelSteps, halfOfPeopleWithin } from './dashboard-words.ts';

describe('the dashboards in plain words', () => {
  it('gives each step its count and its rate of its own reference', () => {
    const steps = funnelSteps({ quota: 3000, handedOut: 24, handedOutPercentOfQuota: 0.8, firstUsed: 12, firstUsedPercent: 50, allUsed: 6, allUsedPercent: 25 });
    expect(steps.map((s) => s.key)).toEqual(['quota', 'handedOut', 'firstUsed', 'allUsed']);
    expect(steps.map((s) => s.sentence.replace(/[\u00a0\u202f]/g, ' '))).toEqual([
      '3 000 carnets prévus (quota)',
      '24 carnets remis — 0,8 % du quota',
      '12 avec au moins un ticket utilisé — 50 % des carnets remis',
      '6 avec tous les tickets utilisés — 25 % des carnets remis',
    ]);
    expect(steps.map((s) => s.percent)).toEqual([null, 0.8, 50, 25]);
  });
  it('has no quota step and no quota rate when the scope has no quota; no rate when nothing was handed out', () => {
    const steps = funnelSteps({ quota: null, handedOut: 0, handedOutPercentOfQuota: null, firstUsed: 0, firstUsedPercent: null, allUsed: 0, allUsedPercent: null });
    expect(steps.map((s) => s.sentence)).toEqual(['0 carnet remis', '0 avec au moins un ticket utilisé', '0 avec tous les tickets utilisés']);
  });
  it('tells the median delay as what half of the people did', () => {
    expect(halfOfPeopleWithin(12)).toBe('La moitié des personnes ont utilisé leur premier ticket dans les 12 jours qui ont suivi la remise de leur carnet.');
    expect(halfOfPeopleWithin(0)).toContain('le jour même');
    expect(halfOfPeopleWithin(1)).toContain('le lendemain');
    expect(halfOfPeopleWithin(null)).toContain('Aucun ticket utilisé');
    for (const d of [null, 0, 1, 5]) expect(halfOfPeopleWithin(d)).not.toMatch(/médian/i);
  });
  it('opens on the open campaign that started last, else the latest closed one, else none', () => {
    const c = (id: string, status: string, issuanceStart: string) => ({ id, status, issuanceStart, year: Number(issuanceStart.slice(0, 4)) });
    expect(currentCampaign([c('a', 'open', '2025-01-01'), c('b', 'open', '2026-01-01'), c('d', 'draft', '2027-01-01')])?.id).toBe('b');
    expect(currentCampaign([c('a', 'closed', '2024-01-01'), c('b', 'closed', '2025-01-01'), c('d', 'draft', '2027-01-01')])?.id).toBe('b');
    expect(currentCampaign([c('d', 'draft', '2027-01-01')])).toBeNull();
    expect(currentCampaign([])).toBeNull();
  });
});
