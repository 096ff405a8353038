import fs from 'node:fs';
import path from 'node:path';
import { AppCore } from '../../main/core/app/app-core';
import { AppError } from '../../shared/errors';
import { assertMayCreateCases, writeCases } from '../../main/core/cases/batch';
import { ImportFileError, planImport, type RowIssue } from '../../main/core/cases/import-csv';
import { takeFlags, type ParsedArgs } from '../args';
import type { LineReader } from '../stdin';
import { dataDirOf, parseUsername } from '../options';
import type { CommandContext } from './context';

/** Report lines printed at most; the count of the rest follows. */
const REPORT_LIMIT = 1000;

/**
 * `import --data-dir DIR --user USERNAME FILE.csv [--skip-invalid]`: cases from a CSV file with
 * HTCDS column names (docs/import.md). Every row is checked before the vault is opened; with
 * an invalid row nothing is imported (exit 1) unless --skip-invalid. The valid rows are
 * written in one transaction: all of them or none.
 */
export async function importCommand(file: string, args: ParsedArgs, stdin: LineReader, ctx: CommandContext): Promise<number> {
  const f = takeFlags(args, ['user'], ['data-dir']);
  const username = parseUsername(f.user!);
  const skipInvalid = ctx.switches.has('skip-invalid');
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(path.resolve(file));
  } catch {
    throw new AppError('BAD_REQUEST', `cannot read the file ${file}`);
  }
  const core = ctx.keep(new AppCore({ dataDir: dataDirOf(f), nativeBinding: ctx.nativeBinding }));
  if (!core.location.exists()) throw new AppError('NO_VAULT', 'There is no vault in this data folder.');
  const today = core.location.now().toISOString().slice(0, 10);
  let plan;
  try {
    plan = planImport(bytes, today);
  } catch (error) {
    // The file, not the command line, is wrong: exit 2 with one line, without the usage text.
    if (error instanceof ImportFileError) throw new AppError('BAD_REQUEST', error.message);
    throw error;
  }
  const rows = plan.drafts.length + plan.invalidRows;
  if (plan.invalidRows > 0) {
    report(plan.issues, ctx);
    if (!skipInvalid) {
      ctx.fail(`${plan.invalidRows} of ${rows} row(s) are not valid; nothing was imported (use --skip-invalid to import the others)`);
      return 1;
    }
    if (plan.drafts.length === 0) {
      ctx.fail(`none of the ${rows} row(s) is valid; nothing was imported`);
      return 1;
    }
  }
  const passphrase = await stdin.next('Passphrase: ');
  await core.login(username, passphrase);
  const session = core.session!;
  assertMayCreateCases(session);
  writeCases(
    session,
    plan.drafts.map((d) => d.draft),
  );
  ctx.say(`Imported ${plan.drafts.length} case(s) as ${username}${plan.invalidRows ? `; skipped ${plan.invalidRows} invalid row(s), listed above` : ''}.`);
  return 0;
}

/** Row, column and reason: never the content of a cell. */
function report(issues: readonly RowIssue[], ctx: CommandContext): void {
  for (const issue of issues.slice(0, REPORT_LIMIT)) ctx.say(`row ${issue.row}, ${issue.column}: ${issue.reason}`);
  if (issues.length > REPORT_LIMIT) ctx.say(`… and ${issues.length - REPORT_LIMIT} more problem(s)`);
}
