import { describe, expect, it } from 'vitest';
import { campaignBody, centsToInput, emptyCampaignForm, parseEuros } from './admin.ts';

describe('admin presenters', () => {
  it('reads euros typed the French way', () => {
    expect(parseEuros('10')).toBe(1000);
    expect(parseEuros('10,5')).toBe(1050);
    expect(parseEuros('1 500,00 €')).toBe(150000);
    expect(parseEuros('1\u202f500,00')).toBe(150000);
    expect(parseEuros('dix')).toBeNull();
    expect(parseEuros('10,555')).toBeNull();
    expect(centsToInput(150000)).toBe('1500,00');
  });

  it('turns the campaign form into the API body, or names the fields to fix', () => {
    const form = { ...emptyCampaignForm(2027, ['Aide aux démarches administratives']), budget: '150 000' };
    const { body, errors } = campaignBody(form);
    expect(errors).toEqual({});
    expect(body).toMatchObject({ year: 2027, faceValueCents: 1000, budgetCents: 15_000_000, ticketsPerBooklet: 5, validityEnd: '2028-01-31' });
    const bad = campaignBody({ ...form, faceValue: '0', eligibleServices: [], year: '27' });
    expect(Object.keys(bad.errors).sort()).toEqual(['millesime', 'services-eligibles', 'valeur']);
    expect(body.eligibilityRule).toBe('need_areas');
    expect(campaignBody({ ...form, eligibilityRule: '' }).errors).toEqual({ 'regle-eligibilite': 'Choisissez comment le diagnostic décide qui peut recevoir un carnet.' });
  });
});
