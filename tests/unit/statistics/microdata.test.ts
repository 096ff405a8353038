import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AGE_BANDS, QUASI_IDENTIFIERS, STATS_DIMENSIONS } from '../../../src/shared/statistics';
import { buildMicrodata, DEFAULT_MICRODATA_COLUMNS, WITHHELD } from '../../../src/main/core/statistics/microdata';
import { factRow, groupSize } from './facts';

const people = fc.array(
  fc.record({
    year: fc.constantFrom('2021', '2022', '2023', '2024', '2025'),
    age_band: fc.constantFrom(...AGE_BANDS, 'unknown'),
    gender: fc.constantFrom('Feminine', 'Masculine', 'TransgenderFeminine', 'NonConforming', 'unknown'),
    citizenship: fc.constantFrom(['VE'], ['PE'], ['CO'], ['HT'], ['CN'], ['VE', 'CO'], ['unknown']),
    country_of_exploitation: fc.constantFrom(['PE'], ['CL'], ['PE', 'CL'], ['unknown']),
    exploitation_type: fc.constantFrom(['ForcedLabour'], ['SexualExploitation'], ['ForcedLabour', 'Servitude']),
    size: groupSize,
  }),
  { maxLength: 20 },
);

describe('microdata', () => {
  it('every combination of the quasi-identifiers is shared by at least k rows; the rest is counted as suppressed', () => {
    fc.assert(
      fc.property(people, fc.constantFrom(11, 15, 25), (groups, k) => {
        const rows = groups.flatMap(({ size, ...g }) =>
          Array.from({ length: size }, () =>
            factRow({ year: [g.year], age_band: [g.age_band], gender: [g.gender], citizenship: g.citizenship, country_of_exploitation: g.country_of_exploitation, exploitation_type: g.exploitation_type }),
          ),
        );
        const data = buildMicrodata(rows, k);
        expect(data.columns.slice(0, QUASI_IDENTIFIERS.length)).toEqual([...QUASI_IDENTIFIERS]);
        expect(data.columns).not.toContain('minor');
        for (const c of data.columns) expect(STATS_DIMENSIONS).toContain(c);
        expect(data.rows.length + data.rowsSuppressed).toBe(rows.length);
        const groupsOf = new Map<string, number>();
        for (const r of data.rows) {
          expect(r).toHaveLength(data.columns.length);
          const key = r.slice(0, QUASI_IDENTIFIERS.length).join('|');
          groupsOf.set(key, (groupsOf.get(key) ?? 0) + 1);
        }
        for (const n of groupsOf.values()) expect(n).toBeGreaterThanOrEqual(k);
        // Left out: at most the suppression limit, unless everything was withheld and still too few.
        const allWithheld = Object.values(data.generalization).every((g) => g === 'withheld');
        if (!allWithheld) expect(data.rowsSuppressed).toBeLessThanOrEqual(Math.floor(rows.length * 0.05));
        else expect(data.rowsSuppressed === 0 || rows.length < k).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('generalizes the quasi-identifier with the most values first, and keeps the other columns whole', () => {
    // 40 people alike but for a citizenship each of its own: citizenship must go, not the rest.
    const countries = ['AR', 'BO', 'BR', 'CL', 'CO', 'EC', 'PE', 'PY', 'UY', 'VE'];
    const rows = Array.from({ length: 40 }, (_, i) =>
      factRow({ year: ['2024'], age_band: ['18-20'], gender: ['Feminine'], citizenship: [countries[i % 10]!], country_of_exploitation: ['PE'], exploitation_type: ['ForcedLabour', 'Servitude'] }),
    );
    const data = buildMicrodata(rows, 11, DEFAULT_MICRODATA_COLUMNS);
    expect(data.rowsSuppressed).toBe(0);
    expect(data.generalization).toMatchObject({ year: 'year', age_band: 'age bands', gender: 'gender', country_of_exploitation: 'country' });
    expect(data.generalization.citizenship).not.toBe('country');
    const col = (name: string) => data.columns.indexOf(name as never);
    for (const r of data.rows) {
      expect(r[col('citizenship')]).toMatch(new RegExp(`^(other|${WITHHELD.replace('*', '\\*')})$`));
      expect(r[col('exploitation_type')]).toBe('ForcedLabour|Servitude');
      expect(r[col('year')]).toBe('2024');
    }
  });

  it('leaves everyone out when there are fewer than k', () => {
    const rows = Array.from({ length: 10 }, () => factRow({ year: ['2024'] }));
    const data = buildMicrodata(rows, 11);
    expect(data.rows).toEqual([]);
    expect(data.rowsSuppressed).toBe(10);
  });
});
