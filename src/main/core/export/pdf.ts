import fs from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { syncDirectory } from '../fs/atomic-write';

/**
 * The app's one PDF writer (case reports, subject access, the statistics report): A4, the
 * built-in Helvetica (WinAnsi: á é í ó ú ñ ü ¿ ¡ print as they are), headings, key/value lines,
 * paragraphs and simple tables, and a footer on every page. The document is streamed by the main
 * process straight to the path the person chose — never a temp file; if anything fails the
 * partial file is removed. Pages are buffered (in memory) until the end, so that each footer
 * can say "page n of m".
 */
export interface PdfFooter {
  /** Left side of the footer, e.g. "Confidential · Casa Refugio · 2026-11-27 · Sara Supervisora". */
  text: string;
  /** Right side: "Page 2 of 5", in the document's language. */
  page: (n: number, of: number) => string;
}

export interface PdfMeta {
  title: string;
  /** BCP 47, e.g. "en" or "es". */
  lang: string;
  footer: PdfFooter;
}

/** What a builder draws with; everything flows top to bottom and breaks pages by itself. */
export interface PdfWriter {
  title(text: string): void;
  heading(text: string): void;
  subheading(text: string): void;
  /** "Label: value" (the label in bold); an empty value prints as "—". */
  field(label: string, value: string): void;
  paragraph(text: string, options?: { muted?: boolean }): void;
  /** A table with a header row (repeated on each new page); the columns share the width, or by weights. */
  table(columns: readonly string[], rows: readonly (readonly string[])[], weights?: readonly number[]): void;
  space(lines?: number): void;
  /** A drawing of `height` points across the text width (a chart), on a new page if it does not fit. */
  figure(height: number, draw: (doc: PDFKit.PDFDocument, box: { x: number; y: number; width: number; height: number }) => void): void;
}

const MARGIN = 50;
const FOOTER_SPACE = 30;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const TEXT_SIZE = 10;
const INK = '#111111';
const MUTED = '#555555';
const RULE = '#999999';

/** Characters the built-in fonts cannot show (outside WinAnsi) become "?" rather than garbage. */
const WIN_ANSI_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
export function printable(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0)!;
    if (ch === '\n' || ch === '\t' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.includes(ch)) out += ch;
    else if (code < 0x20) out += ' ';
    else out += '?';
  }
  return out;
}

function writerFor(doc: PDFKit.PDFDocument): PdfWriter {
  const width = () => doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const ensure = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage();
  };
  const left = () => doc.page.margins.left;
  return {
    title(text) {
      doc.font(BOLD).fontSize(18).fillColor(INK).text(printable(text), left(), doc.y, { width: width() });
      doc.moveDown(0.5);
    },
    heading(text) {
      ensure(60);
      doc.moveDown(0.6);
      doc.font(BOLD).fontSize(13).fillColor(INK).text(printable(text), left(), doc.y, { width: width() });
      const y = doc.y + 2;
      doc.moveTo(left(), y).lineTo(left() + width(), y).lineWidth(0.5).strokeColor(RULE).stroke();
      doc.y = y + 6;
    },
    subheading(text) {
      ensure(40);
      doc.moveDown(0.3);
      doc.font(BOLD).fontSize(11).fillColor(INK).text(printable(text), left(), doc.y, { width: width() });
      doc.moveDown(0.2);
    },
    field(label, value) {
      doc.fontSize(TEXT_SIZE).fillColor(INK);
      ensure(doc.currentLineHeight(true) * 2);
      doc.font(BOLD).text(`${printable(label)}: `, left(), doc.y, { width: width(), continued: true });
      doc.font(FONT).text(printable(value.trim() === '' ? '—' : value));
    },
    paragraph(text, options) {
      doc.font(FONT).fontSize(TEXT_SIZE).fillColor(options?.muted ? MUTED : INK);
      ensure(doc.currentLineHeight(true) * 2);
      doc.text(printable(text), left(), doc.y, { width: width() });
      doc.fillColor(INK);
    },
    table(columns, rows, weights) {
      const total = (weights ?? columns.map(() => 1)).reduce((a, b) => a + b, 0);
      const widths = columns.map((_, i) => (width() * (weights?.[i] ?? 1)) / total);
      const pad = 3;
      const rowHeight = (cells: readonly string[], font: string) => {
        doc.font(font).fontSize(9);
        return Math.max(...cells.map((c, i) => doc.heightOfString(printable(c || '—'), { width: widths[i]! - 2 * pad }))) + 2 * pad;
      };
      const drawRow = (cells: readonly string[], font: string, shade: boolean) => {
        const h = rowHeight(cells, font);
        const y = doc.y;
        if (shade) doc.rect(left(), y, width(), h).fillColor('#eeeeee').fill();
        doc.font(font).fontSize(9).fillColor(INK);
        let x = left();
        cells.forEach((c, i) => {
          doc.text(printable(c || '—'), x + pad, y + pad, { width: widths[i]! - 2 * pad });
          x += widths[i]!;
        });
        doc.moveTo(left(), y + h).lineTo(left() + width(), y + h).lineWidth(0.3).strokeColor(RULE).stroke();
        doc.x = left();
        doc.y = y + h;
      };
      const header = () => drawRow(columns, BOLD, true);
      ensure(rowHeight(columns, BOLD) + (rows[0] ? rowHeight(rows[0], FONT) : 0));
      header();
      for (const row of rows) {
        if (doc.y + rowHeight(row, FONT) > bottom()) {
          doc.addPage();
          header();
        }
        drawRow(row, FONT, false);
      }
      doc.moveDown(0.5);
    },
    space(lines = 1) {
      doc.moveDown(lines);
    },
    figure(height, draw) {
      ensure(height);
      const box = { x: left(), y: doc.y, width: width(), height };
      doc.save();
      draw(doc, box);
      doc.restore();
      doc.font(FONT).fontSize(TEXT_SIZE).fillColor(INK);
      doc.x = left();
      doc.y = box.y + height;
    },
  };
}

function drawFooters(doc: PDFKit.PDFDocument, footer: PdfFooter): number {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const margins = doc.page.margins;
    const savedBottom = margins.bottom;
    // Below the bottom margin: lift it while writing, or pdfkit would start a new page.
    margins.bottom = 0;
    const y = doc.page.height - savedBottom + 10;
    const w = doc.page.width - margins.left - margins.right;
    doc.moveTo(margins.left, y - 4).lineTo(margins.left + w, y - 4).lineWidth(0.3).strokeColor(RULE).stroke();
    const pageText = printable(footer.page(i - range.start + 1, range.count));
    doc.font(FONT).fontSize(8).fillColor(MUTED);
    const pageWidth = doc.widthOfString(pageText) + 2;
    doc.text(printable(footer.text), margins.left, y, { width: w - pageWidth - 10, lineBreak: false, ellipsis: true, height: 10 });
    doc.text(pageText, margins.left + w - pageWidth, y, { width: pageWidth, lineBreak: false, align: 'right' });
    margins.bottom = savedBottom;
  }
  return range.count;
}

/**
 * Builds the document with `build` and streams it to `target` (created with owner-only
 * permissions, or truncated when the person chose to overwrite). Resolves with the page count
 * once the file is on disk; on any failure the file is removed and the error rethrown.
 */
export async function writePdf(target: string, meta: PdfMeta, build: (w: PdfWriter) => void): Promise<{ pages: number }> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER_SPACE },
    bufferPages: true,
    lang: meta.lang,
    displayTitle: true,
    info: { Title: printable(meta.title), Creator: 'Amparo', Producer: 'Amparo' },
    font: FONT,
  });
  const fd = fs.openSync(target, 'w', 0o600);
  const out = fs.createWriteStream('', { fd, autoClose: false });
  const written = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
    doc.on('error', reject);
  });
  // A failure is handled below; the promise must not also surface as an unhandled rejection.
  written.catch(() => undefined);
  doc.pipe(out);
  let pages = 0;
  try {
    build(writerFor(doc));
    pages = drawFooters(doc, meta.footer);
    doc.end();
    await written;
    fs.fsyncSync(fd);
  } catch (error) {
    doc.unpipe(out);
    if (!out.closed) {
      // Waits for a write in flight before the descriptor is closed.
      const closed = once(out, 'close').catch(() => undefined);
      out.destroy();
      await closed;
    }
    try {
      fs.closeSync(fd);
    } catch {
      // The stream closed it on destroy.
    }
    fs.rmSync(target, { force: true });
    throw error;
  }
  fs.closeSync(fd);
  syncDirectory(path.dirname(target));
  return { pages };
}
