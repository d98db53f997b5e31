import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { xmlSafe } from '../src/domain/text.ts';
import { xlsxStream, type Column } from '../src/exports/tabular.ts';

// Issue 19, second defence behind finding 6: the XLSX writer drops every character XML 1.0 cannot
// hold from every cell, even though validation already refuses them in input — one such cell would
// make the recipient's whole file unreadable.

const BAD = ['\u0000', '\u0001', '\u0008', '\u000B', '\u000C', '\u000E', '\u001F', '\uFFFE', '\uFFFF', '\uD800', '\uDC00'];

async function bufferOf(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}

describe('XLSX cells hold only what XML 1.0 allows', () => {
  it('xmlSafe drops controls, non-characters and lone surrogates, and keeps tab, line breaks, pairs and accents', () => {
    expect(xmlSafe(`a${BAD.join('-')}b`)).toBe(`a${'-'.repeat(BAD.length - 1)}b`);
    expect(xmlSafe('Élodie\tN’Diaye\r\n😀 \u007F')).toBe('Élodie\tN’Diaye\r\n😀 \u007F');
    expect(xmlSafe('\uD83D')).toBe('');
    expect(xmlSafe('x\uDE00y')).toBe('xy');
  });

  it('writes a file that reads back, every bad character gone from names, phones and headers', async () => {
    interface Row { name: string; phone: string }
    const columns: Column<Row>[] = [
      { header: `Nom${'\u0007'}`, value: (r) => r.name },
      { header: 'Téléphone', kind: 'phone', value: (r) => r.phone },
    ];
    async function* rows(): AsyncIterable<Row> {
      for (const [i, c] of BAD.entries()) yield { name: `Nom${c}${i}`, phone: `+3361234567${i % 10}${c}` };
      yield { name: 'Zoé 😀', phone: '+33612345678' };
    }
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await bufferOf(xlsxStream(columns, rows()))) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).toBe('Nom');
    for (const [i] of BAD.entries()) {
      expect(sheet.getRow(i + 2).getCell(1).value).toBe(`Nom${i}`);
      // Whitespace controls (U+000B, U+000C) are read as spaces by the phone formatter first.
      expect(['+3361234567', '06 12 34 56 7'].map((p) => `${p}${i % 10}`)).toContain(sheet.getRow(i + 2).getCell(2).value);
    }
    expect(sheet.getRow(BAD.length + 2).getCell(1).value).toBe('Zoé 😀');
    expect(sheet.getRow(BAD.length + 2).getCell(2).value).toBe('06 12 34 56 78');
  });
});
