import { AppError } from '../../../shared/errors';
import {
  STATS_DEFAULT_PRIVACY_BUDGET,
  STATS_VAULT_DEFAULTS,
  statsSetRulesSchema,
  statsVaultRulesSchema,
  type StatsSetRules,
  type StatsVaultRules,
  type StatsVaultRulesView,
} from '../../../shared/statistics';
import { appendAudit } from '../audit/chain';
import type { Db } from '../db/open';
import type { Session } from '../users/session';
import { readFlag, writeFlag } from '../settings/settings';
import { DEFAULT_BUDGET_MICRO, MICRO, readPrivacyBudget } from './privacy';

/**
 * The vault's statistics rules (issue 5): an administrator may make the defaults of DESIGN.md §6
 * stricter, never looser, for every request of the vault. They are kept inside the encrypted
 * database (the settings table), read by the engine for every request (the worker too, through
 * its own connection), and each change is audited with the rules it set. The vault's
 * differential-privacy budget total is one of them: it lives in its own table (privacy.ts), and
 * may be lowered, never raised above the default nor below what is already spent.
 */

const KEY = 'statistics-rules';

interface Stored {
  rules: StatsVaultRules;
  changedAt: string;
}

/** The rules in force: the administrator's, or the defaults. Anything unreadable or looser is never used: the stricter of it and the defaults. */
export function readVaultRules(db: Db): { rules: StatsVaultRules; changedAt: string | null } {
  const raw = readFlag(db, KEY);
  if (raw === null) return { rules: { ...STATS_VAULT_DEFAULTS }, changedAt: null };
  let stored: Partial<Stored> = {};
  try {
    stored = JSON.parse(raw) as Partial<Stored>;
  } catch {
    // Fall through to the defaults.
  }
  const parsed = statsVaultRulesSchema.safeParse(stored.rules);
  if (!parsed.success) return { rules: { ...STATS_VAULT_DEFAULTS }, changedAt: null };
  const r = parsed.data;
  return {
    rules: {
      threshold: Math.max(r.threshold, STATS_VAULT_DEFAULTS.threshold),
      roundingBase: Math.max(r.roundingBase, STATS_VAULT_DEFAULTS.roundingBase),
      k: Math.max(r.k, STATS_VAULT_DEFAULTS.k),
      maxEpsilon: Math.min(r.maxEpsilon, STATS_VAULT_DEFAULTS.maxEpsilon),
    },
    changedAt: typeof stored.changedAt === 'string' ? stored.changedAt : null,
  };
}

/** What an administrator may set: each rule at least as strict as the default, else STATS_RULES_TOO_LOOSE saying which. */
export function checkVaultRules(input: StatsSetRules): StatsSetRules {
  const parsed = statsSetRulesSchema.safeParse(input);
  if (!parsed.success) throw new AppError('BAD_REQUEST', 'The statistics rules are not valid: whole numbers up to 1000, ε above 0 and at most 100, and a privacy budget of 0 or more.');
  const r = parsed.data;
  const d = STATS_VAULT_DEFAULTS;
  const looser: string[] = [];
  if (r.threshold < d.threshold) looser.push(`the threshold cannot be lower than ${d.threshold}`);
  if (r.roundingBase < d.roundingBase) looser.push(`the rounding base cannot be lower than ${d.roundingBase}`);
  if (r.k < d.k) looser.push(`k cannot be lower than ${d.k}`);
  if (r.maxEpsilon > d.maxEpsilon) looser.push(`ε per release cannot be more than ${d.maxEpsilon}`);
  if (r.privacyBudgetTotal !== undefined && Math.round(r.privacyBudgetTotal * MICRO) > DEFAULT_BUDGET_MICRO) {
    looser.push(`the privacy budget cannot be more than ε = ${STATS_DEFAULT_PRIVACY_BUDGET} in all`);
  }
  if (looser.length) throw new AppError('STATS_RULES_TOO_LOOSE', `Statistics rules may only be made stricter than the defaults: ${looser.join('; ')}.`);
  if (r.threshold % r.roundingBase !== 0) {
    throw new AppError('BAD_REQUEST', `The threshold must be a multiple of the rounding base (${r.roundingBase}); otherwise a count just above it would be rounded down below it.`);
  }
  return r;
}

export function vaultRulesView(db: Db): StatsVaultRulesView {
  const { rules, changedAt } = readVaultRules(db);
  const budget = readPrivacyBudget(db);
  return {
    rules,
    defaults: { ...STATS_VAULT_DEFAULTS },
    changedAt,
    privacyBudget: { total: budget.totalMicro / MICRO, spent: budget.spentMicro / MICRO, remaining: (budget.totalMicro - budget.spentMicro) / MICRO },
  };
}

/**
 * Sets the vault's privacy budget total (in millionths); call inside the transaction of the
 * change. Refused, changing nothing, below what releases have already spent.
 */
function setPrivacyBudgetTotal(db: Db, totalMicro: number): void {
  const changed = db.prepare('UPDATE stats_privacy_budget SET total_micro = ? WHERE id = 1 AND spent_micro <= ?').run(totalMicro, totalMicro).changes;
  if (changed === 1) return;
  const { spentMicro } = readPrivacyBudget(db);
  if (spentMicro <= totalMicro) throw new AppError('INTERNAL', 'This vault keeps no privacy budget to change.');
  throw new AppError(
    'PRIVACY_BUDGET_BELOW_SPENT',
    `The privacy budget cannot be lowered to ε = ${totalMicro / MICRO}: releases have already spent ε = ${spentMicro / MICRO} of it. Nothing was changed.`,
  );
}

/**
 * An administrator sets the vault's rules (the caller checked the role), and the privacy budget
 * total when given: stored and audited in one transaction, or nothing is changed.
 */
export function setVaultRules(session: Session, input: StatsSetRules): StatsVaultRulesView {
  const { privacyBudgetTotal, ...rest } = checkVaultRules(input);
  const rules: StatsVaultRules = rest;
  const totalMicro = privacyBudgetTotal === undefined ? null : Math.round(privacyBudgetTotal * MICRO);
  const { db } = session.vault;
  const at = session.vault.location.now().toISOString();
  db.transaction(() => {
    if (totalMicro !== null) setPrivacyBudgetTotal(db, totalMicro);
    writeFlag(db, KEY, JSON.stringify({ rules, changedAt: at } satisfies Stored));
    const detail = totalMicro === null ? { ...rules } : { ...rules, privacyBudgetTotal: totalMicro / MICRO };
    appendAudit(db, { at, actorId: session.accountId, action: 'stats.rules_changed', detail });
  })();
  return vaultRulesView(db);
}
