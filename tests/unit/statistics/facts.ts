import fc from 'fast-check';
import { STATS_DIMENSIONS, STATS_VALUE, type StatsDimension } from '../../../src/shared/statistics';
import { DIMENSIONS, type FactRow } from '../../../src/main/core/statistics/dimensions';

/** Random coded rows for the property tests: groups of identical cases with chosen sizes. */

const YEARS = { fromYear: 2019, toYear: 2026 };

export function factRow(values: Partial<Record<StatsDimension, readonly string[]>>): FactRow {
  return Object.fromEntries(STATS_DIMENSIONS.map((d) => [d, values[d] ?? [STATS_VALUE.unknown]])) as FactRow;
}

/** A count: mostly small, often around the threshold, sometimes large. */
export const groupSize = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 9 }) },
  { weight: 3, arbitrary: fc.integer({ min: 10, max: 30 }) },
  { weight: 1, arbitrary: fc.integer({ min: 31, max: 120 }) },
);

/** 1–3 dimensions, each with a few values of its real domain. */
export const tableShape = fc
  .uniqueArray(fc.constantFrom(...(['gender', 'year', 'case_status', 'exploitation_type', 'returned', 'age_band', 'service_type'] as const)), { minLength: 1, maxLength: 3 })
  .chain((dims) =>
    fc.tuple(
      fc.constant(dims as StatsDimension[]),
      fc.tuple(
        ...dims.map((d) => {
          const values = [...DIMENSIONS[d].domain(YEARS)].slice(0, 6);
          return fc.shuffledSubarray(values, { minLength: 1, maxLength: Math.min(4, values.length) });
        }),
      ),
    ),
  );

/** Rows over a shape: groups of cases alike, a multi-valued dimension taking one or two values. */
export function rowsOver(dims: readonly StatsDimension[], domains: readonly string[][]) {
  const group = fc.record({
    values: fc.tuple(
      ...dims.map((d, i) =>
        DIMENSIONS[d].multiValued ? fc.shuffledSubarray(domains[i]!, { minLength: 1, maxLength: Math.min(2, domains[i]!.length) }) : fc.constantFrom(...domains[i]!).map((v) => [v]),
      ),
    ),
    size: groupSize,
  });
  return fc.array(group, { minLength: 0, maxLength: 14 }).map((groups) =>
    groups.flatMap((g) => Array.from({ length: g.size }, () => factRow(Object.fromEntries(dims.map((d, i) => [d, g.values[i]!]))))),
  );
}
