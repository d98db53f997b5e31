import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACCREDITATION_TRANSITIONS, assertTransition, type AccreditationDecision, type AccreditationStatus } from '../src/domain/accreditation.ts';
import { assertCanClose, assertCanOpen, assertEditable, validateCampaign, type CampaignSettings } from '../src/domain/campaign.ts';
import { DomainError } from '../src/domain/errors.ts';
import { computeQuotas } from '../src/domain/quota.ts';
import { checkOpeningHours, validateBankDetails, validateSite, validateStructureProfile, type StructureProfile } from '../src/domain/structure.ts';

const valid: CampaignSettings = {
  name: 'Pass numérique 2026', year: 2026, ticketsPerBooklet: 5, faceValueCents: 1000,
  issuanceStart: '2026-01-01', issuanceEnd: '2026-12-31', validityEnd: '2027-01-31', claimDeadline: '2027-03-31',
  budgetCents: 5_000_000, eligibleServices: ['Aide aux démarches administratives'], diagnosticThreshold: 'intermediaire',
  allowReplacement: true, quotaFixed: 10, quotaWeightedTotal: 640,
};

function refusal(fn: () => unknown): { field: unknown; message: string } {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return { field: error.details?.field, message: error.messageFr };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('campaign validation', () => {
  it('accepts consistent settings, including validity end equal to issuance end', () => {
    expect(() => validateCampaign(valid)).not.toThrow();
    expect(() => validateCampaign({ ...valid, validityEnd: valid.issuanceEnd, claimDeadline: valid.issuanceEnd })).not.toThrow();
  });

  const cases: [string, Partial<CampaignSettings>, string, RegExp][] = [
    ['empty name', { name: '  ' }, 'name', /nom de la campagne est obligatoire/],
    ['issuance end before start', { issuanceEnd: '2025-12-31' }, 'issuanceEnd', /fin de distribution \(31\/12\/2025\) ne peut pas précéder son début/],
    ['validity end before issuance end', { validityEnd: '2026-11-30' }, 'validityEnd', /fin de validité des tickets \(30\/11\/2026\)/],
    ['claim deadline before validity end', { claimDeadline: '2027-01-30' }, 'claimDeadline', /date limite de remboursement/],
    ['impossible date', { validityEnd: '2027-02-30' }, 'validityEnd', /n’est pas une date valide/],
    ['zero face value', { faceValueCents: 0 }, 'faceValueCents', /valeur faciale/],
    ['negative budget', { budgetCents: -1 }, 'budgetCents', /budget/],
    ['zero budget', { budgetCents: 0 }, 'budgetCents', /budget/],
    ['no ticket', { ticketsPerBooklet: 0 }, 'ticketsPerBooklet', /entre 1 et 50/],
    ['51 tickets', { ticketsPerBooklet: 51 }, 'ticketsPerBooklet', /entre 1 et 50/],
    ['fractional tickets', { ticketsPerBooklet: 2.5 }, 'ticketsPerBooklet', /nombre entier/],
    ['year outside the issuance window', { year: 2024 }, 'year', /millésime 2024/],
    ['no eligible service', { eligibleServices: [] }, 'eligibleServices', /au moins un service/],
    ['unknown service', { eligibleServices: ['Jardinage' as never] }, 'eligibleServices', /Jardinage/],
    ['unknown threshold', { diagnosticThreshold: 'expert' as never }, 'diagnosticThreshold', /seuil de diagnostic/],
    ['negative fixed quota', { quotaFixed: -1 }, 'quotaFixed', /part fixe/],
    ['negative weighted part', { quotaWeightedTotal: -5 }, 'quotaWeightedTotal', /part pondérée/],
  ];
  it.each(cases)('refuses %s, naming the field in French', (_label, patch, field, message) => {
    const r = refusal(() => validateCampaign({ ...valid, ...patch }));
    expect(r.field).toBe(field);
    expect(r.message).toMatch(message);
  });

  it('allows draft → open → closed only', () => {
    expect(() => assertCanOpen('draft')).not.toThrow();
    expect(() => assertCanOpen('open')).toThrow(/déjà ouverte/);
    expect(() => assertCanOpen('closed')).toThrow(/ne peut pas être rouverte/);
    expect(() => assertCanClose('open')).not.toThrow();
    expect(() => assertCanClose('draft')).toThrow(/Seule une campagne ouverte/);
    expect(() => assertEditable('open')).toThrow(/brouillon/);
  });
});

describe('quota computation', () => {
  it('gives each commune the fixed part plus its share by largest remainder', () => {
    const q = computeQuotas(10, 10, [
      { inseeCode: 'A', weight: 1 },
      { inseeCode: 'B', weight: 1 },
      { inseeCode: 'C', weight: 1 },
    ]);
    // 10/3 = 3.33 each: the one extra booklet goes to the first in INSEE order (ties).
    expect(q.map((c) => c.quota)).toEqual([14, 13, 13]);
    const weighted = computeQuotas(10, 100, [
      { inseeCode: 'LENS', weight: 3 },
      { inseeCode: 'ACHEVILLE', weight: 0 },
      { inseeCode: 'LIEVIN', weight: 2 },
    ]);
    expect(weighted.map((c) => c.quota)).toEqual([70, 10, 50]);
  });

  it('refuses a weighted part with no weight at all, and negative weights', () => {
    expect(refusal(() => computeQuotas(10, 50, [{ inseeCode: 'A', weight: 0 }])).field).toBe('weights');
    expect(refusal(() => computeQuotas(10, 0, [{ inseeCode: 'A', weight: -1 }])).field).toBe('weights');
    expect(computeQuotas(7, 0, [{ inseeCode: 'A', weight: 0 }])).toEqual([{ inseeCode: 'A', weight: 0, quota: 7 }]);
  });

  it('always distributes the weighted total exactly, each share within one of its exact proportion (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 60 }),
        (fixed, total, rawWeights) => {
          const weights = rawWeights.some((w) => w > 0) ? rawWeights : [...rawWeights.slice(1), 1];
          const communes = weights.map((weight, i) => ({ inseeCode: String(62000 + i), weight }));
          const quotas = computeQuotas(fixed, total, communes);
          const totalWeight = weights.reduce((a, b) => a + b, 0);
          expect(quotas.reduce((s, q) => s + q.quota, 0)).toBe(fixed * communes.length + total);
          quotas.forEach((q, i) => {
            const exact = (total * communes[i].weight) / totalWeight;
            expect(q.quota - fixed).toBeGreaterThanOrEqual(Math.floor(exact));
            expect(q.quota - fixed).toBeLessThanOrEqual(Math.ceil(exact));
            if (communes[i].weight === 0) expect(q.quota).toBe(fixed);
          });
          // A larger weight never gets fewer booklets (monotonic).
          for (let i = 0; i < communes.length; i++) {
            for (let j = 0; j < communes.length; j++) {
              if (communes[i].weight > communes[j].weight) expect(quotas[i].quota).toBeGreaterThanOrEqual(quotas[j].quota);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('structure checks', () => {
  const profile: StructureProfile = {
    siret: '81234567800013', name: 'EPN test', email: null, phone: '03 21 00 00 00', website: null, presentation: null,
    typology: ['EPN'], services: ['Aide aux démarches administratives'], publics: [], specificSupport: [], fees: [], nationalProgrammes: [],
    accessModes: [], supportModes: [],
  };

  it('normalises a valid profile (French phone to E.164)', () => {
    expect(validateStructureProfile(profile)).toMatchObject({ siret: '81234567800013', phone: '+33321000000' });
  });

  it('refuses a wrong SIRET in French, and accepts La Poste’s exception', () => {
    expect(refusal(() => validateStructureProfile({ ...profile, siret: '81234567800014' }))).toEqual({
      field: 'siret', message: 'Ce numéro SIRET n’existe pas (la clé de contrôle est fausse). Vérifiez-le sur l’avis de situation INSEE.',
    });
    expect(refusal(() => validateStructureProfile({ ...profile, siret: '1234' })).message).toBe('Le SIRET doit comporter exactement 14 chiffres.');
    // La Poste: the head office passes Luhn; other establishments pass the digit-sum rule.
    expect(validateStructureProfile({ ...profile, siret: '35600000000048' }).siret).toBe('35600000000048');
    expect(validateStructureProfile({ ...profile, siret: '356 000 000 49837' }).siret).toBe('35600000049837');
    expect(refusal(() => validateStructureProfile({ ...profile, siret: '35600000049838' })).field).toBe('siret');
  });

  it('refuses values outside the national enumerations', () => {
    expect(refusal(() => validateStructureProfile({ ...profile, services: ['Jardinage'] }))).toMatchObject({ field: 'services', message: expect.stringMatching(/« Jardinage »/) });
    expect(refusal(() => validateStructureProfile({ ...profile, typology: [] })).field).toBe('typology');
  });

  it('refuses an invalid IBAN or BIC in French', () => {
    expect(validateBankDetails({ iban: 'fr76 1627 5001 0008 0012 3456 788', bic: 'cepafrpp627', accountHolder: 'Médiathèque' })).toEqual({
      iban: 'FR7616275001000800123456788', bic: 'CEPAFRPP627', accountHolder: 'Médiathèque',
    });
    expect(refusal(() => validateBankDetails({ iban: 'FR7616275001000800123456789', bic: null, accountHolder: 'X Y' }))).toMatchObject({
      field: 'iban', message: expect.stringMatching(/L’IBAN est erroné/),
    });
    expect(refusal(() => validateBankDetails({ iban: 'FR76162750010008', bic: null, accountHolder: 'X Y' })).message).toMatch(/nombre de caractères/);
    expect(refusal(() => validateBankDetails({ iban: 'FR7616275001000800123456788', bic: 'XX', accountHolder: 'X Y' }))).toMatchObject({
      field: 'bic', message: expect.stringMatching(/Le BIC n’est pas valide/),
    });
  });

  it('validates opening hours with the opening_hours library, in French', () => {
    expect(checkOpeningHours(' Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00 ')).toBe('Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00');
    const r = refusal(() => checkOpeningHours('lundi matin'));
    expect(r.field).toBe('openingHours');
    expect(r.message).toMatch(/^Les horaires ne sont pas au format OpenStreetMap/);
    expect(r.message).toMatch(/Caractère inattendu|syntaxe/);
  });

  it('refuses a site whose commune is outside the territory or whose postal code does not match', () => {
    const site = { name: 'Site', address: '1 rue de la Gare', communeInsee: '62498', postalCode: '62300', openingHours: null, phone: null, latitude: null, longitude: null };
    expect(refusal(() => validateSite(site, null))).toMatchObject({ field: 'communeInsee', message: 'La commune 62498 ne fait pas partie du territoire.' });
    expect(refusal(() => validateSite({ ...site, postalCode: '62800' }, ['62300'])).field).toBe('postalCode');
  });
});

describe('accreditation transitions', () => {
  const all: AccreditationStatus[] = ['applied', 'accredited', 'suspended', 'withdrawn'];
  const decisions: AccreditationDecision[] = ['accredited', 'suspended', 'withdrawn'];
  const allowed = new Set(['applied>accredited', 'applied>withdrawn', 'accredited>suspended', 'accredited>withdrawn', 'suspended>accredited', 'suspended>withdrawn']);
  for (const from of all) {
    for (const to of decisions) {
      it(`${from} → ${to}: ${allowed.has(`${from}>${to}`) ? 'allowed' : 'refused'}`, () => {
        const run = () => assertTransition(from, to, 'motif');
        if (allowed.has(`${from}>${to}`)) expect(run).not.toThrow();
        else expect(run).toThrow(/Impossible de passer une habilitation/);
      });
    }
  }
  it('matches the published table and requires a reason to suspend or withdraw', () => {
    expect(ACCREDITATION_TRANSITIONS.withdrawn).toEqual([]);
    expect(refusal(() => assertTransition('accredited', 'suspended', ' '))).toMatchObject({ field: 'reason' });
    expect(() => assertTransition('applied', 'accredited', null)).not.toThrow();
  });
});
