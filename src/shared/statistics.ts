import { z } from 'zod';

/**
 * Anonymized statistics (DESIGN.md §6, issue 5): the names, requests and results shared by the
 * engine (src/main/core/statistics), the CLI and, later, the screens. Everything here is coded:
 * dimension names, vocabulary codes, counts and the rules that protected them.
 */

/** The dimensions a table may cross (at most three of them), by their CLI names. */
export const STATS_DIMENSIONS = [
  'year',
  'citizenship',
  'country_of_exploitation',
  'gender',
  'age_band',
  'minor',
  'exploitation_type',
  'means_of_control',
  'labour_industry',
  'trafficking_status',
  'case_status',
  'assistance_track',
  'service_type',
  'returned',
  'referral_org_type',
  'closure_reason',
] as const;
export const statsDimensionSchema = z.enum(STATS_DIMENSIONS);
export type StatsDimension = z.infer<typeof statsDimensionSchema>;

/** The quasi-identifiers of record-level data: what someone who knows the person could match on. */
export const QUASI_IDENTIFIERS = ['year', 'age_band', 'gender', 'citizenship', 'country_of_exploitation'] as const satisfies readonly StatsDimension[];

/** Ages in bands (DESIGN.md §6, after the Counter Trafficking Data Collaborative). */
export const AGE_BANDS = ['0-8', '9-17', '18-20', '21-23', '24-26', '27-29', '30-38', '39-47', '48+'] as const;

/** Values that are not codes of a vocabulary. */
export const STATS_VALUE = {
  /** A margin: the sum over every value of that dimension. */
  total: 'total',
  /** The fact was not recorded (or not validly). */
  unknown: 'unknown',
  /** Nothing of the kind happened (no service given, no referral out, not closed). */
  none: 'none',
} as const;

/** The defaults of DESIGN.md §6: an administrator or a request may make them stricter, never looser. */
export const STATS_DEFAULTS = { threshold: 10, roundingBase: 10, k: 11 } as const;
export const MAX_TABLE_DIMENSIONS = 3;
/** The most ε a release may spend (privacy.ts refuses more). */
export const STATS_MAX_EPSILON = 100;
/** Upper bounds of the vault's rules: stricter is allowed, useless is not. */
export const STATS_RULE_MAX = 1000;

/**
 * The vault's rules (issue 5): the defaults of DESIGN.md §6, made stricter by an administrator
 * for every statistics request, table, microdata and export of the vault, app and CLI alike: a
 * higher threshold, rounding base or k, a lower most ε per release. A request may only be
 * stricter still.
 */
export const statsVaultRulesSchema = z.strictObject({
  threshold: z.number().int().positive().max(STATS_RULE_MAX),
  roundingBase: z.number().int().positive().max(STATS_RULE_MAX),
  k: z.number().int().positive().max(STATS_RULE_MAX),
  /** The most ε one differentially private release may spend. */
  maxEpsilon: z.number().positive().max(STATS_MAX_EPSILON),
});
export type StatsVaultRules = z.infer<typeof statsVaultRulesSchema>;
export const STATS_VAULT_DEFAULTS: StatsVaultRules = { ...STATS_DEFAULTS, maxEpsilon: STATS_MAX_EPSILON };
/** The vault's differential-privacy budget (ε in all) as a vault starts: five releases at ε = 1. An administrator may lower it, never raise it above this. */
export const STATS_DEFAULT_PRIVACY_BUDGET = 5;

/**
 * What an administrator sets (`statistics.setRules`): the rules, and the vault's privacy budget
 * total, lower than the default but not below what is already spent; left out, it stays as it is.
 */
export const statsSetRulesSchema = statsVaultRulesSchema.extend({
  privacyBudgetTotal: z.number().nonnegative().max(STATS_RULE_MAX).optional(),
});
export type StatsSetRules = z.infer<typeof statsSetRulesSchema>;

/** The vault's rules as the screens show them, with the defaults they were made stricter from and the privacy budget. */
export const statsVaultRulesViewSchema = z.strictObject({
  rules: statsVaultRulesSchema,
  defaults: statsVaultRulesSchema,
  /** When an administrator last changed them; null: the defaults. */
  changedAt: z.string().nullable(),
  privacyBudget: z.strictObject({ total: z.number().nonnegative(), spent: z.number().nonnegative(), remaining: z.number().nonnegative() }),
});
export type StatsVaultRulesView = z.infer<typeof statsVaultRulesViewSchema>;

const year = z.number().int().min(1900).max(2100);

export const statsRequestSchema = z
  .strictObject({
    kind: z.enum(['table', 'microdata']).default('table'),
    /** A table's dimensions (1–3); for microdata, the columns besides the quasi-identifiers (default: all). */
    dimensions: z.array(statsDimensionSchema).max(STATS_DIMENSIONS.length).default([]),
    fromYear: year.nullable().default(null),
    toYear: year.nullable().default(null),
    threshold: z.number().int().positive().default(STATS_DEFAULTS.threshold),
    roundingBase: z.number().int().positive().default(STATS_DEFAULTS.roundingBase),
    k: z.number().int().positive().default(STATS_DEFAULTS.k),
    /** Differential privacy: the ε this release spends from the vault's budget; null = off. */
    epsilon: z.number().positive().max(100).nullable().default(null),
  })
  .refine((r) => r.fromYear === null || r.toYear === null || r.fromYear <= r.toYear, { message: 'the first year comes after the last', path: ['toYear'] });
export type StatsRequest = z.input<typeof statsRequestSchema>;
export type StatsRequestParsed = z.output<typeof statsRequestSchema>;

/** A count as published: a number (rounded down to the base) or `<threshold`. */
export const protectedCountSchema = z.union([z.number().int().nonnegative(), z.string().regex(/^<\d+$/)]);
export type ProtectedCount = z.infer<typeof protectedCountSchema>;

/** The rules a result was produced under: every export carries them. */
export const statsRulesSchema = z.strictObject({
  /** Counts below it are not shown; a multiple of the rounding base. */
  threshold: z.number().int().positive(),
  roundingBase: z.number().int().positive(),
  /** Microdata: the smallest group of rows alike on the quasi-identifiers. */
  k: z.number().int().positive().nullable(),
  /** Differential privacy: the ε spent by this release (null: not used). */
  epsilon: z.number().positive().nullable(),
  fromYear: year.nullable(),
  toYear: year.nullable(),
  /** Cases whose year of identification is in the range, protected like any count. */
  casesConsidered: protectedCountSchema,
  /** Of those, the cases left out because no consent covers anonymous statistics. */
  casesExcludedByConsent: protectedCountSchema,
  /** Table cells (margins included) under the threshold. */
  cellsSuppressed: z.number().int().nonnegative(),
  /** Cells withheld so that no small cell can be worked out from the totals. */
  cellsSuppressedComplementary: z.number().int().nonnegative(),
  /** Microdata rows left out because their group stayed smaller than k. */
  rowsSuppressed: z.number().int().nonnegative().nullable(),
  privacyBudget: z.strictObject({ total: z.number().nonnegative(), spent: z.number().nonnegative(), remaining: z.number().nonnegative() }).nullable(),
  /** The rules in words (English), for a reader of the file. */
  statements: z.array(z.string()),
});
export type StatsRules = z.infer<typeof statsRulesSchema>;

export const statsCellSchema = z.strictObject({
  /** One code per dimension, `total` for a margin. */
  values: z.record(z.string(), z.string()),
  /** Null when suppressed. */
  count: z.number().int().nonnegative().nullable(),
  /** `small`: under the threshold; `complementary`: withheld to protect a small one. */
  suppressed: z.enum(['small', 'complementary']).nullable(),
});
export type StatsCell = z.infer<typeof statsCellSchema>;

export const statsTableSchema = z.strictObject({
  kind: z.literal('table'),
  dimensions: z.array(statsDimensionSchema),
  cells: z.array(statsCellSchema),
  rules: statsRulesSchema,
});
export type StatsTable = z.infer<typeof statsTableSchema>;

export const microdataSchema = z.strictObject({
  kind: z.literal('microdata'),
  columns: z.array(statsDimensionSchema),
  /** One row per case, one value per column (several values joined by `|`). */
  rows: z.array(z.array(z.string())),
  /** How far each quasi-identifier was generalized, in words. */
  generalization: z.record(z.string(), z.string()),
  rules: statsRulesSchema,
});
export type Microdata = z.infer<typeof microdataSchema>;

/**
 * The screens (issue 5 §2, §3): the dashboard's tables, the table builder's request, an export
 * and the progress of a computation running in the main process's worker.
 */
export const DASHBOARD_TABLES = [
  { id: 'cases_per_year', dimensions: ['year'] },
  { id: 'exploitation', dimensions: ['exploitation_type'] },
  { id: 'citizenship', dimensions: ['citizenship'] },
  { id: 'age_gender', dimensions: ['age_band', 'gender'] },
  { id: 'assistance', dimensions: ['assistance_track'] },
  { id: 'returns', dimensions: ['returned', 'closure_reason'] },
  { id: 'referrals', dimensions: ['referral_org_type'] },
] as const satisfies readonly { id: string; dimensions: readonly StatsDimension[] }[];
export type DashboardTableId = (typeof DASHBOARD_TABLES)[number]['id'];
export const dashboardTableIdSchema = z.enum(DASHBOARD_TABLES.map((t) => t.id) as [DashboardTableId, ...DashboardTableId[]]);

const yearRange = {
  fromYear: year.nullable().default(null),
  toYear: year.nullable().default(null),
};
const rangeOrdered = (r: { fromYear: number | null; toYear: number | null }) => r.fromYear === null || r.toYear === null || r.fromYear <= r.toYear;

export const statsRangeSchema = z.strictObject(yearRange).refine(rangeOrdered, { message: 'the first year comes after the last', path: ['toYear'] });
/** Differential privacy for one table (the table builder): the ε it spends from the vault's budget; null = off. */
const epsilonField = { epsilon: z.number().positive().max(STATS_MAX_EPSILON).nullable().default(null) };
export const statsTableRequestSchema = z
  .strictObject({ dimensions: z.array(statsDimensionSchema).min(1).max(MAX_TABLE_DIMENSIONS), ...yearRange, ...epsilonField })
  .refine(rangeOrdered, { message: 'the first year comes after the last', path: ['toYear'] });

export const statsDashboardSchema = z.strictObject({
  fromYear: year.nullable(),
  toYear: year.nullable(),
  tables: z.array(z.strictObject({ id: dashboardTableIdSchema, table: statsTableSchema })),
});
export type StatsDashboard = z.infer<typeof statsDashboardSchema>;

export const STATS_EXPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export const statsExportRequestSchema = z
  .strictObject({
    what: z.enum(['table', 'dashboard', 'microdata']),
    /** For a table: its 1–3 dimensions. */
    dimensions: z.array(statsDimensionSchema).max(MAX_TABLE_DIMENSIONS).default([]),
    ...yearRange,
    format: z.enum(STATS_EXPORT_FORMATS),
    /** The language of the PDF report's headings (the files' codes stay codes). */
    language: z.enum(['en', 'es']).default('en'),
    /** A table with differential privacy: the one just shown with this ε is written (no new noise, nothing spent again). */
    ...epsilonField,
  })
  .refine(rangeOrdered, { message: 'the first year comes after the last', path: ['toYear'] })
  .refine((r) => r.what !== 'table' || r.dimensions.length >= 1, { message: 'a table needs 1 to 3 dimensions', path: ['dimensions'] })
  .refine((r) => r.what !== 'microdata' || r.format === 'csv', { message: 'record-level data are exported as CSV', path: ['format'] })
  .refine((r) => r.what !== 'dashboard' || r.format !== 'csv', { message: 'the dashboard is exported as XLSX or PDF (a CSV holds one table)', path: ['format'] })
  .refine((r) => r.what === 'table' || r.epsilon === null, { message: 'differential privacy applies to a table', path: ['epsilon'] });
export type StatsExportRequest = z.input<typeof statsExportRequestSchema>;

export const statsExportedSchema = z.strictObject({ format: z.enum(STATS_EXPORT_FORMATS), tables: z.number().int().nonnegative(), cellsSuppressed: z.number().int().nonnegative() });

/** Computations running in the worker for this vault: how many and how far (0–100). */
export const statsProgressSchema = z.strictObject({ running: z.number().int().nonnegative(), percent: z.number().min(0).max(100) });
export type StatsProgress = z.infer<typeof statsProgressSchema>;
