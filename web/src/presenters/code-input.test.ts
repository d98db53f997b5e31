import { describe, expect, it } from 'vitest';
import { codeFromRandom, formatCode } from '../../../src/domain/ticket-code.ts';
import { codeInputMessage, readCodeInput } from './code-input.ts';

function aCode(): string {
  for (let seed = 1; ; seed++) {
    const c = codeFromRandom(new Uint8Array(11).map((_, i) => (i * 37 + seed * 11) % 256));
    if (c) return c;
  }
}

describe('reading a ticket code as it is typed', () => {
  const code = aCode();

  it('accepts a complete code typed in lower case with spaces, reading o as 0', () => {
    const typed = formatCode(code).toLowerCase().replace(/0/g, 'o');
    expect(readCodeInput(typed)).toEqual({ kind: 'ok', code, formatted: formatCode(code) });
  });

  it('counts characters while the code is incomplete', () => {
    expect(readCodeInput(code.slice(0, 5))).toEqual({ kind: 'incomplete', typed: 5, needed: 18 });
    expect(codeInputMessage(readCodeInput(code.slice(0, 1)))).toBe('1 caractère sur 18.');
  });

  it('catches a typo with the check character', () => {
    const wrong = code.slice(0, 3) + (code[3] === 'A' ? 'B' : 'A') + code.slice(4);
    expect(readCodeInput(wrong).kind).toBe('typo');
    expect(codeInputMessage(readCodeInput(wrong))).toMatch(/faute de frappe/);
  });

  it('names characters that cannot be in a code', () => {
    expect(readCodeInput('ABCU?')).toEqual({ kind: 'bad_characters', characters: ['U', '?'] });
  });

  it('says nothing for an empty field', () => {
    expect(codeInputMessage(readCodeInput('  '))).toBeNull();
  });
});
