import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as fr from '@zxcvbn-ts/language-fr';
import { invalid } from '../../domain/errors.ts';

// Length alone let `aaaaaaaaaaaa` through (issue 19, finding 14). zxcvbn-ts estimates how many
// guesses a password takes, knowing common passwords, French and English words, keyboard patterns,
// dates and repetitions; below score 3 (about 10^8 guesses) the password is refused.
const estimator = new ZxcvbnFactory({ dictionary: { ...common.dictionary, ...fr.dictionary }, graphs: common.adjacencyGraphs });

export const MIN_PASSWORD_SCORE = 3;

/** Refuses, with a French explanation, a password too easy to guess (also from the person's own e-mail or name). */
export function assertStrongPassword(password: string, personal: string[] = []): void {
  const { score } = estimator.check(password, personal.filter(Boolean));
  if (score >= MIN_PASSWORD_SCORE) return;
  throw invalid(
    'password',
    'Ce mot de passe est trop facile à deviner (mot courant, suite de touches, répétition ou information personnelle). Choisissez une phrase de plusieurs mots sans rapport entre eux, par exemple trois ou quatre mots et un chiffre.',
  );
}
