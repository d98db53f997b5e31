import transliterate from '@sindresorhus/transliterate';
import { extractIBAN } from 'ibantools';
import { invalid } from './errors.ts';

// SEPA rules a bank applies to a credit transfer (issue #17, point 4): only accounts in the SEPA
// zone; a BIC where the EPC rules still require one (an account outside the European Economic
// Area); names and texts in the EPC Latin character set, transliterated (never emptied).

/** EEA countries (and French overseas departments with their own IBAN code): no BIC needed. */
export const SEPA_EEA = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IS', 'IE', 'IT', 'LV', 'LI', 'LT', 'LU', 'MT',
  'NL', 'NO', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'GF', 'GP', 'MQ', 'YT', 'RE', 'PM', 'BL', 'MF', 'AX',
] as const;
/** SEPA members outside the EEA: the EPC rulebooks require the creditor's BIC. */
export const SEPA_NON_EEA = ['CH', 'GB', 'SM', 'VA', 'MC', 'AD', 'GI', 'AL', 'MD', 'ME', 'MK', 'RS'] as const;

export function ibanCountry(iban: string): string {
  return extractIBAN(iban).countryCode ?? iban.slice(0, 2).toUpperCase();
}

/** Refuses an IBAN outside SEPA, and a non-EEA SEPA IBAN without BIC, with the rule in French. */
export function checkSepaAccount(iban: string, bic: string | null): void {
  const country = ibanCountry(iban);
  if ((SEPA_NON_EEA as readonly string[]).includes(country)) {
    if (!bic) throw invalid('bic', `Pour un compte hors de l’Espace économique européen (pays ${country}), le BIC est obligatoire : recopiez-le depuis le RIB.`);
    return;
  }
  if (!(SEPA_EEA as readonly string[]).includes(country)) {
    throw invalid('iban', `Seuls les comptes de la zone SEPA peuvent être payés par virement : un IBAN ${country} n’en fait pas partie.`);
  }
}

/**
 * Text in the EPC Latin set (a-z A-Z 0-9 / - ? : ( ) . , ' + space): transliterated by
 * @sindresorhus/transliterate (Polish, Vietnamese, Cyrillic, Arabic, Greek…), then anything left
 * outside the set becomes a space; cut at `max` characters.
 */
export function epcText(value: string, max: number): string {
  const latin = transliterate(value.replace(/[’‘`]/g, "'"));
  const plain = latin.replace(/[^A-Za-z0-9/\-?:().,'+ ]/g, ' ').replace(/\s+/g, ' ').trim();
  return plain.slice(0, max).trim();
}

/** A holder name a SEPA file can carry: refused at entry when it has no Latin transliteration. */
export function checkEpcName(field: string, name: string): string {
  const latin = epcText(name, 70);
  if (!/[A-Za-z]/.test(latin)) {
    throw invalid(field, 'Ce nom ne peut pas être écrit en caractères latins dans un virement SEPA : saisissez-le tel qu’il figure en lettres latines sur le RIB.');
  }
  return latin;
}

/** Euro-area TARGET2 closing days besides weekends: 1 Jan, Good Friday, Easter Monday, 1 May, 25-26 Dec. */
export function isTarget2BusinessDay(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  if (day === 0 || day === 6) return false;
  const md = date.slice(5);
  if (md === '01-01' || md === '05-01' || md === '12-25' || md === '12-26') return false;
  const easter = easterSunday(y);
  const offset = (Date.UTC(y, m - 1, d) - easter) / 86_400_000;
  return offset !== -2 && offset !== 1;
}

/** The next TARGET2 business day on or after `date` (YYYY-MM-DD). */
export function nextTarget2BusinessDay(date: string): string {
  let t = Date.parse(`${date}T00:00:00Z`);
  for (;;) {
    const iso = new Date(t).toISOString().slice(0, 10);
    if (isTarget2BusinessDay(iso)) return iso;
    t += 86_400_000;
  }
}

/** Easter Sunday (Gregorian, anonymous algorithm), as a UTC timestamp. */
function easterSunday(y: number): number {
  const a = y % 19, b = Math.floor(y / 100), c = y % 100, d = Math.floor(b / 4), e = b % 4;
  const f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31), day = ((h + l - 7 * m + 114) % 31) + 1;
  return Date.UTC(y, month - 1, day);
}
