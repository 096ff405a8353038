/**
 * The one CSV writer of the app (audit trail, statistics): RFC 4180 — fields separated by
 * commas, records ended by CRLF, a field quoted when it holds a comma, a semicolon (the separator
 * Spanish-language spreadsheets guess), a double quote (doubled inside) or a line break.
 *
 * Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` (and some, after a tab or CR) as
 * a formula, which can fetch URLs or run commands (CSV injection). Such a text cell gets a
 * leading apostrophe, which spreadsheets show as text and do not evaluate. Numbers and booleans
 * are ours, never formulas: they are written as they are, so a negative count stays a number.
 */

export type CsvCell = string | number | boolean | null | undefined;

export interface CsvOptions {
  /**
   * A UTF-8 byte-order mark first, so that spreadsheet programs read accents (Lucía, Perú)
   * as UTF-8 rather than in the system's legacy code page.
   */
  bom?: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",;\r\n]/;

/** A text cell that a spreadsheet would run as a formula, made plain text (also used by the XLSX writer). */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One field, neutralized and quoted as needed. */
export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = neutralizeFormula(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, with its CRLF. */
export function csvRecord(cells: readonly CsvCell[]): string {
  return cells.map(csvField).join(',') + '\r\n';
}

/** A whole file: the header, then each row (every row as long as the header). */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>, options: CsvOptions = {}): string {
  const parts: string[] = [options.bom ? '\uFEFF' : '', csvRecord(header)];
  for (const row of rows) {
    if (row.length !== header.length) throw new Error(`a CSV row has ${row.length} fields, the header ${header.length}`);
    parts.push(csvRecord(row));
  }
  return parts.join('');
}
