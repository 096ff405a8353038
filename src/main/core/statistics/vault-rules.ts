import { AppError } from '../../../shared/errors';
import { STATS_VAULT_DEFAULTS, statsVaultRulesSchema, type StatsVaultRules, type StatsVaultRulesView } from '../../../shared/statistics';
import { appendAudit } from '../audit/chain';
import type { Db } from '../db/open';
import type { Session } from '../users/session';
import { readFlag, writeFlag } from '../settings/settings';
import { MICRO, readPrivacyBudget } from './privacy';

/**
 * The vault's statistics rules (issue 5): an administrator may make the defaults of DESIGN.md §6
 * stricter, never looser, for every request of the vault. They are kept inside the encrypted
 * database (the settings table), read by the engine for every request (the worker too, through
 * its own connection), and each change is audited with the rules it set.
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
export function checkVaultRules(input: StatsVaultRules): StatsVaultRules {
  const parsed = statsVaultRulesSchema.safeParse(input);
  if (!parsed.success) throw new AppError('BAD_REQUEST', 'The statistics rules are not valid: whole numbers up to 1000, and ε above 0 and at most 100.');
  const r = parsed.data;
  const d = STATS_VAULT_DEFAULTS;
  const looser: string[] = [];
  if (r.threshold < d.threshold) looser.push(`the threshold cannot be lower than ${d.threshold}`);
  if (r.roundingBase < d.roundingBase) looser.push(`the rounding base cannot be lower than ${d.roundingBase}`);
  if (r.k < d.k) looser.push(`k cannot be lower than ${d.k}`);
  if (r.maxEpsilon > d.maxEpsilon) looser.push(`ε per release cannot be more than ${d.maxEpsilon}`);
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

/** An administrator sets the vault's rules (the caller checked the role): stored and audited in one transaction. */
export function setVaultRules(session: Session, input: StatsVaultRules): StatsVaultRulesView {
  const rules = checkVaultRules(input);
  const { db } = session.vault;
  const at = session.vault.location.now().toISOString();
  db.transaction(() => {
    writeFlag(db, KEY, JSON.stringify({ rules, changedAt: at } satisfies Stored));
    appendAudit(db, { at, actorId: session.accountId, action: 'stats.rules_changed', detail: { ...rules } });
  })();
  return vaultRulesView(db);
}
