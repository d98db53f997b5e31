// Ticket codes (docs/product.md "Rules that hold everywhere"): random, Crockford Base32, grouped by 4,
// with a check character catching every single substitution and every adjacent swap.
//
// The check is Crockford's: the value of the data part modulo 37. 37 is prime and larger than
// the base (32), so a substitution changes the value by d·32^k (d in 1..31) and an adjacent swap
// by d·31·32^k — never a multiple of 37. Crockford's extra check symbols (*~$=U) are awkward to
// type, so codes are drawn until the check value is below 32 and prints as an ordinary symbol.

export const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const DATA_LENGTH = 17; // 85 bits drawn; ~84.8 bits remain after the check filter.
export const CODE_LENGTH = DATA_LENGTH + 1;

const VALUE = new Map<string, number>([...ALPHABET].map((ch, i) => [ch, i]));
VALUE.set('I', 1).set('L', 1).set('O', 0);

/** Upper-cases, drops spaces and hyphens, reads I/L as 1 and O as 0. No validation. */
export function normaliseCode(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s\-_.]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
}

export function checkValue(data: string): number {
  let rem = 0;
  for (const ch of data) {
    const v = VALUE.get(ch);
    if (v === undefined) return -1;
    rem = (rem * 32 + v) % 37;
  }
  return rem;
}

/**
 * Builds a code from random bytes. Returns null when the draw must be discarded (its check value
 * is 32..36); callers draw again.
 */
export function codeFromRandom(bytes: Uint8Array): string | null {
  if (bytes.length < 11) throw new Error('11 random bytes are needed for a ticket code');
  // The low 85 bits of the 11 bytes read as one big-endian number, 5 bits a character from the
  // most significant: the top 3 bits of the first byte are dropped. Plain integer arithmetic (at
  // most 12 bits pending) — issuance draws hundreds of thousands of codes.
  let pending = bytes[0] & 31;
  let pendingBits = 5;
  let next = 1;
  let data = '';
  let check = 0;
  for (let i = 0; i < DATA_LENGTH; i++) {
    if (pendingBits < 5) {
      pending = (pending << 8) | bytes[next++];
      pendingBits += 8;
    }
    pendingBits -= 5;
    const value = pending >>> pendingBits;
    pending &= (1 << pendingBits) - 1;
    data += ALPHABET[value];
    check = (check * 32 + value) % 37;
  }
  return check < 32 ? data + ALPHABET[check] : null;
}

export type ParsedCode = { ok: true; code: string } | { ok: false };

/** Normalises and validates length, alphabet and check character. */
export function parseCode(input: string): ParsedCode {
  const code = normaliseCode(input);
  if (code.length !== CODE_LENGTH) return { ok: false };
  const data = code.slice(0, DATA_LENGTH);
  const check = checkValue(data);
  if (check < 0 || VALUE.get(code[DATA_LENGTH]) !== check) return { ok: false };
  return { ok: true, code };
}

/** "ABCD EFGH JKMN PQRS TV" — the printed form. */
export function formatCode(code: string): string {
  return code.match(/.{1,4}/g)!.join(' ');
}
