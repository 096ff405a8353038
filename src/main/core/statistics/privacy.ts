import { getRandomValues } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { STATS_DEFAULT_PRIVACY_BUDGET } from '../../../shared/statistics';
import { appendAudit } from '../audit/chain';
import type { Db } from '../db/open';

/**
 * Optional differential privacy for repeated releases (issue 5 §1).
 *
 * The mechanism is the discrete Laplace (two-sided geometric) distribution,
 * P[Z = z] ∝ exp(−ε·|z| / Δ), added to every count of a release whose L1 sensitivity is Δ: that
 * release is then ε-differentially private. It is sampled exactly, with integer arithmetic only
 * (Canonne, Kamath & Steinke 2020, algorithms 1 and 2), from the operating system's
 * cryptographic generator: floating-point samplers leak through their rounding (Mironov 2012),
 * and Math.random is predictable.
 *
 * ε is kept in millionths, so that the budget adds up exactly: each release spends its ε from the
 * vault's budget, in the same transaction as its audit entry, and a release that would overspend
 * is refused.
 */

export const MICRO = 1_000_000;
/** The budget a new vault starts with (schema step `statistics`): five releases at ε = 1. An administrator may lower it (vault-rules.ts). */
export const DEFAULT_BUDGET_MICRO = STATS_DEFAULT_PRIVACY_BUDGET * MICRO;

/** Uniform integers: the only source of randomness of the mechanism. */
export interface RandomSource {
  /** A uniform integer in [0, n), for 1 ≤ n ≤ 2^53. */
  below(n: number): number;
}

/** The operating system's CSPRNG, read in blocks. */
export function cryptoRandom(): RandomSource {
  const buffer = new Uint32Array(1024);
  let index = buffer.length;
  const word = () => {
    if (index === buffer.length) {
      getRandomValues(buffer);
      index = 0;
    }
    return buffer[index++]!;
  };
  const TWO32 = 2 ** 32;
  const TWO53 = 2 ** 53;
  return {
    below(n) {
      if (!Number.isSafeInteger(n) || n < 1) throw new RangeError('below(n) needs a whole n from 1 to 2^53');
      // Rejection sampling: the largest multiple of n below the range is accepted, so no bias.
      if (n <= TWO32) {
        const limit = TWO32 - (TWO32 % n);
        for (;;) {
          const x = word();
          if (x < limit) return x % n;
        }
      }
      const limit = TWO53 - (TWO53 % n);
      for (;;) {
        const x = (word() & 0x1fffff) * TWO32 + word();
        if (x < limit) return x % n;
      }
    },
  };
}

/** Bernoulli(num / den), 0 ≤ num ≤ den. */
function bernoulli(num: number, den: number, rnd: RandomSource): boolean {
  return rnd.below(den) < num;
}

/** Bernoulli(exp(−num / den)) for num/den ≥ 0 (CKS algorithm 1). */
export function bernoulliExpNeg(num: number, den: number, rnd: RandomSource): boolean {
  while (num > den) {
    if (!bernoulliExpNegUnit(1, 1, rnd)) return false;
    num -= den;
  }
  return bernoulliExpNegUnit(num, den, rnd);
}

function bernoulliExpNegUnit(num: number, den: number, rnd: RandomSource): boolean {
  let k = 1;
  while (bernoulli(num, den * k, rnd)) k++;
  return k % 2 === 1;
}

/**
 * A sample of the discrete Laplace distribution P[Z = z] ∝ exp(−|z|·s/t), for whole s, t ≥ 1
 * (CKS algorithm 2).
 */
export function discreteLaplace(s: number, t: number, rnd: RandomSource): number {
  for (;;) {
    const u = rnd.below(t);
    if (!bernoulliExpNeg(u, t, rnd)) continue;
    let v = 0;
    while (bernoulliExpNeg(1, 1, rnd)) v++;
    const y = Math.floor((u + t * v) / s);
    const negative = rnd.below(2) === 1;
    if (negative && y === 0) continue;
    return negative ? -y : y;
  }
}

/** ε in millionths; refused outside (0, 100]. */
export function epsilonMicro(epsilon: number): number {
  const micro = Math.round(epsilon * MICRO);
  if (!Number.isFinite(epsilon) || micro < 1 || micro > 100 * MICRO) throw new AppError('BAD_REQUEST', 'ε must be a number above 0 and at most 100.');
  return micro;
}

/** A noise sampler for one release: ε (in millionths) for counts of sensitivity Δ. */
export function noiseFor(micro: number, sensitivity: number, rnd: RandomSource = cryptoRandom()): () => number {
  if (!Number.isInteger(sensitivity) || sensitivity < 1) throw new RangeError('sensitivity must be a whole number ≥ 1');
  // exp(−|z|·ε/Δ) = exp(−|z|·s/t) with s/t = micro / (MICRO·Δ), reduced.
  let s = micro;
  let t = MICRO * sensitivity;
  const d = gcd(s, t);
  s /= d;
  t /= d;
  return () => discreteLaplace(s, t, rnd);
}

/** The spread of that noise: α = exp(−ε/Δ), variance 2α / (1 − α)². */
export function noiseVariance(epsilon: number, sensitivity: number): number {
  const alpha = Math.exp(-epsilon / sensitivity);
  return (2 * alpha) / (1 - alpha) ** 2;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

// ——— The vault's budget ———

export interface PrivacyBudget {
  totalMicro: number;
  spentMicro: number;
}

export function readPrivacyBudget(db: Db): PrivacyBudget {
  const row = db.prepare('SELECT total_micro, spent_micro FROM stats_privacy_budget WHERE id = 1').get() as { total_micro: number; spent_micro: number } | undefined;
  // A vault without the row has no budget: nothing can be spent.
  return row ? { totalMicro: row.total_micro, spentMicro: row.spent_micro } : { totalMicro: 0, spentMicro: 0 };
}

export function assertBudgetCovers(db: Db, micro: number): void {
  const budget = readPrivacyBudget(db);
  if (budget.spentMicro + micro > budget.totalMicro) {
    throw new AppError(
      'PRIVACY_BUDGET_EXHAUSTED',
      `This release would spend ε = ${micro / MICRO}, but the vault's privacy budget has ${(budget.totalMicro - budget.spentMicro) / MICRO} left of ${budget.totalMicro / MICRO}.`,
    );
  }
}

/**
 * Spends ε from the budget and records it in the audit trail; call inside the transaction of the
 * release. Refuses (and changes nothing) when the budget does not cover it.
 */
export function spendPrivacyBudget(db: Db, micro: number, audit: { at: string; actorId: string }): PrivacyBudget {
  assertBudgetCovers(db, micro);
  const changed = db.prepare('UPDATE stats_privacy_budget SET spent_micro = spent_micro + ? WHERE id = 1 AND spent_micro + ? <= total_micro').run(micro, micro).changes;
  if (changed !== 1) assertBudgetCovers(db, Number.MAX_SAFE_INTEGER);
  const after = readPrivacyBudget(db);
  appendAudit(db, {
    at: audit.at,
    actorId: audit.actorId,
    action: 'stats.privacy_budget_spent',
    detail: { epsilon: micro / MICRO, spent: after.spentMicro / MICRO, total: after.totalMicro / MICRO },
  });
  return after;
}
