import { describe, expect, it } from 'vitest';
import { decideSignIn, identityFromClaims, isMfaAcr, siretMatches, type AccountCandidate, type ProConnectIdentity } from '../src/domain/proconnect.ts';

const identity: ProConnectIdentity = {
  sub: 'sub-1', email: 'agent@mairie.fr', givenName: 'A', usualName: 'B', siret: '21620498200016', uid: null, organizationalUnit: null, acr: 'eidas1',
};
const account = (p: Partial<AccountCandidate> = {}): AccountCandidate => ({
  userId: 'u1', role: 'agent', disabled: false, linkedSub: null, establishmentSiret: '21620498200016', territorySiren: null, ...p,
});

describe('ProConnect linking rules', () => {
  it.each([
    ['nobody', { bySub: null, byEmail: null }, { kind: 'refuse', reason: 'unknown_person' }],
    ['first sign-in by e-mail links', { bySub: null, byEmail: account() }, { kind: 'sign-in', link: true }],
    ['later sign-in by sub', { bySub: account({ linkedSub: 'sub-1' }), byEmail: null }, { kind: 'sign-in', link: false }],
    ['e-mail account linked to another identity', { bySub: null, byEmail: account({ linkedSub: 'other' }) }, { kind: 'refuse', reason: 'linked_elsewhere' }],
    ['disabled account', { bySub: null, byEmail: account({ disabled: true }) }, { kind: 'refuse', reason: 'account_disabled' }],
    ['other SIRET', { bySub: null, byEmail: account({ establishmentSiret: '21620510400015' }) }, { kind: 'refuse', reason: 'siret_mismatch' }],
    ['linked, but the SIRET changed (new employer)', { bySub: account({ linkedSub: 'sub-1', establishmentSiret: '21620510400015' }), byEmail: null }, { kind: 'refuse', reason: 'siret_mismatch' }],
    ['establishment without SIRET recorded', { bySub: null, byEmail: account({ establishmentSiret: null }) }, { kind: 'refuse', reason: 'siret_mismatch' }],
  ] as const)('%s', (_name, found, expected) => {
    expect(decideSignIn({ identity, ...found, mfaAlreadyRequested: false })).toMatchObject(expected);
  });

  it('asks finance and admin for a second factor once, then refuses', () => {
    for (const role of ['finance', 'admin'] as const) {
      const staff = account({ role, establishmentSiret: null, territorySiren: '216204982' });
      expect(decideSignIn({ identity, bySub: null, byEmail: staff, mfaAlreadyRequested: false })).toEqual({ kind: 'step-up' });
      expect(decideSignIn({ identity, bySub: null, byEmail: staff, mfaAlreadyRequested: true })).toMatchObject({ kind: 'refuse', reason: 'mfa_required' });
      const strong = { ...identity, acr: 'https://proconnect.gouv.fr/assurance/self-asserted-2fa' };
      expect(decideSignIn({ identity: strong, bySub: null, byEmail: staff, mfaAlreadyRequested: false })).toMatchObject({ kind: 'sign-in' });
    }
    expect(decideSignIn({ identity, bySub: null, byEmail: account({ role: 'auditor', establishmentSiret: null, territorySiren: '216204982' }), mfaAlreadyRequested: false })).toMatchObject({ kind: 'sign-in' });
  });

  it('knows the two-factor acr values and nothing else', () => {
    expect(['eidas2', 'eidas3', 'https://proconnect.gouv.fr/assurance/consistency-checked-2fa'].every(isMfaAcr)).toBe(true);
    expect([null, 'eidas1', 'https://proconnect.gouv.fr/assurance/self-asserted', 'EIDAS2'].some(isMfaAcr)).toBe(false);
  });

  it('matches territory staff by the territory’s SIREN', () => {
    expect(siretMatches(account({ establishmentSiret: null, territorySiren: '246200364' }), '24620036400015')).toBe(true);
    expect(siretMatches(account({ establishmentSiret: null, territorySiren: '246200364' }), '21620498200016')).toBe(false);
    expect(siretMatches(account({ establishmentSiret: null, territorySiren: null }), '21620498200016')).toBe(false);
  });

  it('reads the claims, refusing an identity without e-mail or a 14-digit SIRET', () => {
    expect(identityFromClaims({ sub: 's', acr: 'eidas1' }, { email: ' Agent@Mairie.FR ', siret: '216 204 982 00016', given_name: 'A' })).toMatchObject({
      email: 'agent@mairie.fr', siret: '21620498200016', acr: 'eidas1', organizationalUnit: null,
    });
    expect(identityFromClaims({ sub: 's' }, { siret: '21620498200016' })).toBeNull();
    expect(identityFromClaims({ sub: 's' }, { email: 'a@b.fr', siret: '2162049820' })).toBeNull();
  });
});
