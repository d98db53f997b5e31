// The printable booklet (issue #3, item 5): A4, large type, black on white, for people who see
// poorly and are not at ease with computers. A cover (first name, validity, needs, recommended
// places, booked first session), then the tickets, two per page, each with its QR code (the code
// itself), the typed code in groups of 4, its serial, face value and validity.
// Pure renderer: plain data in, PDF out (a Unicode font embedded by PdfDocument, vector QR codes).
import QRCode from 'qrcode';
import { formatEuros } from '../domain/money.ts';
import { frenchDate } from '../domain/paris-time.ts';
import { formatCode } from '../domain/ticket-code.ts';
import { deBeforeName } from '../domain/person.ts';

export interface BookletPdfPlace {
  name: string;
  address: string;
  phone: string | null;
  openingHours: string | null;
}

export interface BookletPdfSession {
  title: string;
  startsAt: string;
  durationMinutes: number;
  place: string;
  address: string;
  phone: string | null;
}

export interface BookletPdfData {
  /** The territory running the programme and paying for the tickets. */
  programme: string;
  /** The programme's help line, on the cover and the places page (pre-printed booklets too). */
  help: { phone: string | null; email: string | null; address: string | null } | null;
  campaignName: string;
  serial: string;
  /** null for pre-printed stock: the first name is written by hand at hand-out. */
  holderFirstName: string | null;
  validUntil: string;
  faceValueCents: number;
  needs: string[];
  places: BookletPdfPlace[];
  bookedSession: BookletPdfSession | null;
  tickets: { serial: string; code: string; index: number }[];
  /** Tickets the booklet was minted with (a replacement may hold fewer than the campaign's). */
  ticketCount: number;
}

const A4 = { width: 595.28, height: 841.89 };
const M = 48;
const W = A4.width - 2 * M;
const BLACK = '#000000';

/**
 * French typography: a no-break space before a colon, a narrow one before ; ! ? and inside « »,
 * so that a line never starts with the sign (amounts and dates come from Intl with theirs).
 */
export const frenchTypography = (s: string) =>
  s.replace(/ :/g, '\u00a0:').replace(/ ([;!?»])/g, '\u202f$1').replace(/« /g, '«\u202f');
const t = frenchTypography;

// Built once: an Intl.DateTimeFormat costs more to build than to use.
const SESSION_DAY = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const SESSION_TIME = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' });

export function sessionWhen(startsAt: string): string {
  const d = new Date(startsAt);
  return `${SESSION_DAY.format(d)} à ${SESSION_TIME.format(d).replace(':', ' h ')}`;
}

/** A new booklet document; pdfkit is loaded on first use (it is not needed to serve the app's pages). */
export async function createBookletDocument(title: string): Promise<PDFKit.PDFDocument> {
  const { PdfDocument } = await import('./pdf-document.ts');
  return new PdfDocument({ size: 'A4', margin: M, autoFirstPage: false, info: { Title: title, Author: 'passnum', Subject: 'Pass numérique' }, lang: 'fr-FR' } as PDFKit.PDFDocumentOptions);
}

function heading(doc: PDFKit.PDFDocument, text: string): void {
  doc.moveDown(0.6).font('Helvetica-Bold').fontSize(19).fillColor(BLACK).text(t(text), M, undefined, { width: W });
  const y = doc.y + 2;
  doc.moveTo(M, y).lineTo(M + W, y).lineWidth(2).stroke(BLACK);
  doc.moveDown(0.4);
}

export const MAX_NEEDS_ON_COVER = 6;
export const MAX_PLACES = 4;

/** "+33321000101" → "03 21 00 01 01" (French numbers as people write them). */
export function frenchPhone(phone: string): string {
  const m = /^\+33(\d{9})$/.exec(phone.replace(/\s/g, ''));
  return m ? `0${m[1]}`.replace(/(\d{2})(?=\d)/g, '$1 ') : phone;
}

function cover(doc: PDFKit.PDFDocument, d: BookletPdfData): void {
  doc.addPage();
  doc.rect(0, 0, A4.width, 118).fill(BLACK);
  doc.fillColor('#FFFFFF').font('Helvetica-Bold').fontSize(34).text('PASS NUMÉRIQUE', M, 30, { width: W });
  doc.font('Helvetica').fontSize(15).text(t(d.programme), M, 74, { width: W });
  doc.fillColor(BLACK).font('Helvetica-Bold').fontSize(28);
  doc.text(t(d.holderFirstName ? `Carnet ${deBeforeName(d.holderFirstName)}` : 'Prénom : ____________________'), M, 140, { width: W });
  doc.moveDown(0.3).fontSize(21).text(t(`Valable jusqu’au ${frenchDate(d.validUntil)}`), { width: W });
  doc.font('Helvetica').fontSize(17).text(t(`${d.ticketCount} tickets de ${formatEuros(d.faceValueCents)} — ${d.campaignName}`), { width: W });
  doc.fontSize(14).text(t(`Carnet n° ${d.serial}`), { width: W });
  if (!d.holderFirstName) {
    doc.moveDown(0.3).font('Helvetica-Bold').fontSize(14).text('Ce carnet ne vaut rien tant qu’il n’a pas été remis et activé par la mairie.', { width: W });
  }
  if (d.bookedSession) {
    const s = d.bookedSession;
    heading(doc, 'Votre première séance');
    doc.font('Helvetica-Bold').fontSize(17).text(t(sessionWhen(s.startsAt)), { width: W });
    doc.font('Helvetica').fontSize(16).text(t(`${s.title} (${s.durationMinutes} min)`), { width: W });
    doc.text(t(`${s.place}, ${s.address}`), { width: W });
    if (s.phone) doc.text(t(`Téléphone : ${frenchPhone(s.phone)}`), { width: W });
  }
  if (d.needs.length) {
    heading(doc, 'Ce que vous voulez apprendre');
    doc.font('Helvetica').fontSize(16);
    for (const need of d.needs.slice(0, MAX_NEEDS_ON_COVER)) doc.text(t(`•  ${need}`), { width: W });
    const more = d.needs.length - MAX_NEEDS_ON_COVER;
    if (more > 0) doc.text(t(`•  et ${more} autre${more > 1 ? 's' : ''} besoin${more > 1 ? 's' : ''}`), { width: W });
  }
  heading(doc, 'Comment ça marche');
  doc.font('Helvetica').fontSize(14).text(
    t('Un ticket paie une séance ou un atelier dans un lieu habilité. Apportez ce carnet à chaque séance : le médiateur scanne ou tape le code du ticket. ' +
      'Ne donnez jamais vos codes par téléphone ou par message.'),
    { width: W },
  );
  helpLine(doc, d);
  if (d.places.length) placesPage(doc, d, d.places.slice(0, MAX_PLACES));
}

/** Whom to call: the programme's own help line, for the holder and whoever helps them read. */
function helpLine(doc: PDFKit.PDFDocument, d: BookletPdfData): void {
  const h = d.help;
  if (!h || !(h.phone || h.email || h.address)) return;
  heading(doc, 'Une question ?');
  doc.font('Helvetica').fontSize(16);
  if (h.phone) doc.font('Helvetica-Bold').text(t(`Appelez le ${frenchPhone(h.phone)}`), { width: W }).font('Helvetica');
  if (h.email) doc.text(t(`Écrivez à ${h.email}`), { width: W });
  if (h.address) doc.text(t(h.address), { width: W });
}

/** The recommended places get a page of their own, so that the type stays large. */
function placesPage(doc: PDFKit.PDFDocument, d: BookletPdfData, places: BookletPdfPlace[]): void {
  doc.addPage();
  doc.font('Helvetica-Bold').fontSize(24).fillColor(BLACK).text('Où utiliser vos tickets', M, M, { width: W });
  const intro = d.holderFirstName ? 'Les lieux conseillés pour vous.' : 'Des lieux près de chez vous, parmi tous ceux qui acceptent le pass.';
  doc.font('Helvetica').fontSize(14).text(`${intro} Appelez avant de venir si vous n’avez pas de rendez-vous.`, { width: W });
  for (const p of places) {
    doc.moveDown(0.8);
    const y = doc.y;
    doc.moveTo(M, y).lineTo(M + W, y).lineWidth(2).stroke(BLACK);
    doc.moveDown(0.4).font('Helvetica-Bold').fontSize(18).text(t(p.name), M, undefined, { width: W });
    doc.font('Helvetica').fontSize(16).text(t(p.address), { width: W });
    if (p.phone) doc.text(t(`Téléphone : ${frenchPhone(p.phone)}`), { width: W });
    if (p.openingHours) doc.text(t(`Horaires : ${p.openingHours}`), { width: W });
  }
}

/** A QR code drawn as vector squares (crisp at any print resolution), with its quiet zone. */
function qr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  // Ticket codes are Crockford Base32 in capitals: one alphanumeric segment, given as such rather
  // than searched for by qrcode's segment optimiser (a graph search per code).
  const segments = /^[0-9A-Z]+$/.test(text) ? [{ data: text, mode: 'alphanumeric' as const }] : text;
  const { modules } = QRCode.create(segments, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const cell = size / (n + 8);
  doc.rect(x, y, size, size).fill('#FFFFFF');
  for (let r = 0; r < n; r++) {
    let c = 0;
    while (c < n) {
      if (!modules.get(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < n && modules.get(r, c)) c++;
      doc.rect(x + (start + 4) * cell, y + (r + 4) * cell, (c - start) * cell, cell);
    }
  }
  doc.fill(BLACK);
}

function ticket(doc: PDFKit.PDFDocument, d: BookletPdfData, tk: BookletPdfData['tickets'][number], top: number, height: number): void {
  doc.lineWidth(3).rect(M, top, W, height).stroke(BLACK);
  const pad = 18;
  const qrSize = 176;
  qr(doc, tk.code, M + pad, top + pad, qrSize);
  const x = M + pad + qrSize + 16;
  const w = W - (x - M) - pad;
  doc.fillColor(BLACK).font('Helvetica-Bold').fontSize(20).text(t(`Ticket ${tk.index} sur ${d.ticketCount}`), x, top + pad + 4, { width: w });
  doc.fontSize(32).text(t(formatEuros(d.faceValueCents)), x, doc.y + 4, { width: w });
  doc.fontSize(17).text(t(`Valable jusqu’au ${frenchDate(d.validUntil)}`), x, doc.y + 6, { width: w });
  doc.font('Helvetica').fontSize(14).text(t(d.holderFirstName ? `Carnet ${deBeforeName(d.holderFirstName)}` : 'Prénom : ______________'), x, doc.y + 6, { width: w });
  const codeTop = top + pad + qrSize + 14;
  doc.font('Helvetica').fontSize(14).text(t('Code à taper si le QR code ne passe pas :'), M + pad, codeTop, { width: W - 2 * pad });
  doc.font('Courier-Bold').fontSize(30).text(formatCode(tk.code), M + pad, doc.y + 4, { width: W - 2 * pad, characterSpacing: 1 });
  doc.font('Helvetica').fontSize(14).text(t(`N° de série du ticket : ${tk.serial}`), M + pad, doc.y + 8, { width: W - 2 * pad });
  doc.fontSize(12).text(t(`Pass numérique — financé par ${d.programme}`), M + pad, doc.y + 4, { width: W - 2 * pad });
}

/** Adds one booklet (cover, then the tickets two per page) to an open document. */
export function drawBooklet(doc: PDFKit.PDFDocument, d: BookletPdfData): void {
  cover(doc, d);
  const gap = 20;
  const height = (A4.height - 2 * M - gap) / 2;
  d.tickets.forEach((tk, i) => {
    if (i % 2 === 0) doc.addPage();
    ticket(doc, d, tk, M + (i % 2) * (height + gap), height);
  });
}

/** A whole PDF in memory (a person's booklet is a few pages). */
export async function renderBookletPdf(booklets: BookletPdfData[], title = 'Carnet pass numérique'): Promise<Buffer> {
  const doc = await createBookletDocument(title);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const b of booklets) drawBooklet(doc, b);
  doc.end();
  return done;
}
