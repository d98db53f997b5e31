import { describe, expect, it } from 'vitest';
import { frenchIban } from '../src/domain/bank.ts';
import { renderBookletPdf, type BookletPdfData } from '../src/exports/booklet-pdf.ts';
import { visualOrder } from '../src/exports/pdf-document.ts';
import { renderFinalReportPdf } from '../src/exports/final-report-pdf.ts';
import { renderStatementPdf } from '../src/exports/statement-pdf.ts';
import type { PaymentOrderDoc } from '../src/repositories/read-models/payment-order-documents.ts';
import type { FinalReport } from '../src/usecases/reimbursement/final-report.ts';
import { pdfToText } from './helpers/pdf-text.ts';

// Every name prints (issue 17, point 6): DejaVu Sans (npm dejavu-fonts-ttf) is embedded in every
// PDF, so Polish, Vietnamese, Cyrillic and Arabic names extract back unchanged from the booklet,
// the statement and the final report (before: "Małgorzata" printed as `Ma&v÷'¦F`).

const NAMES = ['Małgorzata Hương', 'Đặng Thị Thu', 'Ёлка Иванова', 'Łódź Żółć'];
const ARABIC = 'محمد علي';
// pdftotext marks right-to-left runs with embedding characters and joins their words.
const plainRtl = (s: string) => s.replace(/[\u202a-\u202e\u200e\u200f\s]/g, '');

function expectNames(text: string) {
  for (const n of NAMES) expect(text).toContain(n);
  expect(plainRtl(text)).toContain(plainRtl(ARABIC));
  expect(text).not.toMatch(/Ma&v/);
}

describe('Unicode names in every PDF', () => {
  it('the statement', async () => {
    const order: PaymentOrderDoc = {
      id: 'o', territory: { id: 't', name: 'Communauté d’agglomération' }, status: 'issued', totalCents: 1000, executionDate: '2026-03-25',
      createdAt: '2026-03-20T09:00:00.000Z', paymentDate: null, paymentReference: null, createdBy: 'a', releasedAt: null, releasedBy: null,
      releaseCosigner: null, paymentMode: 'mandat', campaigns: [], statements: [],
    };
    const statement = {
      id: 's', year: 2026, number: 1, amountCents: 1000, iban: frenchIban('30004', '00819', '00000000001'), bic: null,
      accountHolder: `${NAMES.join(', ')}, ${ARABIC}`, createdAt: '2026-03-20T09:00:00.000Z', paidAt: null, paymentDate: null, paymentReference: null,
      structure: { id: 'st', name: 'Association Małgorzata Hương', siret: '21620498200016', legalCategory: null, address: null, postalCode: null, communeName: null },
      campaigns: ['Pass numérique 2026'], periods: ['2026-02'],
      lines: [{ ticketSerial: 'T-1', redeemedAt: '2026-02-10T14:00:00.000Z', format: 'individuel', themes: '[]', durationMinutes: 60, siteName: 'Ёлка', campaignId: 'k', campaignName: 'Pass', period: '2026-02', amountCents: 1000 }],
      rejected: [],
    };
    const checkpoint = 'Point de contrôle du journal : n° 12, empreinte 0123456789abcdef-fedcba9876543210, le 20/03/2026 à 09:00:00 UTC';
    const text = pdfToText(await renderStatementPdf(order, statement, { fullIban: true, checkpoint }));
    expectNames(text);
    expect(text.replace(/\s+/g, ' ')).toContain(checkpoint);
  });

  it('the booklet', async () => {
    const booklets: BookletPdfData[] = [...NAMES, ARABIC].map((name, i) => ({
      programme: 'Pass numérique', campaignName: 'Campagne 2026', serial: `62498-2026-00000${i}`, holderFirstName: name, validUntil: '2026-12-31',
      faceValueCents: 1000, needs: [], places: [], bookedSession: null, ticketCount: 1, help: null,
      tickets: [{ serial: `62498-2026-00000${i}-1`, code: 'ABCD-EFGH-JKLM', index: 1 }],
    }));
    expectNames(pdfToText(await renderBookletPdf(booklets)));
  });

  it('the final report', async () => {
    const zero = { count: 0, amountCents: 0 };
    const report = {
      territoryName: 'Communauté d’agglomération', generatedAt: '2026-09-01T08:00:00.000Z',
      campaign: { id: 'c', name: 'Pass numérique 2025', year: 2025, claimDeadline: '2026-07-31', budgetCents: 100_000 },
      booklets: { issued: 0, inStock: 0, cancelled: 0 },
      tickets: { handedOut: zero, redeemed: zero, paid: zero, expired: zero, cancelled: zero, blocked: zero, inStock: zero, redeemedNotPaid: zero },
      approvedCents: 0, paidCents: 0, unusedCents: 100_000,
      byStructure: [...NAMES, ARABIC].map((structureName) => ({ structureName, redeemedCents: 0, approvedCents: 0, paidCents: 0, rejectedCents: 0, paidTickets: 0 })),
      byCommune: [],
    } as unknown as FinalReport;
    expectNames(pdfToText(await renderFinalReportPdf(report)));
  });

  it('right-to-left runs are written in visual word order (pure)', () => {
    expect(visualOrder('Nom : محمد علي')).toBe('Nom : علي محمد');
    expect(visualOrder('Małgorzata Hương')).toBe('Małgorzata Hương');
  });
});
