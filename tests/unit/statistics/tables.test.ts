import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../src/shared/errors';
import { STATS_DIMENSIONS, type StatsDimension } from '../../../src/shared/statistics';
import { DIMENSIONS, type FactRow } from '../../../src/main/core/statistics/dimensions';
import { protectCount, rangeOf, resolveRules } from '../../../src/main/core/statistics/rules';
import { buildTable } from '../../../src/main/core/statistics/tables';
import { factRow, rowsOver, tableShape } from './facts';
import { determinedInSlices, loneWithheld, pinnedBySingleEquations, type Published } from './reader';

/** The true count of every combination (margins included), computed the plain way. */
function trueCounts(rows: readonly FactRow[], dims: readonly StatsDimension[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) {
    // Each combination of the row's values, some dimensions totalled. A margin adds up the cells
    // it totals, so there a row weighs as many as its values of the totalled dimensions.
    let combos: { key: string[]; weight: number }[] = [{ key: [], weight: 1 }];
    for (const d of dims) {
      const options = [...row[d].map((v) => ({ v, w: 1 })), { v: 'total', w: row[d].length }];
      combos = combos.flatMap((c) => options.map((o) => ({ key: [...c.key, o.v], weight: c.weight * o.w })));
    }
    for (const c of combos) counts.set(c.key.join('|'), (counts.get(c.key.join('|')) ?? 0) + c.weight);
  }
  return counts;
}

const rulesArb = fc.record({ threshold: fc.constantFrom(10, 12, 20), roundingBase: fc.constantFrom(10, 20) });

describe('tables', () => {
  it('never publish a count under the threshold, round every count down to the base, and let no withheld count be worked out', () => {
    let unsafe = 0;
    let runs = 0;
    fc.assert(
      fc.property(
        tableShape.chain(([dims, domains]) => fc.tuple(fc.constant(dims), rowsOver(dims, domains), rulesArb, fc.integer({ min: 0, max: 40 }))),
        ([dims, rows, strict, excluded]) => {
          runs++;
          const rules = resolveRules({ dimensions: dims, ...strict });
          let table;
          try {
            table = buildTable({ rows, considered: rows.length + excluded, excludedByConsent: excluded }, rules);
          } catch (error) {
            // Only a table too small to protect may be refused (e.g. 9 cases in 9 values, total < 10).
            if (isAppError(error) && error.code === 'STATS_UNSAFE') {
              unsafe++;
              expect(rows.length).toBeGreaterThan(0);
              expect(rows.length).toBeLessThan(rules.threshold * 4);
              return;
            }
            throw error;
          }
          const truth = trueCounts(rows, dims);
          for (const cell of table.cells) {
            expect(Object.keys(cell.values)).toEqual(dims);
            const key = dims.map((d) => cell.values[d]).join('|');
            const n = truth.get(key) ?? 0;
            if (cell.suppressed === null) {
              expect(cell.count).toBeGreaterThanOrEqual(rules.threshold);
              expect(cell.count! % rules.roundingBase).toBe(0);
              expect(cell.count).toBe(Math.floor(n / rules.roundingBase) * rules.roundingBase);
            } else {
              expect(cell.count).toBeNull();
              if (cell.suppressed === 'small') expect(n).toBeLessThan(rules.threshold);
              else expect(n).toBeGreaterThanOrEqual(rules.threshold);
            }
            if (n < rules.threshold) expect(cell.suppressed).toBe('small');
          }
          // Every combination of the listed values is in the table, with every margin.
          const listed = dims.map((d) => new Set(rows.flatMap((r) => r[d])).size + 1);
          expect(table.cells).toHaveLength(listed.reduce((a, b) => a * b, 1));

          const c = rangeOf(table.casesConsidered, rules);
          const x = rangeOf(table.casesExcludedByConsent, rules);
          const single = dims.every((d) => !DIMENSIONS[d].multiValued);
          const published: Published = {
            dimensions: dims,
            cells: table.cells,
            threshold: rules.threshold,
            base: rules.roundingBase,
            grandTotal: { lo: Math.max(0, c.lo - x.hi), hi: single ? c.hi - x.lo : Infinity },
          };
          expect(loneWithheld(published)).toEqual([]);
          expect(determinedInSlices(published)).toEqual([]);
          expect(pinnedBySingleEquations(published)).toEqual([]);
        },
      ),
      { numRuns: 250 },
    );
    expect(unsafe).toBeLessThan(runs / 5);
  });

  it('with differential privacy too: zeros left out, the rest protected the same way', () => {
    fc.assert(
      fc.property(
        tableShape.chain(([dims, domains]) => fc.tuple(fc.constant(dims), rowsOver(dims, domains))),
        ([dims, rows]) => {
          const rules = { ...resolveRules({ dimensions: dims, epsilon: 1 }), fromYear: 2019, toYear: 2026 };
          let table;
          try {
            table = buildTable({ rows, considered: rows.length, excludedByConsent: 0 }, rules, { privacy: { micro: 1_000_000 } });
          } catch (error) {
            if (isAppError(error) && error.code === 'STATS_UNSAFE') return;
            throw error;
          }
          for (const cell of table.cells) if (cell.count !== null) expect(cell.count >= 10 && cell.count % 10 === 0).toBe(true);
          const published: Published = { dimensions: dims, cells: table.cells, threshold: 10, base: 10, zerosOmitted: true };
          expect(loneWithheld(published)).toEqual([]);
          expect(determinedInSlices(published)).toEqual([]);
          expect(pinnedBySingleEquations(published)).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('count a case once per value of a multi-valued dimension, say so, and publish the cases considered like any count', () => {
    const rows = [
      ...Array.from({ length: 25 }, () => factRow({ exploitation_type: ['ForcedLabour', 'SexualExploitation'], gender: ['Feminine'] })),
      ...Array.from({ length: 14 }, () => factRow({ exploitation_type: ['ForcedLabour'], gender: ['Masculine'] })),
    ];
    const rules = resolveRules({ dimensions: ['exploitation_type'] });
    const table = buildTable({ rows, considered: 47, excludedByConsent: 8 }, rules);
    const count = (v: string) => table.cells.find((c) => c.values.exploitation_type === v)!.count;
    expect(count('ForcedLabour')).toBe(30); // 39 cases
    expect(count('SexualExploitation')).toBe(20); // 25 cases
    expect(count('total')).toBe(60); // 64 case-values
    expect(table.casesConsidered).toBe(40);
    expect(table.casesExcludedByConsent).toBe('<10');
    expect(protectCount(9, rules)).toBe('<10');
  });

  it('withhold a second cell when a total would give a small one away', () => {
    // Feminine 57, Masculine 30, unknown 3: the total 90 and the two others would give 3 away.
    const rows = [
      ...Array.from({ length: 57 }, () => factRow({ gender: ['Feminine'] })),
      ...Array.from({ length: 30 }, () => factRow({ gender: ['Masculine'] })),
      ...Array.from({ length: 3 }, () => factRow({ gender: ['unknown'] })),
    ];
    const table = buildTable({ rows, considered: 90, excludedByConsent: 0 }, resolveRules({ dimensions: ['gender'] }));
    const byValue = Object.fromEntries(table.cells.map((c) => [c.values.gender, c]));
    expect(byValue.unknown!.suppressed).toBe('small');
    expect(byValue.Masculine!.suppressed).toBe('complementary');
    expect(byValue.Feminine!.count).toBe(50);
    expect(byValue.total!.count).toBe(90);
    expect(table.small).toBe(1);
    expect(table.complementary).toBe(1);
  });

  it('withhold more when the rounding would pin small counts: the totals bound them from both sides', () => {
    const rules = resolveRules({ dimensions: ['citizenship'] });
    const countries = ['AR', 'BO', 'BR', 'CL', 'CO', 'EC', 'PE', 'PY', 'UY', 'VE'];
    // Eight countries of 19 (shown 10 each) and two of 9: the total 170 says the two small ones
    // add up to at least 170 − 8 × 19 = 18, so both are 9 unless more is withheld.
    const high = [...Array.from({ length: 8 }, (_, i) => [countries[i]!, 19] as const), ['UY', 9] as const, ['VE', 9] as const];
    // One country of 100 and nine of 1: the total (109, shown 100) leaves at most 9 for nine countries, 1 each.
    const low = [['AR', 100] as const, ...countries.slice(1).map((c) => [c, 1] as const)];
    for (const groups of [high, low]) {
      const rows = groups.flatMap(([c, n]) => Array.from({ length: n }, () => factRow({ citizenship: [c] })));
      const table = buildTable({ rows, considered: rows.length, excludedByConsent: 0 }, rules);
      const published: Published = { dimensions: ['citizenship'], cells: table.cells, threshold: 10, base: 10, grandTotal: { lo: rows.length - 9, hi: rows.length + 9 } };
      expect(table.complementary).toBeGreaterThan(0);
      expect(pinnedBySingleEquations(published)).toEqual([]);
      // Without the complementary suppressions, the reader would pin them.
      const bare: Published = { ...published, cells: table.cells.map((c) => (c.suppressed === 'complementary' ? { ...c, suppressed: null, count: Math.floor(rows.filter((r) => r.citizenship[0] === c.values.citizenship || c.values.citizenship === 'total').length / 10) * 10 } : c)) };
      expect(pinnedBySingleEquations(bare).length).toBeGreaterThan(0);
    }
  });

  it('publish an empty table as a total under the threshold', () => {
    const table = buildTable({ rows: [], considered: 3, excludedByConsent: 3 }, resolveRules({ dimensions: ['gender', 'year'] }));
    expect(table.cells).toEqual([{ values: { gender: 'total', year: 'total' }, count: null, suppressed: 'small' }]);
  });

  it('hold nothing but the dimensions asked for, with codes, and refuse more than three or none', () => {
    const rows = Array.from({ length: 30 }, (_, i) => factRow({ gender: [i % 2 ? 'Feminine' : 'Masculine'], year: ['2025'] }));
    const table = buildTable({ rows, considered: 30, excludedByConsent: 0 }, resolveRules({ dimensions: ['year', 'gender'] }));
    for (const cell of table.cells) {
      expect(Object.keys(cell).sort()).toEqual(['count', 'suppressed', 'values']);
      expect(Object.keys(cell.values)).toEqual(['year', 'gender']);
    }
    expect(() => resolveRules({ dimensions: [] })).toThrow(expect.objectContaining({ code: 'BAD_REQUEST' }) as unknown as Error);
    expect(() => resolveRules({ dimensions: STATS_DIMENSIONS.slice(0, 4) as StatsDimension[] })).toThrow(expect.objectContaining({ code: 'BAD_REQUEST' }) as unknown as Error);
  });
});
