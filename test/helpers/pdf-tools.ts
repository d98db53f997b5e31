import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jsqrModule from 'jsqr';
import { PNG } from 'pngjs';

// jsqr is CommonJS with a default export: take the function whichever way the loader hands it over.
type JsQr = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR = ((jsqrModule as unknown as { default?: JsQr }).default ?? jsqrModule) as unknown as JsQr;

// Reads PDFs the way a person and a scanner would: the text with poppler's pdftotext, the QR codes
// from a page rendered by pdftoppm and decoded with jsQR.

export function pdfText(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8');
}

export function pdfPageCount(pdf: Buffer): number {
  const info = execFileSync('pdfinfo', ['-'], { input: pdf }).toString('utf8');
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
}

/** Renders one page at `dpi` and returns its pixels. */
export function renderPage(pdf: Buffer, page: number, dpi = 150): PNG {
  const dir = mkdtempSync(path.join(tmpdir(), 'passnum-pdf-'));
  try {
    const file = path.join(dir, 'in.pdf');
    writeFileSync(file, pdf);
    execFileSync('pdftoppm', ['-r', String(dpi), '-png', '-f', String(page), '-l', String(page), '-singlefile', file, path.join(dir, 'page')]);
    return PNG.sync.read(readFileSync(path.join(dir, 'page.png')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Decodes the QR code found in a horizontal band of the image (y from `top` to `bottom`, 0..1). */
export function decodeQrInBand(png: PNG, top: number, bottom: number): string | null {
  const y0 = Math.floor(png.height * top);
  const y1 = Math.floor(png.height * bottom);
  const rowBytes = png.width * 4;
  const data = new Uint8ClampedArray(png.data.subarray(y0 * rowBytes, y1 * rowBytes));
  return jsQR(data, png.width, y1 - y0)?.data ?? null;
}

/** The QR codes of a ticket page (two tickets a page: top half, bottom half). */
export function decodeTicketPage(pdf: Buffer, page: number): (string | null)[] {
  const png = renderPage(pdf, page);
  return [decodeQrInBand(png, 0, 0.5), decodeQrInBand(png, 0.5, 1)];
}

/** Every ticket QR code of a booklet, in order: tickets fill the last pages, two a page. */
export function decodeBookletTickets(pdf: Buffer, ticketCount: number): (string | null)[] {
  const pages = pdfPageCount(pdf);
  const first = pages - Math.ceil(ticketCount / 2) + 1;
  const out: (string | null)[] = [];
  for (let p = first; p <= pages; p++) out.push(...decodeTicketPage(pdf, p));
  return out.slice(0, ticketCount);
}
