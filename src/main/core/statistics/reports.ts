import type { VocabularyLang } from '../../../shared/vocabularies';
import { STATS_VALUE, type StatsCell, type StatsTable } from '../../../shared/statistics';
import { DIMENSION_LABELS, rulesLines, valueLabel } from '../../../shared/statistics-labels';
import { printable, writePdf, type PdfWriter } from '../export/pdf';
import { buildXlsx, type XlsxSheet } from '../export/xlsx';
import { COMPLEMENTARY_MARK } from './csv';
import fs from 'node:fs';
import type { StatsRequest } from '../../../shared/statistics';
import { writeFileAtomic } from '../fs/atomic-write';
import type { Session } from '../users/session';
import { assertMayExportStatistics, computeStatistics, recordRelease } from './release';

/**
 * The statistics files beyond CSV (issue 5 §3): an XLSX workbook (a sheet per table, then a
 * "Rules" sheet) and a PDF report (a bar chart and the table of each, and the rules). Every
 * number in them is a published count, already suppressed and rounded by the engine: a small
 * count is the text `<threshold`, a complementary suppression the text `x`, never a number.
 */

export interface NamedTable {
  title: string;
  table: StatsTable;
}

/** A published count as a file shows it. */
export function shownCount(cell: StatsCell, threshold: number): string | number {
  if (cell.suppressed === 'small') return `<${threshold}`;
  if (cell.suppressed === 'complementary') return COMPLEMENTARY_MARK;
  return cell.count ?? `<${threshold}`;
}

function tableRows(table: StatsTable, lang: VocabularyLang): (string | number)[][] {
  return table.cells.map((c) => [...table.dimensions.map((d) => valueLabel(d, c.values[d] ?? '', lang)), shownCount(c, table.rules.threshold)]);
}

function header(table: StatsTable, lang: VocabularyLang): string[] {
  return [...table.dimensions.map((d) => DIMENSION_LABELS[lang][d]), lang === 'es' ? 'Casos' : 'Count'];
}

const SUPPRESSION_NOTE = {
  en: (t: number) => `<${t}: fewer than ${t} (not shown). x: withheld so that a small count cannot be worked out from the totals. Other counts are rounded down.`,
  es: (t: number) => `<${t}: menos de ${t} (no se muestra). x: oculto para que un recuento pequeño no pueda deducirse de los totales. Los demás recuentos están redondeados hacia abajo.`,
};

export async function statisticsXlsx(tables: readonly NamedTable[], lang: VocabularyLang, title: string): Promise<Uint8Array> {
  const sheets: XlsxSheet[] = tables.map(({ title, table }) => ({ name: title, header: header(table, lang), rows: tableRows(table, lang), widths: [...table.dimensions.map(() => 28), 12] }));
  const rules = tables[0]!.table.rules;
  const ruleRows: (string | number)[][] = [];
  for (const { title, table } of tables) {
    if (tables.length > 1) ruleRows.push([title, '']);
    for (const [label, value] of rulesLines(table.rules, lang)) ruleRows.push([label, value]);
    if (tables.length > 1) ruleRows.push(['', '']);
  }
  ruleRows.push([lang === 'es' ? 'Nota' : 'Note', SUPPRESSION_NOTE[lang](rules.threshold)]);
  for (const statement of rules.statements) ruleRows.push([lang === 'es' ? 'Regla (en inglés)' : 'Rule', statement]);
  sheets.push({ name: lang === 'es' ? 'Reglas' : 'Rules', header: [lang === 'es' ? 'Regla' : 'Rule', lang === 'es' ? 'Valor' : 'Value'], rows: ruleRows, widths: [44, 100] });
  return buildXlsx(sheets, { title });
}

const BAR = '#2f5d8a';
const AXIS = '#555555';

/**
 * A bar chart of a table's first dimension (its margin over the others): published counts only;
 * a suppressed one has no bar, only its mark.
 */
function barChart(w: PdfWriter, table: StatsTable, lang: VocabularyLang): void {
  const [first, ...others] = table.dimensions;
  if (!first) return;
  const bars = table.cells
    .filter((c) => c.values[first] !== STATS_VALUE.total && others.every((d) => c.values[d] === STATS_VALUE.total))
    .map((c) => ({ label: valueLabel(first, c.values[first]!, lang), value: c.count, mark: shownCount(c, table.rules.threshold) }));
  if (!bars.length) return;
  const shown = bars.slice(0, 20);
  const rowHeight = 14;
  w.figure(shown.length * rowHeight + 10, (doc, box) => {
    const labelWidth = Math.min(170, box.width * 0.35);
    const max = Math.max(1, ...shown.map((b) => b.value ?? 0));
    const barSpace = box.width - labelWidth - 50;
    doc.font('Helvetica').fontSize(8);
    shown.forEach((b, i) => {
      const y = box.y + i * rowHeight;
      doc.fillColor('#111111').text(printable(b.label), box.x, y + 2, { width: labelWidth - 6, height: rowHeight, ellipsis: true, lineBreak: false });
      const length = b.value === null ? 0 : (barSpace * b.value) / max;
      if (length > 0) doc.rect(box.x + labelWidth, y + 2, length, rowHeight - 4).fillColor(BAR).fill();
      doc.fillColor('#111111').text(String(b.mark), box.x + labelWidth + length + 4, y + 2, { lineBreak: false });
    });
    doc.moveTo(box.x + labelWidth, box.y).lineTo(box.x + labelWidth, box.y + shown.length * rowHeight).lineWidth(0.5).strokeColor(AXIS).stroke();
  });
}

export interface PdfReportMeta {
  title: string;
  lang: VocabularyLang;
  /** e.g. "Anonymized statistics · 2026-11-27 · ana (coordinator)". */
  footer: string;
}

/** Streams the report to `target` (the file is removed if anything fails). */
export async function statisticsPdf(target: string, tables: readonly NamedTable[], meta: PdfReportMeta): Promise<{ pages: number }> {
  const es = meta.lang === 'es';
  return writePdf(target, { title: meta.title, lang: meta.lang, footer: { text: meta.footer, page: (n, of) => (es ? `Página ${n} de ${of}` : `Page ${n} of ${of}`) } }, (w) => {
    w.title(meta.title);
    const rules = tables[0]!.table.rules;
    w.heading(es ? 'Reglas aplicadas' : 'Rules applied');
    for (const [label, value] of rulesLines(rules, meta.lang)) w.field(label, value);
    w.paragraph(SUPPRESSION_NOTE[meta.lang](rules.threshold), { muted: true });
    for (const statement of rules.statements) w.paragraph(`• ${statement}`, { muted: true });
    for (const { title, table } of tables) {
      w.heading(title);
      barChart(w, table, meta.lang);
      w.space(0.5);
      w.table(
        header(table, meta.lang),
        tableRows(table, meta.lang).map((r) => r.map(String)),
        [...table.dimensions.map(() => 3), 1],
      );
      if (tables.length > 1) w.paragraph(`${es ? 'Celdas ocultas' : 'Cells suppressed'}: ${table.rules.cellsSuppressed} + ${table.rules.cellsSuppressedComplementary} (x)`, { muted: true });
    }
  });
}

/**
 * A table release as XLSX or PDF from outside the app (the CLI): computed like the CSV, then
 * written and audited as the screen's export does (XLSX whole inside the audit's transaction;
 * the PDF streamed to the path and removed if the audit cannot be written).
 */
export async function exportStatisticsDocument(
  session: Session,
  request: StatsRequest & { kind: 'table' },
  target: string,
  options: { format: 'xlsx' | 'pdf'; lang: VocabularyLang },
): Promise<StatsTable> {
  assertMayExportStatistics(session);
  const computed = computeStatistics(session.vault.db, request, { now: session.vault.location.now() });
  const table = computed.result as StatsTable;
  const { lang } = options;
  const named = [{ title: table.dimensions.map((d) => DIMENSION_LABELS[lang][d]).join(' × '), table }];
  const title = lang === 'es' ? 'Estadísticas anonimizadas' : 'Anonymized statistics';
  const info = { what: 'table' as const, format: options.format };
  if (options.format === 'xlsx') {
    const bytes = await statisticsXlsx(named, lang, title);
    recordRelease(session, [computed], info, () => writeFileAtomic(target, bytes));
  } else {
    const day = session.vault.location.now().toISOString().slice(0, 10);
    await statisticsPdf(target, named, { title, lang, footer: `${title} · ${day} · Amparo` });
    try {
      recordRelease(session, [computed], info, () => undefined);
    } catch (error) {
      fs.rmSync(target, { force: true });
      throw error;
    }
  }
  return table;
}
