import { formatIban } from '../domain/bank.ts';
import { newPdf, pdfBuffer, pdfText } from './pdf-kit.ts';

/**
 * A bank's RIB (relevé d'identité bancaire) as the demo's structures attach it to their bank
 * details: holder, IBAN, BIC. Real structures upload their own bank's document.
 */
export async function renderDemoRibPdf(rib: { holder: string; iban: string; bic: string | null; bankName: string }): Promise<Buffer> {
  const doc = await newPdf('Relevé d’identité bancaire', rib.bankName);
  const t = (text: string) => doc.text(pdfText(text));
  doc.font('Helvetica-Bold').fontSize(14);
  t(`${rib.bankName} — Relevé d’identité bancaire (démonstration)`);
  doc.font('Helvetica').fontSize(11).moveDown(0.8);
  t(`Titulaire du compte : ${rib.holder}`);
  t(`IBAN : ${formatIban(rib.iban)}`);
  if (rib.bic) t(`BIC : ${rib.bic}`);
  return pdfBuffer(doc);
}
