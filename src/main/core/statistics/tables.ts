import { AppError } from '../../../shared/errors';
import { STATS_VALUE, type StatsCell, type StatsDimension } from '../../../shared/statistics';
import { DIMENSIONS, valueOrder, type FactRow, type YearRange } from './dimensions';
import type { Extraction } from './extract';
import { noiseFor, type RandomSource } from './privacy';
import { protectCount, rangeOf, type AppliedRules } from './rules';
import { fillMargins, gridOf, PUBLISHED, protectTable, SMALL, totalsIn, ZERO, type Grid } from './suppression';

/**
 * Tables of counts over one to three dimensions, with every margin, protected (suppression.ts).
 *
 * Without differential privacy a dimension lists the values seen in the counted cases, and a
 * table holds every combination of them: an empty one is hidden among the small counts (`<10`
 * may be 0), so that which combinations exist does not give a small count away.
 * With differential privacy a dimension lists every value it can take (its vocabulary, the years
 * of the range), noise is added to each combination, negative results become 0, the margins are
 * sums of the noisy cells, and the zeros are left out of the listing: all of that is processing
 * of noisy counts, which costs no privacy.
 */

/** Beyond this many combinations a table is refused (it would be almost all small cells anyway). */
export const MAX_CELLS = 250_000;
/** With differential privacy a case weighs at most this many values per multi-valued dimension. */
export const DP_VALUES_PER_CASE = 3;

export interface TableOptions {
  /** Differential privacy: ε in millionths and the randomness; absent = off. */
  privacy?: { micro: number; random?: RandomSource };
}

export interface BuiltTable {
  dimensions: StatsDimension[];
  cells: StatsCell[];
  casesConsidered: ReturnType<typeof protectCount>;
  casesExcludedByConsent: ReturnType<typeof protectCount>;
  small: number;
  complementary: number;
}

/** The sensitivity of a release: how much one case can change its counts, all together (L1). */
export function sensitivityOf(dimensions: readonly StatsDimension[]): number {
  const cells = dimensions.reduce((s, d) => s * (DIMENSIONS[d].multiValued ? DP_VALUES_PER_CASE : 1), 1);
  // A case adds 1 to the cases considered and either 1 to those excluded or `cells` to the cells.
  return cells + 1;
}

export function buildTable(extraction: Extraction, rules: AppliedRules, options: TableOptions = {}): BuiltTable {
  const dims = rules.dimensions;
  const dp = options.privacy;
  if (dp && (rules.fromYear === null || rules.toYear === null)) throw new AppError('INTERNAL', 'Differential privacy needs a fixed range of years.');
  const years: YearRange = { fromYear: rules.fromYear ?? 1900, toYear: rules.toYear ?? 2100 };
  const domains = dims.map((d) => (dp ? [...DIMENSIONS[d].domain(years)] : observed(extraction.rows, d, years)));
  const cellCount = domains.reduce((p, v) => p * v.length, 1);
  if (cellCount > MAX_CELLS) {
    throw new AppError('BAD_REQUEST', `This table would have ${cellCount} combinations (at most ${MAX_CELLS}): choose fewer or smaller dimensions.`);
  }
  const grid = gridOf(domains.map((v) => v.length));
  const values = new Float64Array(grid.size);
  count(extraction.rows, dims, domains, grid, values, dp ? DP_VALUES_PER_CASE : Infinity);

  let considered = extraction.considered;
  let excluded = extraction.excludedByConsent;
  if (dp) {
    const noise = noiseFor(dp.micro, sensitivityOf(dims), dp.random);
    forEachInner(grid, (e) => {
      values[e] = Math.max(0, values[e]! + noise());
    });
    considered = Math.max(0, considered + noise());
    excluded = Math.max(0, excluded + noise());
  }
  fillMargins(grid, values);

  const published = { casesConsidered: protectCount(considered, rules), casesExcludedByConsent: protectCount(excluded, rules) };
  let grandTotal: { lo: number; hi: number } | null = null;
  if (!dp) {
    // The counted cases are the considered minus the excluded: a reader of the rules knows that
    // much of the grand total (all of it when every case has exactly one value per dimension).
    const c = rangeOf(published.casesConsidered, rules);
    const x = rangeOf(published.casesExcludedByConsent, rules);
    const single = dims.every((d) => !DIMENSIONS[d].multiValued);
    grandTotal = { lo: Math.max(0, c.lo - x.hi), hi: single ? c.hi - x.lo : Infinity };
  }
  const k = dims.length;
  const protection = protectTable({
    grid,
    values,
    threshold: rules.threshold,
    base: rules.roundingBase,
    showZeros: Boolean(dp),
    // Every listed value was seen, so its margin is not empty (nor is the grand total).
    knownPositive: (e) => extraction.rows.length > 0 && totalsIn(grid, e) >= k - 1,
    grandTotal,
  });

  const cells: StatsCell[] = [];
  for (let e = 0; e < grid.size; e++) {
    const s = protection.status[e];
    if (s === ZERO) continue;
    const labels: Record<string, string> = {};
    let rest = e;
    for (let d = k - 1; d >= 0; d--) {
      const c = rest % grid.ext[d]!;
      rest = Math.floor(rest / grid.ext[d]!);
      labels[dims[d]!] = c === grid.shape[d] ? STATS_VALUE.total : domains[d]![c]!;
    }
    const ordered = Object.fromEntries(dims.map((d) => [d, labels[d]!]));
    cells.push(
      s === PUBLISHED
        ? { values: ordered, count: Math.floor(values[e]! / rules.roundingBase) * rules.roundingBase, suppressed: null }
        : { values: ordered, count: null, suppressed: s === SMALL ? 'small' : 'complementary' },
    );
  }
  return { dimensions: [...dims], cells, ...published, small: protection.small, complementary: protection.complementary };
}

/** The values of a dimension that the rows have, in table order. */
function observed(rows: readonly FactRow[], d: StatsDimension, years: YearRange): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const v of row[d]) seen.add(v);
  return [...seen].sort(valueOrder(d, years));
}

function count(rows: readonly FactRow[], dims: readonly StatsDimension[], domains: readonly string[][], grid: Grid, values: Float64Array, cap: number): void {
  const index = domains.map((values) => new Map(values.map((v, i) => [v, i])));
  const k = dims.length;
  const lists: number[][] = Array.from({ length: k }, () => []);
  for (const row of rows) {
    let empty = false;
    for (let d = 0; d < k; d++) {
      const list = lists[d]!;
      list.length = 0;
      for (const v of row[dims[d]!]) {
        const i = index[d]!.get(v);
        if (i !== undefined) list.push(i);
      }
      // A case weighs at most `cap` values (data-independent choice: the first in table order).
      if (list.length > cap) list.sort((a, b) => a - b).length = cap;
      if (list.length === 0) empty = true;
    }
    if (empty) continue;
    const [s0, s1 = 0, s2 = 0] = grid.strides;
    for (const a of lists[0]!) {
      if (k === 1) {
        values[a * s0!] = values[a * s0!]! + 1;
        continue;
      }
      for (const b of lists[1]!) {
        if (k === 2) {
          values[a * s0! + b * s1] = values[a * s0! + b * s1]! + 1;
          continue;
        }
        for (const c of lists[2]!) values[a * s0! + b * s1 + c * s2] = values[a * s0! + b * s1 + c * s2]! + 1;
      }
    }
  }
}

/** Calls `f` on every inner cell (no margin). */
function forEachInner(grid: Grid, f: (entry: number) => void): void {
  for (let e = 0; e < grid.size; e++) if (totalsIn(grid, e) === 0) f(e);
}

