import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { AppCore } from '../../main/core/app/app-core';
import { createRouter } from '../../main/core/ipc/router';
import { backupRunning } from '../../main/core/backup/status';
import { BackupCheckError, restoreBackup, verifyBackup, type RestoreResult } from '../../main/core/backup/restore';
import type { Check } from '../../main/core/vault/verify';
import { takeFlags, UsageError, type ParsedArgs } from '../args';
import type { LineReader } from '../stdin';
import { dataDirOf, parseUsername } from '../options';
import type { CommandContext } from './context';

/** Progress lines on stderr, one per step of 10%. */
function percentReporter(ctx: CommandContext, label: string): (percent: number) => void {
  let shown = -1;
  return (percent) => {
    const step = Math.floor(percent / 10) * 10;
    if (step > shown) {
      shown = step;
      ctx.progress(`${label} ${step}%`);
    }
  };
}

function noExtraArguments(args: ParsedArgs): void {
  if (args.command.length !== 1) throw new UsageError(`unexpected argument: ${args.command.slice(1).join(' ')}`);
}

/**
 * `backup --data-dir DIR --user USERNAME --out FILE`: as an administrator, through the router's
 * `backup.create` (the same role rule and audit as the app; the "dialog" answers FILE). Refuses
 * to overwrite FILE; the file appears only when complete.
 */
export async function backupCommand(args: ParsedArgs, stdin: LineReader, ctx: CommandContext): Promise<number> {
  noExtraArguments(args);
  const f = takeFlags(args, ['user', 'out'], ['data-dir']);
  const username = parseUsername(f.user!);
  const out = path.resolve(f.out!);
  if (fs.existsSync(out)) throw new AppError('BAD_REQUEST', `${out} already exists; nothing was written (choose a new file name)`);
  if (!fs.existsSync(path.dirname(out))) throw new AppError('BAD_REQUEST', `the folder ${path.dirname(out)} does not exist; nothing was written`);
  const core = ctx.keep(new AppCore({ dataDir: dataDirOf(f), nativeBinding: ctx.nativeBinding, pickSavePath: async () => out }));
  if (!core.location.exists()) throw new AppError('NO_VAULT', `There is no vault in ${core.location.paths.dataDir}.`);
  const passphrase = await stdin.next('Administrator passphrase: ');
  await core.login(username, passphrase);
  const report = percentReporter(ctx, 'backup');
  const timer = setInterval(() => {
    const running = backupRunning(core.location.paths.dataDir);
    if (running) report(running.percent);
  }, 200);
  try {
    const result = await createRouter(core).handle(core.session, 'backup.create', {});
    if (!result.ok) throw new AppError(result.error.code, result.error.message);
    const value = result.value as { bytes: number; at: string };
    report(100);
    ctx.say(`Backup written to ${out} (${formatBytes(value.bytes)}, ${value.at}).`);
    ctx.say('It is encrypted with the vault key: restoring it needs the passphrase of an account in it.');
    return 0;
  } finally {
    clearInterval(timer);
  }
}

/**
 * `restore --from FILE --data-dir DIR --user USERNAME`: into DIR, which must be new or empty;
 * the backup is authenticated and the restored vault passes every check before success. On any
 * failure nothing is left in DIR. stdin: the passphrase of USERNAME, an account in the backup.
 */
export async function restoreCommand(args: ParsedArgs, stdin: LineReader, ctx: CommandContext): Promise<number> {
  noExtraArguments(args);
  const f = takeFlags(args, ['from', 'data-dir', 'user'], []);
  const username = parseUsername(f.user!);
  const from = path.resolve(f.from!);
  const dataDir = path.resolve(f['data-dir']!);
  if (fs.existsSync(dataDir) && (!fs.statSync(dataDir).isDirectory() || fs.readdirSync(dataDir).length > 0)) {
    throw new AppError('VAULT_EXISTS', `${dataDir} is not empty: a backup is restored only into a new or empty folder; nothing was changed`);
  }
  const passphrase = await stdin.next(`Passphrase of ${username}: `);
  const result = await checked(ctx, () => restoreBackup({ from, dataDir, username, passphrase, nativeBinding: ctx.nativeBinding, onProgress: percentReporter(ctx, 'restore') }));
  ctx.say(`Restored the backup of ${result.header.createdAt} (schema ${result.header.schemaVersion}${migratedNote(result)}) into ${dataDir}.`);
  ctx.say(`To use it, start Amparo with this data folder (AMPARO_DATA_DIR=${dataDir}, or --data-dir for the command line),`);
  ctx.say('or close Amparo and put this folder in the place of the current one (keep the old one until you no longer need it).');
  return 0;
}

/**
 * `verify-backup --from FILE --user USERNAME`: authentication and the whole restore into a
 * temporary folder (encrypted files, removed afterwards), then every check.
 */
export async function verifyBackupCommand(args: ParsedArgs, stdin: LineReader, ctx: CommandContext): Promise<number> {
  noExtraArguments(args);
  const f = takeFlags(args, ['from', 'user'], []);
  const username = parseUsername(f.user!);
  const from = path.resolve(f.from!);
  const passphrase = await stdin.next(`Passphrase of ${username}: `);
  const result = await checked(ctx, () => verifyBackup({ from, username, passphrase, nativeBinding: ctx.nativeBinding, onProgress: percentReporter(ctx, 'verify') }));
  ctx.say(`The backup of ${result.header.createdAt} (schema ${result.header.schemaVersion}, Amparo ${result.header.appVersion}) is intact and restores into a vault that passes every check.`);
  return 0;
}

/** Runs a restore and prints its checks, passed or failed, as `verify` does. */
async function checked(ctx: CommandContext, run: () => Promise<RestoreResult>): Promise<RestoreResult> {
  try {
    const result = await run();
    printChecks(ctx, result.checks);
    return result;
  } catch (error) {
    if (error instanceof BackupCheckError) printChecks(ctx, error.checks);
    throw error;
  }
}

/** The checks of the restored copy, after the file's own authentication (which they imply). */
function printChecks(ctx: CommandContext, checks: Check[]): void {
  ctx.say('ok   authentication: the file is complete and unchanged since it was made (HMAC-SHA256 under the vault key)');
  for (const c of checks) ctx.say(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
}

function migratedNote(result: RestoreResult): string {
  return result.migrated.to > result.migrated.from ? `, migrated to ${result.migrated.to}` : '';
}

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
