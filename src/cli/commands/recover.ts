import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { AppCore } from '../../main/core/app/app-core';
import { createRecoverySharesWithKey, recoverWithShares } from '../../main/core/app/recovery-shares';
import { SHARES_DEFAULT, SHARES_MAX } from '../../shared/recovery';
import { parseArgs, takeFlags, UsageError, type ParsedArgs } from '../args';
import type { LineReader } from '../stdin';
import { dataDirOf, parseUsername, parseWholeNumber } from '../options';
import type { CommandContext } from './context';

/** A share file holds one share text (a few dozen characters); anything much larger is not one. */
const MAX_SHARE_FILE_BYTES = 4096;

/**
 * `recover --data-dir DIR --user USERNAME [--shares FILE...]`: sets a new passphrase for a
 * forgotten one, with the recovery key (first line of stdin) or with k share files; then stdin
 * gives the new passphrase. The same as the lock screen's recovery (`AppCore.recover`).
 * `--shares` takes every argument after it up to the next option, so it is parsed here.
 */
export async function recoverCommand(argv: readonly string[], stdin: LineReader, ctx: CommandContext): Promise<number> {
  const { rest, files } = takeList(argv, 'shares');
  const args = parseArgs(rest);
  if (args.command.length !== 1) throw new UsageError(`unexpected argument: ${args.command.slice(1).join(' ')}`);
  const f = takeFlags(args, ['user'], ['data-dir']);
  const username = parseUsername(f.user!);
  if (files && files.length === 0) throw new UsageError('--shares needs one or more share files');
  const shares = files?.map(readShareFile);
  const core = ctx.keep(new AppCore({ dataDir: dataDirOf(f), nativeBinding: ctx.nativeBinding }));
  if (!core.location.exists()) throw new AppError('NO_VAULT', `There is no vault in ${core.location.paths.dataDir}.`);
  if (shares && files) {
    const newPassphrase = await stdin.next(`New passphrase for ${username}: `);
    await recoverWithShares(core, { shares, username, newPassphrase }, files.map((file) => `the share in ${file}`));
  } else {
    const recoveryKey = await stdin.next('Recovery key: ');
    const newPassphrase = await stdin.next(`New passphrase for ${username}: `);
    await core.recover({ recoveryKey, username, newPassphrase });
  }
  ctx.say(`The passphrase of ${username} was reset; ${username} can sign in with the new one.`);
  return 0;
}

/**
 * `recovery-shares --data-dir DIR --threshold K --shares N --out-dir DIR`: splits the recovery
 * key (stdin) into N share files, any K of which recover it. Refuses to overwrite; on a failure
 * the files it wrote are removed.
 */
export async function recoverySharesCommand(args: ParsedArgs, stdin: LineReader, ctx: CommandContext): Promise<number> {
  if (args.command.length !== 1) throw new UsageError(`unexpected argument: ${args.command.slice(1).join(' ')}`);
  const f = takeFlags(args, ['out-dir'], ['data-dir', 'threshold', 'shares']);
  const total = f.shares === undefined ? SHARES_DEFAULT.shares : parseWholeNumber('shares', f.shares, 2, SHARES_MAX);
  const threshold = f.threshold === undefined ? SHARES_DEFAULT.threshold : parseWholeNumber('threshold', f.threshold, 2, SHARES_MAX);
  if (threshold > total) throw new UsageError('--threshold must not be more than --shares');
  const outDir = path.resolve(f['out-dir']!);
  const names = Array.from({ length: total }, (_, i) => `amparo-share-${i + 1}-of-${total}.txt`);
  const taken = names.filter((name) => fs.existsSync(path.join(outDir, name)));
  if (taken.length) throw new AppError('BAD_REQUEST', `${path.join(outDir, taken[0]!)} already exists; nothing was written`);
  const core = ctx.keep(new AppCore({ dataDir: dataDirOf(f), nativeBinding: ctx.nativeBinding }));
  if (!core.location.exists()) throw new AppError('NO_VAULT', `There is no vault in ${core.location.paths.dataDir}.`);
  const recoveryKey = await stdin.next('Recovery key: ');
  const written: string[] = [];
  try {
    await createRecoverySharesWithKey(core.location, { recoveryKey, threshold, shares: total }, (shares) => {
      try {
        fs.mkdirSync(outDir, { recursive: true, mode: 0o700 });
        shares.forEach((share, i) => {
          const file = path.join(outDir, names[i]!);
          fs.writeFileSync(file, share + '\n', { flag: 'wx', mode: 0o600 });
          written.push(file);
        });
      } catch {
        throw new AppError('BAD_REQUEST', `cannot write the share files in ${outDir}; nothing was left there`);
      }
    });
  } catch (error) {
    for (const file of written) fs.rmSync(file, { force: true });
    throw error;
  }
  ctx.say(`Wrote ${total} recovery shares to ${outDir}; any ${threshold} of them recover the recovery key:`);
  for (const name of names) ctx.say(`  ${name}`);
  ctx.say('These files are secrets: print each on its own sheet for a different trustee, then delete the files.');
  return 0;
}

/** Takes `--NAME` and every argument after it that is not an option; null when absent. */
export function takeList(argv: readonly string[], name: string): { rest: string[]; files: string[] | null } {
  const rest: string[] = [];
  let files: string[] | null = null;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] !== `--${name}`) {
      rest.push(argv[i]!);
      continue;
    }
    if (files) throw new UsageError(`--${name} given twice`);
    files = [];
    while (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) files.push(argv[++i]!);
  }
  return { rest, files };
}

function readShareFile(file: string): string {
  let text: string;
  try {
    if (fs.statSync(file).size > MAX_SHARE_FILE_BYTES) throw new Error('too large');
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new AppError('BAD_REQUEST', `cannot read the share file ${file}`);
  }
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (lines.length !== 1) throw new AppError('BAD_REQUEST', `${file} must hold one share (one line of text)`);
  return lines[0]!;
}
