
// Small helpers shared by the finance PDFs (statements, final report): A4, the embedded Unicode
// font registered under the Helvetica names (pdf-document.ts), tables at 7.5 pt for its width.

export type Pdf = PDFKit.PDFDocument;

export function pdfText(value: string): string {
  return value.replace(/[\u202f\u00a0]/g, ' ');
}

/** A new A4 document; pdfkit is loaded on first use (it is not needed to serve the app's pages). */
export async function newPdf(title: string, author: string): Promise<Pdf> {
  const { PdfDocument } = await import('./pdf-document.ts');
  return new PdfDocument({ size: 'A4', margin: 48, info: { Title: title, Author: author, Creator: 'passnum' }, bufferPages: true });
}

export function pdfBuffer(doc: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

export interface Column {
  title: string;
  width: number;
  align?: 'left' | 'right';
}

/** A simple table with a header row, page breaks and a light rule between rows. */
export function table(doc: Pdf, columns: Column[], rows: string[][]): void {
  const left = doc.page.margins.left;
  const drawRow = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(7.5);
    const height = Math.max(...cells.map((c, i) => doc.heightOfString(pdfText(c), { width: columns[i].width - 6 }))) + 6;
    if (doc.y + height > doc.page.height - doc.page.margins.bottom - 20) {
      doc.addPage();
      if (!bold) drawRow(columns.map((c) => c.title), true);
    }
    const y = doc.y;
    let x = left;
    cells.forEach((c, i) => {
      doc.text(pdfText(c), x + 3, y + 3, { width: columns[i].width - 6, align: columns[i].align ?? 'left' });
      x += columns[i].width;
    });
    doc.moveTo(left, y + height).lineTo(x, y + height).lineWidth(0.3).strokeColor('#999999').stroke();
    doc.x = left;
    doc.y = y + height;
  };
  drawRow(columns.map((c) => c.title), true);
  for (const r of rows) drawRow(r, false);
  doc.moveDown(0.5);
}

export function footerPages(doc: Pdf, label: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(7.5).fillColor('#555555');
    doc.text(pdfText(`${label} — page ${i + 1} sur ${range.count}`), doc.page.margins.left, doc.page.height - 30, {
      width: doc.page.width - doc.page.margins.left - doc.page.margins.right, align: 'center',
    });
    doc.page.margins.bottom = bottom;
    doc.fillColor('#000000');
  }
}
