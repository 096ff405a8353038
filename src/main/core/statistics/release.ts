import { AppError } from '../../../shared/errors';
import type { Role } from '../../../shared/roles';
import { microdataSchema, statsTableSchema, type Microdata, type StatsRequest, type StatsTable } from '../../../shared/statistics';
import { appendAudit } from '../audit/chain';
import type { Db } from '../db/open';
import { writeFileAtomic } from '../fs/atomic-write';
import type { Session } from '../users/session';
import { microdataCsv, resultJson, tableCsv } from './csv';
import { DIMENSIONS } from './dimensions';
import { extractFacts, type Extraction } from './extract';
import { buildMicrodata, DEFAULT_MICRODATA_COLUMNS } from './microdata';
import { assertBudgetCovers, epsilonMicro, MICRO, readPrivacyBudget, spendPrivacyBudget, type RandomSource } from './privacy';
import { protectCount, resolveRules, ruleStatements, type AppliedRules } from './rules';
import { buildTable, sensitivityOf } from './tables';
import { readVaultRules } from './vault-rules';

/**
 * A statistics release: checks who asks, computes the protected result, and writes it with its
 * audit entry (and, with differential privacy, the spending of the budget) in one transaction:
 * a file that cannot be written rolls both back. The audit says what was released, never where
 * (a path may name people or places) and never a count of a cell.
 */

/** DESIGN.md §6: anonymized statistics leave with a coordinator or a supervisor. */
export const STATS_ROLES: readonly Role[] = ['coordinator', 'supervisor'];
/** With differential privacy and no range given: the last ten years (a range fixed without looking at the data). */
export const DP_DEFAULT_YEARS = 10;

export type StatsFormat = 'csv' | 'json';

export function assertMayExportStatistics(session: Session): void {
  if (!STATS_ROLES.includes(session.role)) {
    throw new AppError('FORBIDDEN', `Your role (${session.role}) does not allow exporting statistics; use a coordinator or supervisor account.`);
  }
  if (session.info.mustChangePassphrase) throw new AppError('PASSPHRASE_CHANGE_REQUIRED', 'Choose a new passphrase (sign in to the app) before doing anything else.');
}

export interface ComputeOptions {
  /** Today, for the default range of differential privacy. */
  now: Date;
  random?: RandomSource;
  /** Facts already read for the same range (the dashboard reads them once for all its tables). */
  extraction?: Extraction;
}

/** The protected result of a request, computed but not yet released (nothing is spent or written). */
export function computeStatistics(db: Db, request: StatsRequest, options: ComputeOptions): { rules: AppliedRules; result: StatsTable | Microdata; micro: number | null } {
  // The vault's rules apply to every request, whoever computes it (the app's worker, the CLI).
  const rules = resolveRules(request, readVaultRules(db).rules);
  let micro: number | null = null;
  if (rules.epsilon !== null) {
    micro = epsilonMicro(rules.epsilon);
    rules.epsilon = micro / MICRO;
    rules.toYear ??= options.now.getUTCFullYear();
    rules.fromYear ??= rules.toYear - (DP_DEFAULT_YEARS - 1);
    if (rules.fromYear > rules.toYear) throw new AppError('BAD_REQUEST', 'The first year comes after the last.');
    assertBudgetCovers(db, micro);
  }
  const extraction = options.extraction ?? extractFacts(db, { fromYear: rules.fromYear, toYear: rules.toYear });
  const base = {
    threshold: rules.threshold,
    roundingBase: rules.roundingBase,
    fromYear: rules.fromYear,
    toYear: rules.toYear,
  };
  if (rules.kind === 'microdata') {
    if (rules.dimensions.includes('minor')) throw new AppError('BAD_REQUEST', 'Record-level data have no minor column: the age band gives it away.');
    const columns = rules.dimensions.length ? rules.dimensions : DEFAULT_MICRODATA_COLUMNS;
    const data = buildMicrodata(extraction.rows, rules.k, columns);
    const result: Microdata = {
      kind: 'microdata',
      columns: data.columns,
      rows: data.rows,
      generalization: data.generalization,
      rules: {
        ...base,
        k: rules.k,
        epsilon: null,
        casesConsidered: protectCount(extraction.considered, rules),
        casesExcludedByConsent: protectCount(extraction.excludedByConsent, rules),
        cellsSuppressed: 0,
        cellsSuppressedComplementary: 0,
        rowsSuppressed: data.rowsSuppressed,
        privacyBudget: null,
        statements: ruleStatements(rules, { multiValued: [], sources: sourcesOf(data.columns), generalization: data.generalization }),
      },
    };
    return { rules, result: microdataSchema.parse(result), micro };
  }
  const table = buildTable(extraction, rules, micro !== null ? { privacy: { micro, random: options.random } } : {});
  let privacyBudget: StatsTable['rules']['privacyBudget'] = null;
  if (micro !== null) {
    const budget = readPrivacyBudget(db);
    const spent = budget.spentMicro + micro;
    privacyBudget = { total: budget.totalMicro / MICRO, spent: spent / MICRO, remaining: (budget.totalMicro - spent) / MICRO };
  }
  const result: StatsTable = {
    kind: 'table',
    dimensions: table.dimensions,
    cells: table.cells,
    rules: {
      ...base,
      k: null,
      epsilon: rules.epsilon,
      casesConsidered: table.casesConsidered,
      casesExcludedByConsent: table.casesExcludedByConsent,
      cellsSuppressed: table.small,
      cellsSuppressedComplementary: table.complementary,
      rowsSuppressed: null,
      privacyBudget,
      statements: ruleStatements(rules, {
        multiValued: rules.dimensions.filter((d) => DIMENSIONS[d].multiValued),
        sources: sourcesOf(rules.dimensions),
        dpSensitivity: sensitivityOf(rules.dimensions),
        budgetLeft: privacyBudget?.remaining,
      }),
    },
  };
  // The schemas are strict: nothing but dimensions, codes, counts and rules can be in a result.
  return { rules, result: statsTableSchema.parse(result), micro };
}

function sourcesOf(dimensions: readonly (keyof typeof DIMENSIONS)[]): string[] {
  return dimensions.map((d) => `${d}: ${DIMENSIONS[d].source}.`);
}

export function serialize(result: StatsTable | Microdata, format: StatsFormat): string {
  if (format === 'json') return resultJson(result);
  return result.kind === 'table' ? tableCsv(result) : microdataCsv(result);
}

/** A result computed (in the worker or here) and not yet released. */
export type Computed = ReturnType<typeof computeStatistics>;

/**
 * Releases computed results: spends the budget (differential privacy), appends one audit entry
 * and runs `write` (which writes the file whole, or throws), all in one transaction.
 */
export function recordRelease(session: Session, computed: readonly Computed[], info: { what: 'table' | 'dashboard' | 'microdata'; format: string }, write: () => void): void {
  assertMayExportStatistics(session);
  const { db } = session.vault;
  const at = session.vault.location.now().toISOString();
  const first = computed[0];
  if (!first) throw new AppError('INTERNAL', 'Nothing to release.');
  db.transaction(() => {
    for (const c of computed) if (c.micro !== null) spendPrivacyBudget(db, c.micro, { at, actorId: session.accountId });
    appendAudit(db, {
      at,
      actorId: session.accountId,
      action: 'stats.exported',
      detail: {
        kind: info.what,
        format: info.format,
        dimensions: computed.map(({ result }) => (result.kind === 'table' ? result.dimensions.join(',') : result.columns.join(','))).join(';'),
        fromYear: first.rules.fromYear,
        toYear: first.rules.toYear,
        threshold: first.rules.threshold,
        roundingBase: first.rules.roundingBase,
        k: first.result.kind === 'microdata' ? first.rules.k : null,
        epsilon: first.rules.epsilon,
        entries: computed.reduce((n, { result }) => n + (result.kind === 'table' ? result.cells.length : result.rows.length), 0),
        suppressed: computed.reduce(
          (n, { result }) => n + (result.kind === 'table' ? result.rules.cellsSuppressed + result.rules.cellsSuppressedComplementary : (result.rules.rowsSuppressed ?? 0)),
          0,
        ),
      },
    });
    write();
  })();
}

/** Computes, audits, spends (with differential privacy) and writes the file at `target`, all or nothing. */
export function exportStatistics(session: Session, request: StatsRequest & { format?: StatsFormat }, target: string, options: { random?: RandomSource } = {}): StatsTable | Microdata {
  assertMayExportStatistics(session);
  const { format = 'csv', ...rest } = request;
  const computed = computeStatistics(session.vault.db, rest, { now: session.vault.location.now(), random: options.random });
  const content = serialize(computed.result, format);
  recordRelease(session, [computed], { what: computed.result.kind, format }, () => writeFileAtomic(target, content));
  return computed.result;
}
