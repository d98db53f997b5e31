import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { PdfDocument, useUnicodeFonts } from '../src/exports/pdf-document.ts';

// PdfDocument (issue #8, docs/benchmarks.md) parses pdfkit's standard font metrics once per
// process and caches word widths and kerning lookups: the PDF it writes must be byte for byte
// the one pdfkit writes on its own (given the same embedded Unicode fonts under the Helvetica names).

/** pdfkit on its own, with the same font registration as PdfDocument and none of its caches. */
class PlainPdfkit extends (PDFDocument as unknown as new (o: PDFKit.PDFDocumentOptions) => PDFKit.PDFDocument) {
  constructor(o: PDFKit.PDFDocumentOptions) {
    super(o);
    useUnicodeFonts(this);
  }
}

const CREATED = new Date('2026-03-01T10:00:00Z');

function render(Doc: new (o: PDFKit.PDFDocumentOptions) => PDFKit.PDFDocument): Promise<Buffer> {
  const doc = new Doc({ size: 'A4', margin: 48, autoFirstPage: false, info: { Title: 'Essai', CreationDate: CREATED } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
  });
  doc.addPage();
  doc.font('Helvetica-Bold').fontSize(20).text('Carnet de Marie-Thérèse — 10,00 € — AVAWAY To Ty', 48, 48, { width: 300 });
  doc.font('Helvetica', 14).text('Valable jusqu’au 31/12/2026. Un ticket paie une séance ou un atelier dans un lieu habilité : apportez ce carnet à chaque séance.', { width: 250, align: 'justify' });
  doc.font('Courier-Bold').fontSize(30).text('ABCD EFGH JKMN PQRS TV', { characterSpacing: 1 });
  doc.font('Times-Roman', 12).text('WAVE AV LT Yo', { width: 120 });
  // More pages: the page tree of pages already written is trimmed (PdfDocument.flushPages).
  for (let i = 2; i <= 4; i++) {
    doc.addPage();
    doc.font('Helvetica').fontSize(16).text(`Page ${i} — Ticket ${i} sur 5`, 48, 48).rect(48, 100, 100, 100).fill('#000000');
  }
  doc.end();
  return done;
}

describe('PdfDocument', () => {
  it('writes the same bytes as pdfkit, for the first document and for later ones sharing the parsed fonts', async () => {
    const reference = await render(PlainPdfkit);
    const first = await render(PdfDocument);
    const second = await render(PdfDocument);
    const third = await render(PdfDocument);
    expect(first.equals(reference)).toBe(true);
    expect(second.equals(reference)).toBe(true);
    expect(third.equals(reference)).toBe(true);
  });

  it('gives each document its own font objects (own resource ids) over shared metrics', () => {
    const a = new PdfDocument({ autoFirstPage: false });
    const b = new PdfDocument({ autoFirstPage: false });
    type Internals = { _font: { document: unknown; id: string; font: object } };
    a.font('Courier');
    b.font('Helvetica-Bold').font('Courier');
    const fa = (a as unknown as Internals)._font;
    const fb = (b as unknown as Internals)._font;
    expect(fa).not.toBe(fb);
    expect(fa.document).toBe(a);
    expect(fb.document).toBe(b);
    // F1 is pdfkit's default font, F2 the embedded Helvetica selected at construction.
    expect([fa.id, fb.id]).toEqual(['F3', 'F4']);
    expect(fb.font).toBe(fa.font);
  });
});
