// Live reading of a ticket code as it is typed (public check page, mediators' manual entry):
// the check character catches a typo before anything is sent to the server.
import { ALPHABET, CODE_LENGTH, formatCode, normaliseCode, parseCode } from '../../../src/domain/ticket-code.ts';

export type CodeInputState =
  | { kind: 'empty' }
  | { kind: 'incomplete'; typed: number; needed: number }
  | { kind: 'bad_characters'; characters: string[] }
  | { kind: 'too_long'; typed: number; needed: number }
  | { kind: 'typo' }
  | { kind: 'ok'; code: string; formatted: string };

export function readCodeInput(input: string): CodeInputState {
  const code = normaliseCode(input);
  if (!code) return { kind: 'empty' };
  const bad = [...new Set([...code].filter((ch) => !ALPHABET.includes(ch)))];
  if (bad.length) return { kind: 'bad_characters', characters: bad };
  if (code.length < CODE_LENGTH) return { kind: 'incomplete', typed: code.length, needed: CODE_LENGTH };
  if (code.length > CODE_LENGTH) return { kind: 'too_long', typed: code.length, needed: CODE_LENGTH };
  const parsed = parseCode(code);
  return parsed.ok ? { kind: 'ok', code: parsed.code, formatted: formatCode(parsed.code) } : { kind: 'typo' };
}

/** The French sentence for a state; null while there is nothing useful to say. */
export function codeInputMessage(state: CodeInputState): string | null {
  switch (state.kind) {
    case 'empty':
      return null;
    case 'incomplete':
      return `${state.typed} caractère${state.typed > 1 ? 's' : ''} sur ${state.needed}.`;
    case 'bad_characters':
      return `Ce caractère ne peut pas figurer dans un code : ${state.characters.join(' ')}. Les codes n’ont que des chiffres et des lettres, sans U.`;
    case 'too_long':
      return `Le code est trop long : ${state.typed} caractères au lieu de ${state.needed}.`;
    case 'typo':
      return 'Ce code contient une faute de frappe : vérifiez chaque caractère avec votre ticket.';
    case 'ok':
      return `Code complet : ${state.formatted}.`;
  }
}
