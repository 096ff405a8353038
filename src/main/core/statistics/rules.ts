import { AppError } from '../../../shared/errors';
import {
  MAX_TABLE_DIMENSIONS,
  STATS_DEFAULTS,
  STATS_VAULT_DEFAULTS,
  statsRequestSchema,
  type ProtectedCount,
  type StatsDimension,
  type StatsRequest,
  type StatsVaultRules,
} from '../../../shared/statistics';

/** A request checked and settled: the rules every part of the engine applies. */
export interface AppliedRules {
  kind: 'table' | 'microdata';
  dimensions: StatsDimension[];
  /** Counts below it are suppressed; always a multiple of the base (see `resolveRules`). */
  threshold: number;
  roundingBase: number;
  k: number;
  epsilon: number | null;
  fromYear: number | null;
  toYear: number | null;
  /** The vault's rules when an administrator made them stricter than the defaults (vault-rules.ts). */
  vault?: StatsVaultRules;
}

/**
 * Checks a request. The defaults of DESIGN.md §6 may be made stricter, never looser: by the
 * vault's administrator (`vault`, see vault-rules.ts), then by the request itself. A rule the
 * request leaves out is the vault's; a lower threshold, base or k than the vault's (or a higher
 * ε than its most per release) is refused with STATS_RULES_TOO_LOOSE. A threshold that is not a
 * multiple of the base is raised to the next one, otherwise a count just above the threshold
 * would be rounded down below it (threshold 15, base 10: 17 would be shown as 10).
 */
export function resolveRules(input: StatsRequest, vault: StatsVaultRules = STATS_VAULT_DEFAULTS): AppliedRules {
  const parsed = statsRequestSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError('BAD_REQUEST', `The statistics request is not valid (${parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ')}).`);
  }
  const r = {
    ...parsed.data,
    threshold: input.threshold ?? Math.max(vault.threshold, STATS_DEFAULTS.threshold),
    roundingBase: input.roundingBase ?? Math.max(vault.roundingBase, STATS_DEFAULTS.roundingBase),
    k: input.k ?? Math.max(vault.k, STATS_DEFAULTS.k),
  };
  const looser: string[] = [];
  const byAdmin = (rule: 'threshold' | 'roundingBase' | 'k') => (vault[rule] > STATS_DEFAULTS[rule] ? ', the minimum set by the vault’s administrator' : '');
  const floor = (rule: 'threshold' | 'roundingBase' | 'k') => Math.max(vault[rule], STATS_DEFAULTS[rule]);
  if (r.threshold < floor('threshold')) looser.push(`the threshold cannot be lower than ${floor('threshold')}${byAdmin('threshold')}`);
  if (r.roundingBase < floor('roundingBase')) looser.push(`the rounding base cannot be lower than ${floor('roundingBase')}${byAdmin('roundingBase')}`);
  if (r.k < floor('k')) looser.push(`k cannot be lower than ${floor('k')}${byAdmin('k')}`);
  if (r.epsilon !== null && r.epsilon > vault.maxEpsilon) looser.push(`ε cannot be more than ${vault.maxEpsilon} per release, the most set by the vault’s administrator`);
  if (looser.length) throw new AppError('STATS_RULES_TOO_LOOSE', `Statistics rules may only be made stricter: ${looser.join('; ')}.`);
  const dimensions = [...new Set(r.dimensions)];
  if (dimensions.length !== r.dimensions.length) throw new AppError('BAD_REQUEST', 'A dimension is named twice.');
  if (r.kind === 'table' && (dimensions.length < 1 || dimensions.length > MAX_TABLE_DIMENSIONS)) {
    throw new AppError('BAD_REQUEST', `A table crosses 1 to ${MAX_TABLE_DIMENSIONS} dimensions.`);
  }
  if (r.kind === 'microdata' && r.epsilon !== null) {
    throw new AppError('BAD_REQUEST', 'Differential privacy applies to tables; record-level data are protected by k-anonymity.');
  }
  return {
    kind: r.kind,
    dimensions,
    threshold: Math.ceil(r.threshold / r.roundingBase) * r.roundingBase,
    roundingBase: r.roundingBase,
    k: r.k,
    epsilon: r.epsilon,
    fromYear: r.fromYear,
    toYear: r.toYear,
    ...(stricter(vault) ? { vault } : {}),
  };
}

function stricter(vault: StatsVaultRules): boolean {
  const d = STATS_VAULT_DEFAULTS;
  return vault.threshold > d.threshold || vault.roundingBase > d.roundingBase || vault.k > d.k || vault.maxEpsilon < d.maxEpsilon;
}

/** A count as published: under the threshold it is `<threshold`, otherwise rounded down to the base. */
export function protectCount(count: number, rules: Pick<AppliedRules, 'threshold' | 'roundingBase'>): ProtectedCount {
  if (count < rules.threshold) return `<${rules.threshold}`;
  return Math.floor(count / rules.roundingBase) * rules.roundingBase;
}

/** What a reader can infer from a published count: the range the true count lies in. */
export function rangeOf(published: ProtectedCount, rules: Pick<AppliedRules, 'threshold' | 'roundingBase'>): { lo: number; hi: number } {
  if (typeof published === 'string') return { lo: 0, hi: rules.threshold - 1 };
  return { lo: published, hi: published + rules.roundingBase - 1 };
}

/** The rules of a release in words (English), for whoever reads the file. */
export function ruleStatements(
  rules: AppliedRules,
  details: { multiValued: readonly StatsDimension[]; sources: readonly string[]; dpSensitivity?: number; generalization?: Record<string, string>; budgetLeft?: number },
): string[] {
  const out = [
    'Only cases whose consent covers anonymous statistics (and was not withdrawn) are counted; no names, identity, free text or ids are used.',
    rules.fromYear !== null || rules.toYear !== null
      ? `Years of identification: ${rules.fromYear ?? 'any'} to ${rules.toYear ?? 'any'}.`
      : 'Years of identification: all.',
    `Counts under ${rules.threshold} are shown as <${rules.threshold}; the others are rounded down to a multiple of ${rules.roundingBase}. The numbers of cases considered and excluded are shown the same way.`,
  ];
  if (rules.kind === 'table') {
    out.push(
      `A count marked ${'x'} is withheld so that no count under ${rules.threshold} can be worked out from the row, column or grand totals; it is itself at least ${rules.threshold}.`,
      'Margins (value "total") are the sums of the cells they total.',
    );
    if (details.multiValued.length) {
      out.push(`A case with several values of ${details.multiValued.join(', ')} is counted once under each value, so a total over such a dimension counts case-values, not cases.`);
    }
    if (rules.epsilon !== null) {
      out.push(
        `Differential privacy: noise from the discrete Laplace distribution with ε = ${rules.epsilon} was added to every count (sensitivity ${details.dpSensitivity}; a case weighs at most 3 values per dimension); totals are sums of the noisy counts; zeros are left out. ε left in the vault's budget: ${details.budgetLeft}.`,
      );
    }
  } else {
    out.push(
      `Record-level data: every combination of year, age band, gender, citizenship and country of exploitation appears in at least ${rules.k} rows; rows still in smaller groups are left out.`,
      `Generalized: ${Object.entries(details.generalization ?? {}).map(([k, v]) => `${k} as ${v}`).join('; ')}.`,
      'Citizenship is the first one recorded; several countries of exploitation are shown as "multiple"; several values of another column are joined by "|".',
    );
  }
  if (rules.vault) {
    const v = rules.vault;
    out.push(
      `This vault's administrator made the rules stricter than the defaults for every release: threshold at least ${v.threshold}, rounding base at least ${v.roundingBase}, k at least ${v.k}, ε at most ${v.maxEpsilon} per release.`,
    );
  }
  out.push(...details.sources);
  return out;
}
