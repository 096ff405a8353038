import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/core/db/open';
import { migrate } from '../../../src/main/core/db/migrations';
import { MIGRATIONS } from '../../../src/main/core/db/schema';
import { randomBytes } from '../../../src/main/core/crypto/bytes';
import { verifyAuditChain } from '../../../src/main/core/audit/chain';
import {
  bernoulliExpNeg,
  cryptoRandom,
  DEFAULT_BUDGET_MICRO,
  epsilonMicro,
  MICRO,
  noiseFor,
  noiseVariance,
  readPrivacyBudget,
  spendPrivacyBudget,
} from '../../../src/main/core/statistics/privacy';
import { buildTable, sensitivityOf } from '../../../src/main/core/statistics/tables';
import { resolveRules } from '../../../src/main/core/statistics/rules';
import { MIGRATION_CONTEXT } from '../../support/migration-context';
import { makeTempDir } from '../../support/temp-dir';
import { factRow } from './facts';

let temp: ReturnType<typeof makeTempDir> | null = null;
afterEach(() => {
  temp?.remove();
  temp = null;
});

function vaultDb() {
  temp = makeTempDir();
  const db = openDatabase(path.join(temp.dir, 'v.db'), randomBytes(32));
  migrate(db, MIGRATIONS, MIGRATION_CONTEXT);
  return db;
}

function moments(samples: number[]) {
  const n = samples.length;
  const mean = samples.reduce((s, x) => s + x, 0) / n;
  const variance = samples.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
  return { mean, variance, zero: samples.filter((x) => x === 0).length / n };
}

describe('the discrete Laplace mechanism', () => {
  // Tolerances are many standard errors wide: these fail by chance far less than once in a million runs.
  it.each([
    { epsilon: 1, sensitivity: 1 },
    { epsilon: 0.5, sensitivity: 3 },
    { epsilon: 2, sensitivity: 10 },
  ])('has the spread of its ε and sensitivity (ε $epsilon, Δ $sensitivity)', ({ epsilon, sensitivity }) => {
    const noise = noiseFor(epsilonMicro(epsilon), sensitivity);
    const samples = Array.from({ length: 40_000 }, () => noise());
    const alpha = Math.exp(-epsilon / sensitivity);
    const expected = noiseVariance(epsilon, sensitivity);
    const m = moments(samples);
    expect(samples.every(Number.isInteger)).toBe(true);
    expect(Math.abs(m.mean)).toBeLessThan(6 * Math.sqrt(expected / samples.length));
    expect(m.variance / expected).toBeGreaterThan(0.9);
    expect(m.variance / expected).toBeLessThan(1.1);
    // P[Z = 0] = (1 − α) / (1 + α), and the two sides are alike.
    expect(Math.abs(m.zero - (1 - alpha) / (1 + alpha))).toBeLessThan(0.02);
    const positive = samples.filter((x) => x > 0).length / samples.length;
    const negative = samples.filter((x) => x < 0).length / samples.length;
    expect(Math.abs(positive - negative)).toBeLessThan(0.03);
  });

  it('samples Bernoulli(exp(−γ)) exactly, for γ below and above 1', () => {
    const rnd = cryptoRandom();
    for (const [num, den] of [[1, 3], [1, 1], [5, 2]] as const) {
      const n = 40_000;
      let hits = 0;
      for (let i = 0; i < n; i++) if (bernoulliExpNeg(num, den, rnd)) hits++;
      const p = Math.exp(-num / den);
      expect(Math.abs(hits / n - p)).toBeLessThan(6 * Math.sqrt((p * (1 - p)) / n));
    }
  });

  it('draws uniform integers without bias, over small and large ranges', () => {
    const rnd = cryptoRandom();
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[rnd.below(3)]!++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(600);
    const big = 2 ** 40 + 7;
    for (let i = 0; i < 1000; i++) {
      const x = rnd.below(big);
      expect(Number.isInteger(x) && x >= 0 && x < big).toBe(true);
    }
  });

  it('noisy tables: every count is noise around the truth, margins add up the noisy cells, zeros are left out', () => {
    const rows = Array.from({ length: 400 }, (_, i) => factRow({ gender: [i % 4 ? 'Feminine' : 'Masculine'], year: [String(2024 + (i % 2))] }));
    const rules = { ...resolveRules({ dimensions: ['gender', 'year'], epsilon: 1 }), fromYear: 2024, toYear: 2025 };
    const table = buildTable({ rows, considered: 450, excludedByConsent: 50 }, rules, { privacy: { micro: MICRO } });
    const sd = Math.sqrt(noiseVariance(1, sensitivityOf(['gender', 'year'])));
    const count = (gender: string, year: string) => table.cells.find((c) => c.values.gender === gender && c.values.year === year)?.count;
    // Feminine: 100 in 2024, 200 in 2025; Masculine: 100 in 2024. Rounded down to 10, plus noise.
    expect(Math.abs(count('Feminine', '2024')! - 100)).toBeLessThan(10 + 8 * sd);
    expect(Math.abs(count('Feminine', '2025')! - 200)).toBeLessThan(10 + 8 * sd);
    // The grand total adds up every noisy cell (the zeros of the whole vocabulary too).
    expect(Math.abs(count('total', 'total')! - 400)).toBeLessThan(10 + 8 * sd * Math.sqrt(14));
    for (const c of table.cells) expect(c.count === null || (c.count >= 10 && c.count % 10 === 0)).toBe(true);
    expect(table.casesConsidered).not.toBe('<10');
  });
});

describe('the privacy budget', () => {
  it('starts at ε = 5, is spent release by release in the audit trail, and refuses an overspend', () => {
    const db = vaultDb();
    expect(readPrivacyBudget(db)).toEqual({ totalMicro: DEFAULT_BUDGET_MICRO, spentMicro: 0 });
    const at = '2026-11-27T09:00:00.000Z';
    db.prepare("INSERT INTO accounts (id, username, display_name, role, public_key, escrowed_secret_key, created_at, updated_at) VALUES ('c1', 'coord', 'C', 'coordinator', zeroblob(32), zeroblob(1), ?, ?)").run(at, at);
    const spend = (epsilon: number) => db.transaction(() => spendPrivacyBudget(db, epsilonMicro(epsilon), { at, actorId: 'c1' }))();
    expect(spend(1.5).spentMicro).toBe(1_500_000);
    expect(spend(0.1).spentMicro).toBe(1_600_000);
    expect(spend(3.4).spentMicro).toBe(5_000_000);
    expect(() => spend(0.000001)).toThrow(expect.objectContaining({ code: 'PRIVACY_BUDGET_EXHAUSTED' }) as unknown as Error);
    expect(readPrivacyBudget(db).spentMicro).toBe(5_000_000);
    const entries = db.prepare("SELECT detail FROM audit_log WHERE action = 'stats.privacy_budget_spent' ORDER BY seq").all() as { detail: string }[];
    expect(entries.map((e) => JSON.parse(e.detail) as { epsilon: number; spent: number })).toEqual([
      { epsilon: 1.5, spent: 1.5, total: 5 },
      { epsilon: 0.1, spent: 1.6, total: 5 },
      { epsilon: 3.4, spent: 5, total: 5 },
    ]);
    expect(verifyAuditChain(db).problems).toEqual([]);
    // The database itself refuses an overspend, whatever the code does.
    expect(() => db.prepare('UPDATE stats_privacy_budget SET spent_micro = spent_micro + 1').run()).toThrow(/CHECK/);
    db.close();
  });
});
