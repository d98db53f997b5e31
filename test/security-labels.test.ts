import { describe, expect, it } from 'vitest';
import { ProConnectRefusalReason } from '../src/contracts/proconnect.ts';
import { SECURITY_ACTION_LABELS, securityActionLabel, securityDetailText } from '../src/domain/security-labels.ts';
import { SECURITY_LOGGED_ROUTES } from '../src/http/security-log.ts';

describe('security log labels', () => {
  it('names in French every action the log writes', () => {
    // Sign-in routes write their outcome, not their route's action.
    const written = new Set(Object.values(SECURITY_LOGGED_ROUTES).map((r) => r.action).filter((a) => !a.startsWith('login')));
    for (const action of [...written, 'login.succeeded', 'login.failed']) expect(SECURITY_ACTION_LABELS[action], action).toBeTruthy();
    expect(securityActionLabel('something.new')).toBe('Autre action');
  });

  it('says through what and why, without codes', () => {
    expect(securityDetailText({ via: 'proconnect', reason: 'siret_mismatch' })).toBe('avec ProConnect, établissement différent de celui du compte');
    for (const reason of ProConnectRefusalReason.options) expect(securityDetailText({ reason }), reason).not.toContain('autre motif');
    expect(securityDetailText({ reason: 'unknown_account' })).toBe('adresse sans compte');
    expect(securityDetailText({ format: 'xlsx' })).toBe('format XLSX');
    expect(securityDetailText({})).toBeNull();
  });
});
