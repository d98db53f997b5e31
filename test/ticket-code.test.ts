import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawCode } from '../src/usecases/support/mint-booklets.ts';
import { ALPHABET, CODE_LENGTH, DATA_LENGTH, formatCode, normaliseCode, parseCode } from '../src/domain/ticket-code.ts';
import { randomBytes } from 'node:crypto';

// Issue #3, item 4: codes are random (≥ 80 bits), Crockford Base32, typed in groups of 4, and the
// check character rejects every single substitution and every adjacent swap.

const draw = () => drawCode({ randomBytes: (n) => new Uint8Array(randomBytes(n)) });
const SAMPLE = Array.from({ length: 40 }, draw);

describe('ticket codes', () => {
  it('carry at least 80 random bits in an alphabet without I, L, O, U', () => {
    expect(CODE_LENGTH).toBe(18);
    // 17 data characters of 5 bits, minus the ~0.2 bit lost by redrawing check values 32..36.
    const bits = DATA_LENGTH * 5 + Math.log2(32 / 37);
    expect(bits).toBeGreaterThanOrEqual(80);
    expect(ALPHABET).toHaveLength(32);
    expect(ALPHABET).not.toMatch(/[ILOU]/);
    for (const code of SAMPLE) {
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{18}$/);
      expect(parseCode(code)).toEqual({ ok: true, code });
    }
    // Draws differ: 40 codes, 40 distinct values, every data position varies across the sample.
    expect(new Set(SAMPLE).size).toBe(SAMPLE.length);
    for (let i = 0; i < DATA_LENGTH; i++) expect(new Set(SAMPLE.map((c) => c[i])).size).toBeGreaterThan(1);
  });

  it('rejects every single-character substitution, at every position, of every sampled code', () => {
    let tried = 0;
    for (const code of SAMPLE) {
      for (let i = 0; i < CODE_LENGTH; i++) {
        for (const ch of ALPHABET) {
          if (ch === code[i]) continue;
          const typo = code.slice(0, i) + ch + code.slice(i + 1);
          expect(parseCode(typo).ok, `${code} → ${typo}`).toBe(false);
          tried++;
        }
      }
    }
    expect(tried).toBe(SAMPLE.length * CODE_LENGTH * 31);
  });

  it('rejects every adjacent swap of two different characters, check character included', () => {
    let tried = 0;
    for (const code of SAMPLE) {
      for (let i = 0; i < CODE_LENGTH - 1; i++) {
        if (code[i] === code[i + 1]) continue;
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        expect(parseCode(swapped).ok, `${code} → ${swapped}`).toBe(false);
        tried++;
      }
    }
    expect(tried).toBeGreaterThan(SAMPLE.length * 15);
  });

  it('rejects substitutions and swaps of arbitrary valid codes (property)', () => {
    const codeArb = fc.uint8Array({ minLength: 11, maxLength: 11 }).map((b) => {
      let i = 0;
      return drawCode({ randomBytes: (n) => (i++ === 0 ? b.slice(0, n) : new Uint8Array(randomBytes(n))) });
    });
    fc.assert(
      fc.property(codeArb, fc.nat(CODE_LENGTH - 1), fc.nat(30), (code, pos, shift) => {
        const replacement = ALPHABET[(ALPHABET.indexOf(code[pos]) + 1 + shift) % 32];
        expect(parseCode(code.slice(0, pos) + replacement + code.slice(pos + 1)).ok).toBe(false);
        const j = Math.min(pos, CODE_LENGTH - 2);
        if (code[j] !== code[j + 1]) expect(parseCode(code.slice(0, j) + code[j + 1] + code[j] + code.slice(j + 2)).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads i and l as 1, o as 0, ignores case, spaces and hyphens', () => {
    const code = SAMPLE.find((c) => /[01]/.test(c)) ?? SAMPLE[0];
    const typed = formatCode(code).toLowerCase().replace(/1/g, 'l').replace(/0/g, 'o').replace(/ /g, ' - ');
    expect(normaliseCode(typed)).toBe(code);
    expect(parseCode(typed)).toEqual({ ok: true, code });
    expect(normaliseCode('ab1i-L o0O')).toBe('AB111000');
    expect(parseCode(`  ${formatCode(code)}  `)).toEqual({ ok: true, code });
    expect(parseCode(code.slice(0, -1)).ok).toBe(false);
    expect(parseCode(`${code}0`).ok).toBe(false);
    expect(parseCode(code.replace(/.$/, 'U')).ok).toBe(false);
  });

  it('prints in groups of 4', () => {
    expect(formatCode('ABCD0123EFGH4567JK')).toBe('ABCD 0123 EFGH 4567 JK');
  });
});
