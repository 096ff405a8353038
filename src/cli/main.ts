import type { Readable, Writable } from 'node:stream';
import { AppError, type ErrorCode } from '../shared/errors';
import { ROLES } from '../shared/roles';
import { AppCore } from '../main/core/app/app-core';
import { defaultDataDir } from '../main/core/app/data-dir';
import { createRouter } from '../main/core/ipc/router';
import { databaseDamaged, isDatabaseDamage } from '../main/core/db/open';
import { verifyVault } from '../main/core/vault/verify';
import { unlockWithPassphrase } from '../main/core/vault/vault';
import { parseArgs, takeFlags, UsageError, type ParsedArgs } from './args';
import { lineReader, StdinEndedError, type LineReader } from './stdin';
import { dataDirOf, parseDisplayName, parseUsername, takeSwitches } from './options';
import { importCommand } from './commands/import';
import { SEED_BATCH, seedCommand } from './commands/seed';
import { backupCommand, restoreCommand, verifyBackupCommand } from './commands/backup';
import { exportStatsCommand } from './commands/export-stats';
import type { CommandContext } from './commands/context';
import { recoverCommand, recoverySharesCommand } from './commands/recover';
import { SHARES_MAX } from '../shared/recovery';

/**
 * The administrator's command line (DESIGN.md §8). Passphrases come from standard input, one
 * per line. Exit 0 on success, 1 on a failed check or wrong passphrase, 2 on bad usage, with a
 * one-line error on stderr; a failing command changes nothing.
 */
export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

const USAGE = `Usage: amparo-cli <command> [options]   (passphrases are read from standard input, one per line)

  init --data-dir DIR --admin USERNAME [--display-name NAME]
      Create a vault and its administrator. stdin: the administrator's passphrase.
      Prints the recovery key: write it down and keep it in a safe place.
  verify --data-dir DIR --user USERNAME
      Check the keyring, the database (cipher settings, every page, foreign keys), the
      migrations and the audit chain. stdin: the account's passphrase.
  user add --data-dir DIR --user ADMIN --username NAME --role ROLE [--display-name NAME]
      Add an account (roles: ${ROLES.join(', ')}). stdin: the administrator's passphrase, then the
      new account's initial passphrase (to be changed at first login).
  seed --data-dir DIR --user USERNAME --cases N [--seed S]
      Add N synthetic cases (for demos and tests; nobody in them is real) as a caseworker or
      supervisor who has chosen their own passphrase. Deterministic for a seed (default 1); a
      vault that holds cases continues the sequence. Written in batches of up to ${SEED_BATCH} cases
      (an interruption keeps the finished ones), progress on stderr. Fastest with the app closed.
      stdin: that account's passphrase.
  import --data-dir DIR --user USERNAME FILE.csv [--skip-invalid]
      Add the cases of a CSV file whose header names HTCDS fields (docs/import.md). Every row
      is checked first: if one is invalid, nothing is imported and the report names its row,
      column and reason (exit 1); --skip-invalid imports the valid rows and lists the others.
      The import is one transaction. stdin: a caseworker's or supervisor's passphrase.
  backup --data-dir DIR --user USERNAME --out FILE
      Write an encrypted backup as an administrator: one file with a snapshot of the database
      (taken while Amparo keeps working) and the keyring, authenticated so that any change is
      detected. FILE must not exist yet. Audited. stdin: the administrator's passphrase.
  restore --from FILE --data-dir DIR --user USERNAME
      Restore a backup into DIR, a new or empty folder (never over a vault): the file is
      authenticated, then the restored vault must pass every check of verify; on any failure
      nothing is left in DIR. USERNAME is an account in the backup (its passphrase opens it; a
      backup from a newer Amparo is refused). stdin: that account's passphrase.
  verify-backup --from FILE --user USERNAME
      Check a backup completely: its authentication, then a restore into a temporary folder
      (encrypted, removed afterwards) and every check of verify. stdin: that account's passphrase.
  recover --data-dir DIR --user USERNAME [--shares FILE...]
      Set a new passphrase for a forgotten one. stdin: the recovery key (without --shares),
      then the new passphrase. With --shares, the recovery key is rebuilt from the share
      files instead (each holds one share; as many files as the shares say are needed).
  recovery-shares --data-dir DIR --threshold K --shares N --out-dir DIR
      Split the recovery key into N shares of which any K recover it (default 3 of 5, at
      most ${SHARES_MAX}), one file each in DIR. stdin: the recovery key. These files are secrets:
      print each on its own sheet for a different trustee, then delete the files.
  export-stats --data-dir DIR --user USERNAME --out FILE [--format csv|json|xlsx|pdf] [--dimensions a,b,c]
               [--from YYYY] [--to YYYY] [--microdata] [--threshold N] [--base N] [--k N] [--epsilon E]
               [--language en|es]
      Anonymized statistics, as a coordinator or supervisor: only cases whose consent covers
      anonymous statistics. A table crosses 1 to 3 dimensions (year, citizenship,
      country_of_exploitation, gender, age_band, minor, exploitation_type, means_of_control,
      labour_industry, trafficking_status, case_status, assistance_track, service_type, returned,
      referral_org_type, closure_reason) with its totals: counts under the threshold (10) are
      written <10, the others rounded down to a multiple of the base (10), and cells that would
      give a small one away are withheld (x). --microdata writes one row per case instead, every
      combination of year, age band, gender, citizenship and country of exploitation shared by
      at least k (11) rows. --epsilon adds differentially private noise and spends that much of
      the vault's privacy budget. Rules can be made stricter, never looser (than the defaults, or
      than the stricter ones an administrator set for the vault in Settings). The file is written
      whole or not at all and audited. xlsx (a sheet for the table and one for the rules) and pdf
      (a chart, the table and the rules, in --language) are for tables. stdin: that account's passphrase.

--data-dir defaults to ${defaultDataDir()}`;

/** Codes that mean "the command was used wrongly" rather than "a check or passphrase failed". */
const USAGE_CODES: ReadonlySet<ErrorCode> = new Set([
  'BAD_REQUEST',
  'STATS_RULES_TOO_LOOSE',
  'NO_VAULT',
  'VAULT_EXISTS',
  'USERNAME_TAKEN',
  'PASSPHRASE_TOO_SHORT',
  'PASSPHRASE_TOO_LONG',
  'PASSPHRASE_COMMON',
  'PASSPHRASE_CONTAINS_USERNAME',
]);

export interface CliOptions {
  /** The SQLCipher addon built for this runtime (the packaged app passes Electron's). */
  nativeBinding?: string;
}

export async function runCli(argv: readonly string[], io: CliIo, options: CliOptions = {}): Promise<number> {
  const say = (line: string) => io.stdout.write(line + '\n');
  const fail = (line: string) => io.stderr.write(`amparo: ${line}\n`);
  let core: AppCore | null = null;
  try {
    const taken = takeSwitches(argv, ['skip-invalid', 'microdata']);
    const args = parseArgs(taken.argv);
    const [command, sub, ...rest] = args.command;
    const allowedSwitches = command === 'import' ? ['skip-invalid'] : command === 'export-stats' ? ['microdata'] : [];
    for (const s of taken.switches) if (!allowedSwitches.includes(s)) throw new UsageError(`unknown option --${s}`);
    if (!command || command === 'help' || args.flags.has('help')) {
      say(USAGE);
      return command ? 0 : 2;
    }
    const stdin = lineReader(io.stdin, io.stderr);
    if (command === 'init' && !sub) {
      const f = takeFlags(args, ['admin'], ['data-dir', 'display-name']);
      const username = parseUsername(f.admin!);
      const displayName = f['display-name'] !== undefined ? parseDisplayName(f['display-name']) : username;
      core = new AppCore({ dataDir: dataDirOf(f), nativeBinding: options.nativeBinding });
      if (core.location.exists()) throw new AppError('VAULT_EXISTS', 'This data folder already holds a vault; nothing was changed.');
      const passphrase = await stdin.next('Administrator passphrase: ');
      const { recoveryKey } = await core.createVault({ username, displayName, passphrase });
      say(`Vault created in ${core.location.paths.dataDir}`);
      say(`Recovery key (shown once; write it down and keep it in the office safe):`);
      say(recoveryKey);
      return 0;
    }
    if (command === 'verify' && !sub) {
      const f = takeFlags(args, ['user'], ['data-dir']);
      const username = parseUsername(f.user!);
      core = new AppCore({ dataDir: dataDirOf(f), nativeBinding: options.nativeBinding });
      const passphrase = await stdin.next('Passphrase: ');
      const { vault, secretKey } = await unlockWithPassphrase(core.location, username, passphrase, false);
      secretKey.fill(0);
      try {
        const checks = verifyVault(vault);
        for (const c of checks) say(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
        const failed = checks.filter((c) => !c.ok).length;
        say(failed ? `${failed} check(s) failed.` : 'All checks passed.');
        if (failed) fail(`verification failed: ${checks.filter((c) => !c.ok).map((c) => c.name).join(', ')}`);
        return failed ? 1 : 0;
      } finally {
        vault.lock();
      }
    }
    if (command === 'user' && sub === 'add' && rest.length === 0) {
      return await userAdd(args, stdin, say, options, (c) => (core = c));
    }
    const ctx: CommandContext = {
      say,
      fail,
      progress: (line) => io.stderr.write(line + '\n'),
      keep: (c) => (core = c),
      nativeBinding: options.nativeBinding,
      switches: taken.switches,
    };
    if (command === 'seed' && !sub) return await seedCommand(args, stdin, ctx);
    if (command === 'backup') return await backupCommand(args, stdin, ctx);
    if (command === 'restore') return await restoreCommand(args, stdin, ctx);
    if (command === 'verify-backup') return await verifyBackupCommand(args, stdin, ctx);
    if (command === 'export-stats' && !sub) return await exportStatsCommand(args, stdin, ctx);
    if (command === 'import' && sub && rest.length === 0) return await importCommand(sub, args, stdin, ctx);
    if (command === 'import' && !sub) throw new UsageError('import needs the CSV file to read');
    if (command === 'recover') return await recoverCommand(taken.argv, stdin, ctx);
    if (command === 'recovery-shares') return await recoverySharesCommand(args, stdin, ctx);
    throw new UsageError(`unknown command: ${args.command.join(' ')}`);
  } catch (error) {
    if (error instanceof UsageError) {
      fail(`${error.message}\n${USAGE}`);
      return 2;
    }
    if (error instanceof StdinEndedError) {
      fail(error.message);
      return 2;
    }
    if (error instanceof AppError) {
      fail(error.message);
      return USAGE_CODES.has(error.code) ? 2 : 1;
    }
    if (isDatabaseDamage(error)) {
      fail(databaseDamaged().message);
      return 1;
    }
    fail('unexpected failure; nothing was changed');
    return 1;
  } finally {
    (core as AppCore | null)?.close();
  }
}

async function userAdd(args: ParsedArgs, stdin: LineReader, say: (l: string) => void, options: CliOptions, keep: (c: AppCore) => void): Promise<number> {
  const f = takeFlags(args, ['user', 'username', 'role'], ['data-dir', 'display-name']);
  const admin = parseUsername(f.user!);
  const username = parseUsername(f.username!);
  const role = f.role!;
  if (!(ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of: ${ROLES.join(', ')}`);
  const displayName = f['display-name'] !== undefined ? parseDisplayName(f['display-name']) : username;
  const core = new AppCore({ dataDir: dataDirOf(f), nativeBinding: options.nativeBinding });
  keep(core);
  const adminPassphrase = await stdin.next('Administrator passphrase: ');
  const newPassphrase = await stdin.next(`Initial passphrase for ${username}: `);
  await core.login(admin, adminPassphrase);
  // Through the router, so the CLI obeys the same role rules as the app.
  const result = await createRouter(core).handle(core.session, 'users.create', { username, displayName, role, initialPassphrase: newPassphrase });
  if (!result.ok) throw new AppError(result.error.code, result.error.message);
  say(`Account ${username} (${role}) added; its passphrase must be changed at first login.`);
  return 0;
}
