import fs from 'node:fs';
import path from 'node:path';
import { AppCore } from '../../main/core/app/app-core';
import { AppError } from '../../shared/errors';
import { STATS_DIMENSIONS, type StatsDimension } from '../../shared/statistics';
import { isDimension } from '../../main/core/statistics/dimensions';
import { exportStatistics, type StatsFormat } from '../../main/core/statistics/release';
import { exportStatisticsDocument } from '../../main/core/statistics/reports';
import { takeFlags, UsageError, type ParsedArgs } from '../args';
import type { LineReader } from '../stdin';
import { dataDirOf, parseUsername, parseWholeNumber } from '../options';
import type { CommandContext } from './context';

const FORMATS = ['csv', 'json', 'xlsx', 'pdf'] as const;
type CliFormat = (typeof FORMATS)[number];

/**
 * `export-stats --data-dir DIR --user USERNAME --out FILE [--format csv|json|xlsx|pdf] [--language en|es] [--dimensions a,b,c]
 * [--from YYYY] [--to YYYY] [--microdata] [--threshold N] [--base N] [--k N] [--epsilon E]`:
 * anonymized statistics (DESIGN.md §6) as a coordinator or supervisor. A table crosses 1–3
 * dimensions; --microdata writes k-anonymous rows instead; --epsilon adds differentially private
 * noise and spends that much of the vault's budget. The rules may be made stricter, never looser.
 * The file is written whole or not at all, and audited. Only counts and rules reach the terminal.
 */
export async function exportStatsCommand(args: ParsedArgs, stdin: LineReader, ctx: CommandContext): Promise<number> {
  const f = takeFlags(args, ['user', 'out'], ['data-dir', 'format', 'dimensions', 'from', 'to', 'threshold', 'base', 'k', 'epsilon', 'language']);
  const username = parseUsername(f.user!);
  const format = (f.format ?? 'csv') as CliFormat;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of: ${FORMATS.join(', ')}`);
  const language = f.language ?? 'en';
  if (language !== 'en' && language !== 'es') throw new UsageError('--language must be en or es');
  const microdata = ctx.switches.has('microdata');
  const document = format === 'xlsx' || format === 'pdf';
  if (document && microdata) throw new UsageError('microdata is written as csv or json');
  if (document && f.epsilon !== undefined) throw new UsageError('--epsilon is available with csv or json');
  const dimensions = f.dimensions === undefined ? [] : f.dimensions.split(',').map((d) => d.trim());
  for (const d of dimensions) if (!isDimension(d)) throw new UsageError(`unknown dimension "${d}"; the dimensions are: ${STATS_DIMENSIONS.join(', ')}`);
  if (!microdata && (dimensions.length < 1 || dimensions.length > 3)) throw new UsageError('a table needs --dimensions with 1 to 3 names, separated by commas');
  const fromYear = f.from === undefined ? null : parseWholeNumber('from', f.from, 1900, 2100);
  const toYear = f.to === undefined ? null : parseWholeNumber('to', f.to, 1900, 2100);
  if (fromYear !== null && toYear !== null && fromYear > toYear) throw new UsageError('--from comes after --to');
  // Any whole number is passed on: the engine refuses a looser rule with its own explanation.
  const whole = (name: string, value: string | undefined) => (value === undefined ? undefined : parseWholeNumber(name, value, 1, 1_000_000));
  if (f.epsilon !== undefined && !/^\d+(\.\d+)?$/.test(f.epsilon)) throw new UsageError('--epsilon must be a positive number, e.g. 0.5');
  const out = path.resolve(f.out!);
  if (!fs.existsSync(path.dirname(out))) throw new AppError('BAD_REQUEST', `The folder ${path.dirname(out)} does not exist; nothing was exported.`);

  const core = ctx.keep(new AppCore({ dataDir: dataDirOf(f), nativeBinding: ctx.nativeBinding }));
  if (!core.location.exists()) throw new AppError('NO_VAULT', 'There is no vault in this data folder.');
  const passphrase = await stdin.next('Passphrase: ');
  await core.login(username, passphrase);
  const request = {
    kind: microdata ? ('microdata' as const) : ('table' as const),
    dimensions: dimensions as StatsDimension[],
    fromYear,
    toYear,
    threshold: whole('threshold', f.threshold),
    roundingBase: whole('base', f.base),
    k: whole('k', f.k),
    epsilon: f.epsilon === undefined ? null : Number(f.epsilon),
  };
  const result = document
    ? await exportStatisticsDocument(core.session!, { ...request, kind: 'table' }, out, { format, lang: language })
    : exportStatistics(core.session!, { ...request, format: format as StatsFormat }, out);
  const r = result.rules;
  if (result.kind === 'table') {
    ctx.say(
      `Exported a table of ${result.dimensions.join(' × ')} to ${out}: ${result.cells.length} cells with margins, ${r.cellsSuppressed} under ${r.threshold} and ${r.cellsSuppressedComplementary} withheld to protect them.`,
    );
  } else {
    ctx.say(`Exported ${result.rows.length} k-anonymous rows (k = ${r.k}) to ${out}; ${r.rowsSuppressed} left out.`);
  }
  ctx.say(`Cases considered: ${r.casesConsidered}; excluded for lack of consent to anonymous statistics: ${r.casesExcludedByConsent}.`);
  if (r.privacyBudget) ctx.say(`Privacy budget: ε ${r.epsilon} spent; ${r.privacyBudget.remaining} of ${r.privacyBudget.total} left.`);
  for (const statement of r.statements) ctx.say(`- ${statement}`);
  return 0;
}
