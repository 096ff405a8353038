import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { StatsTable } from '../../../src/shared/statistics';
import { protectCount, resolveRules } from '../../../src/main/core/statistics/rules';
import { microdataCsv, tableCsv } from '../../../src/main/core/statistics/csv';
import { checkVaultRules } from '../../../src/main/core/statistics/vault-rules';

const refused = (code: string, message: RegExp) => expect.objectContaining({ code, message: expect.stringMatching(message) }) as unknown as Error;

describe('rules', () => {
  it('may be made stricter, never looser', () => {
    expect(resolveRules({ dimensions: ['gender'] })).toMatchObject({ threshold: 10, roundingBase: 10, k: 11, epsilon: null });
    expect(resolveRules({ dimensions: ['gender'], threshold: 25, roundingBase: 20, k: 30 })).toMatchObject({ threshold: 40, roundingBase: 20, k: 30 });
    expect(() => resolveRules({ dimensions: ['gender'], threshold: 5 })).toThrow(refused('STATS_RULES_TOO_LOOSE', /threshold cannot be lower than 10/));
    expect(() => resolveRules({ dimensions: ['gender'], roundingBase: 5 })).toThrow(refused('STATS_RULES_TOO_LOOSE', /rounding base cannot be lower than 10/));
    expect(() => resolveRules({ kind: 'microdata', k: 10 })).toThrow(refused('STATS_RULES_TOO_LOOSE', /k cannot be lower than 11/));
    expect(() => resolveRules({ kind: 'microdata', epsilon: 1 })).toThrow(refused('BAD_REQUEST', /k-anonymity/));
    expect(() => resolveRules({ dimensions: ['gender', 'gender'] })).toThrow(refused('BAD_REQUEST', /twice/));
  });

  it("the vault's rules (an administrator's) apply to every request: a request may be stricter still, never looser", () => {
    const vault = { threshold: 20, roundingBase: 10, k: 15, maxEpsilon: 2 };
    // Left out, a rule is the vault's, and the release says so.
    const applied = resolveRules({ dimensions: ['gender'] }, vault);
    expect(applied).toMatchObject({ threshold: 20, roundingBase: 10, k: 15, vault });
    expect(resolveRules({ kind: 'microdata' }, vault).k).toBe(15);
    expect(resolveRules({ dimensions: ['gender'], threshold: 30, epsilon: 1.5 }, vault)).toMatchObject({ threshold: 30, epsilon: 1.5 });
    // Looser than the vault's, though stricter than the defaults: refused, saying whose rule it is.
    expect(() => resolveRules({ dimensions: ['gender'], threshold: 10 }, vault)).toThrow(refused('STATS_RULES_TOO_LOOSE', /threshold cannot be lower than 20, the minimum set by the vault’s administrator/));
    expect(() => resolveRules({ kind: 'microdata', k: 11 }, vault)).toThrow(refused('STATS_RULES_TOO_LOOSE', /k cannot be lower than 15/));
    expect(() => resolveRules({ dimensions: ['gender'], epsilon: 3 }, vault)).toThrow(refused('STATS_RULES_TOO_LOOSE', /ε cannot be more than 2/));
    expect(() => resolveRules({ dimensions: ['gender'], roundingBase: 5 }, vault)).toThrow(refused('STATS_RULES_TOO_LOOSE', /rounding base cannot be lower than 10/));
    // The defaults themselves carry no administrator's statement.
    expect(resolveRules({ dimensions: ['gender'] }).vault).toBeUndefined();
  });

  it('an administrator may set the vault’s rules stricter than the defaults, never looser', () => {
    const ok = { threshold: 20, roundingBase: 10, k: 11, maxEpsilon: 1 };
    expect(checkVaultRules(ok)).toEqual(ok);
    expect(() => checkVaultRules({ ...ok, threshold: 5 })).toThrow(refused('STATS_RULES_TOO_LOOSE', /threshold cannot be lower than 10/));
    expect(() => checkVaultRules({ ...ok, roundingBase: 5, threshold: 10 })).toThrow(refused('STATS_RULES_TOO_LOOSE', /rounding base cannot be lower than 10/));
    expect(() => checkVaultRules({ ...ok, k: 10 })).toThrow(refused('STATS_RULES_TOO_LOOSE', /k cannot be lower than 11/));
    expect(() => checkVaultRules({ ...ok, maxEpsilon: 101 })).toThrow(refused('BAD_REQUEST', /not valid/));
    expect(() => checkVaultRules({ ...ok, threshold: 25 })).toThrow(refused('BAD_REQUEST', /multiple of the rounding base/));
    // The privacy budget total: lowered, or left as it is; never raised above the default (5), never negative.
    expect(checkVaultRules({ ...ok, privacyBudgetTotal: 2.5 })).toEqual({ ...ok, privacyBudgetTotal: 2.5 });
    expect(checkVaultRules({ ...ok, privacyBudgetTotal: 5 })).toEqual({ ...ok, privacyBudgetTotal: 5 });
    expect(checkVaultRules({ ...ok, privacyBudgetTotal: 0 })).toEqual({ ...ok, privacyBudgetTotal: 0 });
    expect(() => checkVaultRules({ ...ok, privacyBudgetTotal: 5.01 })).toThrow(refused('STATS_RULES_TOO_LOOSE', /privacy budget cannot be more than ε = 5/));
    expect(() => checkVaultRules({ ...ok, privacyBudgetTotal: -1 })).toThrow(refused('BAD_REQUEST', /not valid/));
  });

  it('a threshold that is not a multiple of the base is raised, so no published count falls below it', () => {
    const rules = resolveRules({ dimensions: ['gender'], threshold: 15 });
    expect(rules.threshold).toBe(20);
    for (let n = 0; n < 200; n++) {
      const shown = protectCount(n, rules);
      if (typeof shown === 'number') expect(shown).toBeGreaterThanOrEqual(rules.threshold);
      else expect(n).toBeLessThan(rules.threshold);
    }
  });
});

describe('csv', () => {
  const rules = { threshold: 10 } as StatsTable['rules'];
  it('one column per dimension and a count; <10 and x instead of numbers; formulas neutralized', () => {
    const csv = tableCsv({
      dimensions: ['gender', 'year'],
      rules,
      cells: [
        { values: { gender: 'Feminine', year: '2024' }, count: 120, suppressed: null },
        { values: { gender: 'Masculine', year: '2024' }, count: null, suppressed: 'small' },
        { values: { gender: '=HYPERLINK("http://x")', year: '+1' }, count: null, suppressed: 'complementary' },
        { values: { gender: '@SUM(A1)', year: '-2' }, count: 10, suppressed: null },
        { values: { gender: '\tcmd', year: '\rx' }, count: 10, suppressed: null },
      ],
    });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = parse(csv.slice(1), { relax_column_count: false }) as string[][];
    expect(rows).toEqual([
      ['gender', 'year', 'count'],
      ['Feminine', '2024', '120'],
      ['Masculine', '2024', '<10'],
      ['\'=HYPERLINK("http://x")', "'+1", 'x'],
      ["'@SUM(A1)", "'-2", '10'],
      ["'\tcmd", "'\rx", '10'],
    ]);
  });

  it('microdata: the HTCDS columns, then one row per case (the case status as its cas_Status value)', () => {
    const csv = microdataCsv({ columns: ['year', 'gender', 'case_status'], rows: [['2024', 'Feminine', 'open'], ['2024', '-x', 'closed-referred']] });
    expect(parse(csv.slice(1))).toEqual([
      ['vic_IdentificationYear', 'prs_Gender', 'cas_Status'],
      ['2024', 'Feminine', 'Active'],
      ['2024', "'-x", 'ClosedReferred'],
    ]);
  });
});
