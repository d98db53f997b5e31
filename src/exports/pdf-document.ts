import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';

// Every name prints (issue 17, point 6): the standard Helvetica of PDF readers only covers
// Windows-1252, so "Małgorzata Hương" or a Cyrillic or Arabic name came out garbled. Every document
// embeds DejaVu Sans (npm package dejavu-fonts-ttf: Latin with every diacritic, Vietnamese,
// Cyrillic, Greek, Arabic), registered under the Helvetica names the renderers already use; pdfkit
// subsets it, so a document carries only the glyphs it prints, with a ToUnicode map for copy and
// search.
const fontDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const UNICODE_FONTS: Record<string, string> = {
  Helvetica: 'DejaVuSans.ttf',
  'Helvetica-Bold': 'DejaVuSans-Bold.ttf',
  'Helvetica-Oblique': 'DejaVuSans-Oblique.ttf',
  'Helvetica-BoldOblique': 'DejaVuSans-BoldOblique.ttf',
};
const fontFiles = new Map<string, Buffer>();
function unicodeFont(name: string): Buffer {
  let b = fontFiles.get(name);
  if (!b) fontFiles.set(name, (b = readFileSync(join(fontDir, UNICODE_FONTS[name]))));
  return b;
}

// pdfkit's PDFDocument, with the metrics of the 14 standard PDF fonts parsed once per process.
//
// pdfkit 0.17 builds a StandardFont for every font a document uses, and its constructor reads the
// font's AFM file from disk and parses it line by line with regular expressions (~4,000 lines for
// Helvetica, kerning pairs included). A booklet uses three fonts: that parsing was 28 % of the CPU
// time of a one-booklet PDF (docs/benchmarks-history.md). The parsed metrics (pdfkit's AFMFont: widths and
// kerning pairs, never modified after parsing) are the same for every document, so this subclass
// keeps the first StandardFont it sees per font name and gives each later document its own
// StandardFont object (own document, own resource id, own PDF dictionary) sharing those metrics.
// Word widths are cached per font and kerning pairs looked up without building a string per pair
// (line breaking measures every word again). The PDF written is byte for byte what pdfkit writes
// without these caches.
//
// It relies on pdfkit internals (`_fontFamilies`, `_registeredFonts`, `_fontCount`, `_font` and the
// fields StandardFont's constructor sets), checked against pdfkit 0.17.2
// (node_modules/pdfkit/js/pdfkit.js, FontsMixin.font and class StandardFont). If they change,
// the fallback is pdfkit's own path: a font not found in the cache is opened as usual.

const STANDARD_FONTS = new Set([
  'Courier', 'Courier-Bold', 'Courier-Oblique', 'Courier-BoldOblique', 'Helvetica', 'Helvetica-Bold', 'Helvetica-Oblique',
  'Helvetica-BoldOblique', 'Times-Roman', 'Times-Bold', 'Times-Italic', 'Times-BoldItalic', 'Symbol', 'ZapfDingbats',
]);

/** The fields of pdfkit's StandardFont (its constructor sets exactly these; ref() adds `dictionary`). */
interface StandardFontObject {
  document: unknown;
  name: string;
  id: string;
  font: object;
  ascender: number;
  descender: number;
  bbox: number[];
  lineGap: number;
  xHeight: number;
  capHeight: number;
}

interface FontState {
  _fontFamilies?: Record<string, unknown>;
  _registeredFonts?: Record<string, unknown>;
  _fontCount: number;
  _font: StandardFontObject | null;
}

/** First StandardFont seen per name: its prototype and parsed metrics serve every later document. */
const parsed = new Map<string, StandardFontObject>();

/**
 * Widths of strings (in thousandths of the font size) per font name. Line breaking measures every
 * word of every paragraph, and a booklet's texts are mostly the same from one booklet to the next;
 * pdfkit computes each width from the glyph widths and kerning pairs again. Same arithmetic as
 * StandardFont.widthOfString: the sum of the advances, times size / 1000.
 */
const widths = new Map<string, Map<string, number>>();
const MAX_WIDTHS_PER_FONT = 20_000;

interface AfmMetrics {
  glyphsForString(s: string): string[];
  advancesForGlyphs(glyphs: string[]): number[];
  kernPairs?: Record<string, number>;
  getKernPair?: (left: string, right: string) => number;
}

/**
 * pdfkit looks kerning pairs up by a `left + '\0' + right` string built for every pair of letters
 * it measures or writes; the same lookup through a map per left glyph, built once per font (same
 * values, 0 for a pair without kerning).
 */
function fasterKerning(metrics: AfmMetrics): void {
  if (!metrics.kernPairs || Object.prototype.hasOwnProperty.call(metrics, 'getKernPair')) return;
  const byLeft = new Map<string, Map<string, number>>();
  for (const [key, value] of Object.entries(metrics.kernPairs)) {
    const [left, right] = key.split('\0');
    let rights = byLeft.get(left);
    if (!rights) byLeft.set(left, (rights = new Map()));
    rights.set(right, value);
  }
  metrics.getKernPair = (left, right) => byLeft.get(left)?.get(right) || 0;
}

/** Gives a StandardFont the shared width cache and the faster kerning lookup. */
function speedUp(font: StandardFontObject): void {
  (font as unknown as { widthOfString: typeof cachedWidthOfString }).widthOfString = cachedWidthOfString;
  fasterKerning(font.font as AfmMetrics);
}

function cachedWidthOfString(this: StandardFontObject, string: string, size: number): number {
  let cache = widths.get(this.name);
  if (!cache) widths.set(this.name, (cache = new Map()));
  const text = `${string}`;
  let width = cache.get(text);
  if (width === undefined) {
    const metrics = this.font as AfmMetrics;
    width = 0;
    for (const advance of metrics.advancesForGlyphs(metrics.glyphsForString(text))) width += advance;
    if (cache.size >= MAX_WIDTHS_PER_FONT) cache.clear();
    cache.set(text, width);
  }
  return width * (size / 1000);
}

function isStandardFontObject(f: unknown, name: string): f is StandardFontObject {
  const o = f as Partial<StandardFontObject> | null;
  return !!o && o.name === name && typeof o.font === 'object' && o.font !== null && typeof o.ascender === 'number' && Array.isArray(o.bbox);
}

const PDFDocumentClass = PDFDocument as unknown as new (options?: PDFKit.PDFDocumentOptions) => PDFKit.PDFDocument;

interface PageState {
  _pageBuffer?: { dictionary?: { data?: unknown } }[];
  options: PDFKit.PDFDocumentOptions;
}

/** Registers DejaVu Sans under the Helvetica names on a pdfkit document and selects it. */
export function useUnicodeFonts(doc: PDFKit.PDFDocument): void {
  const state = doc as unknown as FontState;
  for (const name of Object.keys(UNICODE_FONTS)) {
    doc.registerFont(name, unicodeFont(name));
    // pdfkit opened the standard Helvetica as the default font: forget it, it is never written.
    if (state._fontFamilies) delete state._fontFamilies[name];
  }
  doc.font('Helvetica');
}

const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const LTR = /[A-Za-z0-9\u00C0-\u024F\u0370-\u04FF]/;

/**
 * pdfkit lays words out left to right; fontkit shapes each Arabic or Hebrew word right to left.
 * A run of right-to-left words is therefore written in reverse word order, so that it reads (and
 * extracts, PDF readers reorder right-to-left text) in its own order: "محمد علي" stays "محمد علي".
 */
export function visualOrder(text: string): string {
  if (!RTL.test(text)) return text;
  const tokens = text.split(/( +)/);
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    out.push(...run.reverse());
    run = [];
  };
  for (const t of tokens) {
    if (RTL.test(t) && !LTR.test(t)) run.push(t);
    else if (/^ +$/.test(t) && run.length) run.push(t);
    else {
      flush();
      out.push(t);
    }
  }
  flush();
  // Spaces that ended a run were reversed to its front: put them back after it.
  return out.join('');
}

export class PdfDocument extends PDFDocumentClass {
  constructor(options?: PDFKit.PDFDocumentOptions) {
    super(options);
    useUnicodeFonts(this);
  }

  /**
   * pdfkit keeps every page's dictionary in the page tree (`Kids`) until the end of the document,
   * and through it the page's content and resources objects, although they were written out when
   * the page ended: ~3 KB a booklet, 30 MB in a print batch of 10,000. Once written, only the
   * object's number is needed (the tree writes "12 0 R"): drop what the dictionary refers to.
   * Not with `bufferPages`, where pages are revisited (footers) after they are drawn.
   */
  override flushPages(): void {
    const state = this as unknown as PageState;
    const ending = state.options.bufferPages ? [] : [...(state._pageBuffer ?? [])];
    super.flushPages();
    for (const page of ending) if (page.dictionary) page.dictionary.data = {};
  }

  override text(text: string | number, ...rest: unknown[]): this {
    const value = typeof text === 'string' ? visualOrder(text) : text;
    return (super.text as unknown as (this: unknown, ...args: unknown[]) => this).call(this, value, ...rest);
  }

  override font(src: PDFKit.Mixins.PDFFontSource, family?: string | number, size?: number): this {
    const state = this as unknown as FontState;
    const plainStandard = typeof src === 'string' && (family === undefined || family === null || typeof family === 'number') && STANDARD_FONTS.has(src) && !state._registeredFonts?.[src];
    if (plainStandard && state._fontFamilies && !state._fontFamilies[src]) {
      const template = parsed.get(src);
      if (template) {
        const copy = Object.create(Object.getPrototypeOf(template) as object) as StandardFontObject;
        copy.document = this;
        copy.name = template.name;
        copy.id = `F${++state._fontCount}`;
        copy.font = template.font;
        copy.ascender = template.ascender;
        copy.descender = template.descender;
        copy.bbox = template.bbox;
        copy.lineGap = template.lineGap;
        copy.xHeight = template.xHeight;
        copy.capHeight = template.capHeight;
        speedUp(copy);
        state._fontFamilies[src] = copy;
      }
    }
    // pdfkit's own font(src, family | size, size): its arguments passed on as they came.
    (super.font as unknown as (this: unknown, ...args: unknown[]) => unknown).call(this, src, family, size);
    if (plainStandard && !parsed.has(src) && isStandardFontObject(state._font, src)) {
      speedUp(state._font);
      parsed.set(src, state._font);
    }
    return this;
  }
}
