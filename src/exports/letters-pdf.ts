import { newPdf, pdfBuffer, pdfText } from './pdf-kit.ts';

export interface Letter {
  organisationName: string;
  recipientName: string;
  address: string;
  subject: string;
  body: string;
}

const dateFmt = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: 'numeric', month: 'long', year: 'numeric' });

/**
 * A batch of reminder letters for the commune to print and post: one A4 page each, the address
 * placed for a window envelope (DL, right-hand window), large type for readers with low vision.
 */
export async function renderLettersPdf(letters: Letter[], at: Date): Promise<Buffer> {
  const doc = await newPdf('Courriers de rappel — pass numérique', 'passnum');
  letters.forEach((l, i) => {
    if (i > 0) doc.addPage();
    const left = doc.page.margins.left;
    doc.font('Helvetica-Bold').fontSize(13).text(pdfText(l.organisationName), left, 56);
    doc.font('Helvetica').fontSize(11).text('Pass numérique — aide au numérique');
    doc.font('Helvetica').fontSize(13).text([l.recipientName, ...l.address.split(/\s*[,\n]\s*/).filter(Boolean)].map(pdfText).join('\n'), 310, 150, { width: 240 });
    doc.fontSize(12).text(`Le ${dateFmt.format(at)}`, left, 270);
    doc.moveDown(1.5);
    doc.font('Helvetica-Bold').fontSize(14).text(pdfText(l.subject), { width: 480 });
    doc.moveDown(1);
    doc.font('Helvetica').fontSize(13).text(pdfText(l.body), { width: 480, lineGap: 3 });
  });
  return pdfBuffer(doc);
}
