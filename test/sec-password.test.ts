import { describe, expect, it } from 'vitest';
import { assertStrongPassword } from '../src/usecases/support/password-strength.ts';

// Finding 14: a password strength estimator (zxcvbn-ts) refuses common and guessable passwords.
describe('password strength', () => {
  it.each(['aaaaaaaaaaaa', 'azertyuiop123', 'motdepasse2026', '123456789012'])('refuses %s with a French explanation', (password) => {
    expect(() => assertStrongPassword(password, ['passnum'])).toThrow(/trop facile à deviner/);
  });
  it.each(['un-mot-de-passe-solide', 'Un mot de passe vraiment solide 2026', 'girafe parapluie 7 tramway'])('accepts %s', (password) => {
    expect(() => assertStrongPassword(password, ['passnum'])).not.toThrow();
  });
});
