import ExcelJS from 'exceljs';
import { neutralizeFormula } from './csv';

/**
 * A small XLSX writer (exceljs): sheets of plain values, never formulas. A text cell that starts
 * with `=`, `+`, `-` or `@` is neutralized by the same rule as the CSV writer (export/csv.ts);
 * numbers are written as numbers. The workbook is built in memory and returned as bytes, for
 * the caller to write atomically.
 */
export type XlsxCell = string | number | null;

export interface XlsxSheet {
  name: string;
  header: readonly string[];
  rows: readonly (readonly XlsxCell[])[];
  /** Column widths in characters (default 18). */
  widths?: readonly number[];
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ], unique. */
function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31).trim() || 'Sheet';
  let candidate = base;
  for (let i = 2; taken.has(candidate.toLowerCase()); i++) candidate = `${base.slice(0, 27)} (${i})`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

export function xlsxValue(cell: XlsxCell): string | number | null {
  if (cell === null) return null;
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  return neutralizeFormula(cell);
}

export async function buildXlsx(sheets: readonly XlsxSheet[], meta: { title: string }): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Amparo';
  workbook.title = meta.title;
  const taken = new Set<string>();
  for (const s of sheets) {
    const sheet = workbook.addWorksheet(sheetName(s.name, taken));
    sheet.columns = s.header.map((h, i) => ({ header: String(xlsxValue(h) ?? ''), width: s.widths?.[i] ?? 18 }));
    sheet.getRow(1).font = { bold: true };
    for (const row of s.rows) sheet.addRow(row.map(xlsxValue));
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
