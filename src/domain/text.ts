// Characters no text field may hold (issue 19, findings 6 and 18):
// - C0 control characters other than tab, line feed and carriage return, and DEL: PostgreSQL
//   refuses NUL in text, XML 1.0 (hence XLSX and SEPA files) refuses the others;
// - the non-characters U+FFFE and U+FFFF and unpaired surrogates: invalid in XML and in UTF-8;
// - the bidirectional controls (embeddings, overrides, isolates, marks): they make a name display
//   otherwise than it reads, which hides who is who on a screen or in an export.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const INVALID = /[\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

// Every character XML 1.0 cannot hold: C0 controls but tab and line breaks, U+FFFE, U+FFFF, and
// unpaired surrogates (DEL and the bidirectional controls are valid XML).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `text` without the characters XML 1.0 cannot hold. A second defence for generated XML files
 * (XLSX): validation already refuses them in input, but one cell slipping through (older data, an
 * import path that forgot the guard) would make the whole file unreadable for its recipient.
 */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, '');
}

export type ForbiddenCharacter = 'control' | 'invalid' | 'bidi';

/** The kind of the first forbidden character of `text`, or null when it has none. */
export function forbiddenCharacter(text: string): ForbiddenCharacter | null {
  if (CONTROL.test(text)) return 'control';
  if (INVALID.test(text)) return 'invalid';
  if (BIDI.test(text)) return 'bidi';
  return null;
}

export const FORBIDDEN_CHARACTER_FR: Record<ForbiddenCharacter, string> = {
  control: 'un caractère de contrôle invisible',
  invalid: 'un caractère invalide (non-caractère Unicode)',
  bidi: 'un caractère invisible qui inverse le sens d’écriture',
};

/**
 * A `YYYY-MM-DD` date whose year lies between 1800 and 2999: far enough for any birth date or
 * campaign, and short of year 9999, where adding a day leaves the four-digit format and date
 * arithmetic breaks. Whether the day exists is each use case's check, with its own message.
 */
export function isPlausibleIsoDate(text: string): boolean {
  const m = /^(\d{4})-\d{2}-\d{2}$/.exec(text);
  return !!m && Number(m[1]) >= 1800 && Number(m[1]) <= 2999;
}
