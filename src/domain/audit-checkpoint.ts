/**
 * The line a checkpoint of the audit chain prints as (statements, the monthly claim summary), and
 * its reading back by `passnum audit:verify --checkpoint "<line>"`. The line carries the count, the
 * first 16 hexadecimal digits of the head's hash and of the checkpoint's signature, and the time it
 * was taken, to the second, in UTC (the signed time, so that the line alone can be checked).
 */
export interface CheckpointLine { seq: number; hash: string; mac: string; at: string }

export const PRINTED_DIGITS = 16;

export function checkpointLine(c: { seq: number; hash: string; mac: string; at: string }): string {
  const [date, time] = c.at.slice(0, 19).split('T');
  const [y, m, d] = date.split('-');
  const hash = (c.hash || '0'.repeat(PRINTED_DIGITS)).slice(0, PRINTED_DIGITS);
  return `Point de contrôle du journal : n° ${c.seq}, empreinte ${hash}-${c.mac.slice(0, PRINTED_DIGITS)}, le ${d}/${m}/${y} à ${time} UTC`;
}

/** Reads a printed line back (spaces, case and the words around are forgiven); null when it is not one. */
export function parseCheckpointLine(text: string): CheckpointLine | null {
  const seq = /n°\s*(\d+)/i.exec(text);
  const print = /empreinte\s*([0-9a-f]{16})\s*-\s*([0-9a-f]{16})/i.exec(text);
  const when = /(\d{2})\/(\d{2})\/(\d{4})\s*à\s*(\d{2}):(\d{2}):(\d{2})/i.exec(text);
  if (!seq || !print || !when) return null;
  const [, d, m, y, hh, mm, ss] = when;
  const at = `${y}-${m}-${d}T${hh}:${mm}:${ss}Z`;
  if (Number.isNaN(Date.parse(at))) return null;
  const hash = print[1].toLowerCase();
  return { seq: Number(seq[1]), hash: hash === '0'.repeat(PRINTED_DIGITS) && seq[1] === '0' ? '' : hash, mac: print[2].toLowerCase(), at };
}
