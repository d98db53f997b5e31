import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { frenchIban } from '../src/domain/bank.ts';
import { parisIsoWithOffset } from '../src/domain/paris-time.ts';
import { checkEpcName, epcText, isTarget2BusinessDay, nextTarget2BusinessDay } from '../src/domain/sepa.ts';
import { renderSepaPain001 } from '../src/exports/sepa-pain001.ts';
import type { PaymentOrderDoc, StatementDoc } from '../src/repositories/read-models/payment-order-documents.ts';
import { pain001Errors } from './helpers/xsd.ts';
import { parseXml, xmlAll, xmlAt } from './helpers/xml.ts';

// SEPA files a bank accepts (issue 17, point 4): every generated file validated against the
// official ISO 20022 pain.001.001.03 XSD; EPC transliteration never empty; CreDtTm with its
// offset; TARGET2 execution dates; SEPA-zone accounts only, with a BIC where the EPC requires it.

const debtor = { name: 'Communauté d’agglomération de Lens-Liévin', iban: frenchIban('30001', '00064', '00000000001'), bic: 'BDFEFRPPCCT' };

function statement(n: number, over: Partial<StatementDoc> = {}): StatementDoc {
  return {
    id: `s${n}`, year: 2026, number: n, amountCents: 1234 * n, iban: frenchIban('30004', '00819', String(10_000_000_000 + n).slice(-11)), bic: null,
    accountHolder: 'Association Clic', createdAt: '2026-03-20T09:00:00.000Z', paidAt: null, paymentDate: null, paymentReference: null,
    structure: { id: `st${n}`, name: 'Structure', siret: '21620498200016', legalCategory: null, address: null, postalCode: null, communeName: null },
    campaigns: ['Pass numérique 2026'], periods: ['2026-02'], lines: [], rejected: [], ...over,
  };
}

function order(statements: StatementDoc[], executionDate = '2026-03-25'): PaymentOrderDoc {
  return {
    id: '0190f3c2-7b1e-7c55-9d3a-2f6b8e1a4c01', territory: { id: 't', name: 'CALL' }, status: 'issued', totalCents: 0, executionDate,
    createdAt: '2026-03-20T09:00:00.000Z', paymentDate: null, paymentReference: null, createdBy: 'a', releasedAt: '2026-03-20T10:00:00.000Z',
    releasedBy: 'b', releaseCosigner: null, paymentMode: 'sepa', campaigns: [], statements,
  };
}

describe('SEPA pain.001.001.03 files', () => {
  it('the validator itself catches an invalid file (negative control: an empty <Nm>)', async () => {
    const xml = renderSepaPain001(order([statement(1)]), debtor, new Date('2026-03-20T09:00:00.000Z'));
    expect(await pain001Errors(xml)).toEqual([]);
    const broken = xml.replace(/<Nm>Association Clic<\/Nm>/, '<Nm></Nm>');
    expect(broken).not.toBe(xml);
    expect((await pain001Errors(broken)).join('\n')).toMatch(/Nm/);
  });

  it('names in any script are transliterated to the EPC set, never emptied, and the file validates', async () => {
    const holders = ['Małgorzata Hương', 'Ёлка Иванова', 'محمد علي', 'Ærøskøbing Straße & Fils', 'Ñandú « Œuvre » — l’été'];
    const xml = renderSepaPain001(
      order(holders.map((h, i) => statement(i + 1, { accountHolder: h, structure: { ...statement(1).structure, name: h } }))),
      debtor,
      new Date('2026-07-01T08:30:00.000Z'),
    );
    expect(await pain001Errors(xml)).toEqual([]);
    const names = xmlAll(xmlAt(parseXml(xml), 'CstmrCdtTrfInitn/PmtInf'), 'CdtTrfTxInf').map((t) => xmlAt(t, 'Cdtr/Nm').text);
    expect(names[0]).toBe('Malgorzata Huong');
    expect(names[1]).toBe('Yolka Ivanova');
    for (const n of names) expect(n).toMatch(/^[A-Za-z0-9/\-?:().,'+ ]*[A-Za-z][A-Za-z0-9/\-?:().,'+ ]*$/);
    // CreDtTm carries the Paris offset (summer: +02:00).
    expect(xmlAt(parseXml(xml), 'CstmrCdtTrfInitn/GrpHdr/CreDtTm').text).toBe('2026-07-01T10:30:00+02:00');
  });

  it('property: any holder that passes entry gives a file valid against the XSD', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: 'grapheme', minLength: 2, maxLength: 80 }), { minLength: 1, maxLength: 4 }), async (names) => {
        const ok = names.filter((n) => {
          try {
            checkEpcName('accountHolder', n);
            return true;
          } catch {
            return false;
          }
        });
        if (ok.length === 0) return;
        const xml = renderSepaPain001(order(ok.map((h, i) => statement(i + 1, { accountHolder: h }))), debtor, new Date('2026-03-20T09:00:00.000Z'));
        expect(await pain001Errors(xml)).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });

  it('a non-EEA SEPA account carries its BIC; outside SEPA, without BIC, a weekend date or a non-Latin holder: no file', async () => {
    const swiss = statement(1, { iban: 'CH9300762011623852957', bic: 'UBSWCHZH80A' });
    const xml = renderSepaPain001(order([swiss]), debtor, new Date('2026-03-20T09:00:00.000Z'));
    expect(await pain001Errors(xml)).toEqual([]);
    expect(xmlAt(xmlAll(xmlAt(parseXml(xml), 'CstmrCdtTrfInitn/PmtInf'), 'CdtTrfTxInf')[0], 'CdtrAgt/FinInstnId/BIC').text).toBe('UBSWCHZH80A');
    const at = new Date('2026-03-20T09:00:00.000Z');
    expect(() => renderSepaPain001(order([statement(1, { iban: 'CH9300762011623852957', bic: null })]), debtor, at)).toThrow(/BIC est obligatoire/);
    expect(() => renderSepaPain001(order([statement(1, { iban: 'TR330006100519786457841326' })]), debtor, at)).toThrow(/zone SEPA/);
    expect(() => renderSepaPain001(order([statement(1)], '2026-03-28'), debtor, at)).toThrow(/jour ouvré TARGET2/);
    expect(() => renderSepaPain001(order([statement(1, { accountHolder: '李小龙', structure: { ...statement(1).structure, name: '李小龙' } })]), debtor, at)).toThrow(/caractères latins/);
  });

  it('TARGET2 calendar, EPC text and the Paris offset (pure)', () => {
    expect(isTarget2BusinessDay('2026-04-03')).toBe(false); // Good Friday 2026
    expect(isTarget2BusinessDay('2026-04-06')).toBe(false); // Easter Monday 2026
    expect(isTarget2BusinessDay('2026-05-01')).toBe(false);
    expect(isTarget2BusinessDay('2026-12-26')).toBe(false);
    expect(isTarget2BusinessDay('2026-05-08')).toBe(true); // a French holiday, but TARGET2 is open
    expect(nextTarget2BusinessDay('2026-12-24')).toBe('2026-12-24');
    expect(nextTarget2BusinessDay('2026-12-25')).toBe('2026-12-28');
    expect(epcText('李小龙', 70)).toBe('');
    expect(() => checkEpcName('accountHolder', '李小龙')).toThrow(/caractères latins/);
    expect(parisIsoWithOffset(new Date('2026-01-15T12:00:00.000Z'))).toBe('2026-01-15T13:00:00+01:00');
  });
});
