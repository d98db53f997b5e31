import { execFileSync } from 'node:child_process';

/** The text of a PDF, read by poppler's pdftotext (installed by .ci/run with poppler-utils). */
export function pdfToText(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8');
}
