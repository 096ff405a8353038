import type { Microdata, StatsTable } from '../../../shared/statistics';
import { toCsv, type CsvCell } from '../export/csv';
import { MICRODATA_FIELD, microdataValue } from './microdata';

/**
 * The files of a release. CSV: one column per dimension and a `count` column; a small count is
 * written `<threshold` and a complementary suppression `x`, never as a number. Cells are
 * neutralized against spreadsheet formulas by the app's one CSV writer (export/csv.ts), although
 * ours only ever hold codes and counts. JSON: the whole result, rules included.
 */

/** How a complementary suppression is written: withheld to protect a small count; it is itself at least the threshold. */
export const COMPLEMENTARY_MARK = 'x';

export function tableCsv(table: Pick<StatsTable, 'dimensions' | 'cells' | 'rules'>): string {
  const small = `<${table.rules.threshold}`;
  const rows = table.cells.map((c): CsvCell[] => [
    ...table.dimensions.map((d) => c.values[d] ?? ''),
    c.suppressed === 'small' ? small : c.suppressed === 'complementary' ? COMPLEMENTARY_MARK : c.count,
  ]);
  return toCsv([...table.dimensions, 'count'], rows, { bom: true });
}

/** Record-level data under HTCDS column names (microdata.ts, MICRODATA_FIELD). */
export function microdataCsv(data: Pick<Microdata, 'columns' | 'rows'>): string {
  return toCsv(
    data.columns.map((c) => MICRODATA_FIELD[c]),
    data.rows.map((row) => row.map((v, i) => microdataValue(data.columns[i]!, v))),
    { bom: true },
  );
}

export function resultJson(result: StatsTable | Microdata): string {
  return JSON.stringify(result, null, 2) + '\n';
}
