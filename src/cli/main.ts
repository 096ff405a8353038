import type { Readable, Writable } from 'node:stream';
import { AppError, type ErrorCode } from '../shared/errors';
import { ROLES } from '../shared/roles';
import { AppCore } from '../main/core/app/app-core';
import { defaultDataDir } from '../main/core/app/data-dir';
import { createRouter } from '../main/core/ipc/router';
import { verifyVault } from '../main/core/vault/verify';
import { unlockWithPassphrase } from '../main/core/vault/vault';
import { parseArgs, takeFlags, UsageError, type ParsedArgs } from './args';
import { lineReader, StdinEndedError, type LineReader } from './stdin';
import { dataDirOf, parseDisplayName, parseUsername, takeSwitches } from './options';
import { importCommand } from './commands/import';
import { SEED_BATCH, seedCommand } from './commands/seed';
import type { CommandContext } from './commands/context';

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
      vault that holds cases continues the sequence. Written in batches of ${SEED_BATCH} cases (an
      interruption keeps the finished ones), progress on stderr. stdin: that account's passphrase.
  import --data-dir DIR --user USERNAME FILE.csv [--skip-invalid]
      Add the cases of a CSV file whose header names HTCDS fields (docs/import.md). Every row
      is checked first: if one is invalid, nothing is imported and the report names its row,
      column and reason (exit 1); --skip-invalid imports the valid rows and lists the others.
      The import is one transaction. stdin: a caseworker's or supervisor's passphrase.

--data-dir defaults to ${defaultDataDir()}`;

/** Codes that mean "the command was used wrongly" rather than "a check or passphrase failed". */
const USAGE_CODES: ReadonlySet<ErrorCode> = new Set([
  'BAD_REQUEST',
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
    const taken = takeSwitches(argv, ['skip-invalid']);
    const args = parseArgs(taken.argv);
    const [command, sub, ...rest] = args.command;
    if (taken.switches.size && command !== 'import') throw new UsageError(`unknown option --${[...taken.switches][0]}`);
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
    if (command === 'import' && sub && rest.length === 0) return await importCommand(sub, args, stdin, ctx);
    if (command === 'import' && !sub) throw new UsageError('import needs the CSV file to read');
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
