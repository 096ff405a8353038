import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { syncDirectory, writeFileAtomic } from '../fs/atomic-write';
import { diskError } from '../fs/disk-errors';
import type { VaultLocation } from '../vault/vault';
import { restoreBackup, type RestoreResult } from './restore';
import { backupRunning } from './status';

/** The files a data folder holds without a vault (the language; failed attempts against a vault gone). */
const NOT_A_VAULT = new Set(['preferences.json', 'attempts.json']);

/** The staging folder of a restore, beside the data folder: `.<folder>.restoring-<12 hex>`. */
const STAGING_SUFFIX = /^[0-9a-f]{12}$/;
const stagingPrefix = (base: string) => `.${base}.restoring-`;

/** Restores running in this process, by data folder (a count: two cores may share one folder in tests). */
const restoring = new Map<string, number>();

export interface LeftoverOptions {
  /**
   * Only folders untouched (the folder and what it directly holds) for at least this long: at
   * startup, where a restore of another process (the app, while the command line starts) might
   * still be writing one. Default 0: at the start of a restore, in the app that alone restores.
   */
  olderThanMs?: number;
}

/**
 * Removes what restores interrupted by a crash left beside the data folder: hidden staging
 * folders `.<folder>.restoring-<hex>`, encrypted but taking space and holding a copy of the
 * data. Only real folders (no link) named exactly so, beside this data folder; never while a
 * restore of it runs in this process. Best effort: what cannot be removed stays for next time.
 * Returns the names removed.
 */
export function removeRestoreLeftovers(dataDirectory: string, options: LeftoverOptions = {}): string[] {
  const dataDir = path.resolve(dataDirectory);
  if (restoring.has(dataDir)) return [];
  const parent = path.dirname(dataDir);
  const prefix = stagingPrefix(path.basename(dataDir));
  let names: string[];
  try {
    names = fs.readdirSync(parent);
  } catch {
    return [];
  }
  const removed: string[] = [];
  const before = Date.now() - (options.olderThanMs ?? 0);
  for (const name of names) {
    if (!name.startsWith(prefix) || !STAGING_SUFFIX.test(name.slice(prefix.length))) continue;
    const folder = path.join(parent, name);
    try {
      const stat = fs.lstatSync(folder);
      if (!stat.isDirectory()) continue;
      if (options.olderThanMs && lastTouched(folder, stat.mtimeMs) > before) continue;
      fs.rmSync(folder, { recursive: true, force: true });
      removed.push(name);
    } catch {
      // Left for the next start or restore.
    }
  }
  return removed;
}

/** The latest change to a folder or to what it directly holds (a restore writes its database there). */
function lastTouched(folder: string, mtimeMs: number): number {
  let latest = mtimeMs;
  for (const name of fs.readdirSync(folder)) latest = Math.max(latest, fs.lstatSync(path.join(folder, name)).mtimeMs);
  return latest;
}

export interface ReplaceOptions {
  location: VaultLocation;
  /** The backup file, as the main process's open dialog chose it. */
  from: string;
  username: string;
  passphrase: string;
  /**
   * Called once the restored copy has passed every check, just before the swap: it ends the
   * session on the current vault (closing its database). False stops the restore (nothing replaced).
   */
  beforeSwap: (result: RestoreResult) => boolean;
  /** Tests: a failure injected in the swap, after the current vault was moved aside. */
  failSwap?: () => void;
}

export interface ReplaceResult {
  backupCreatedAt: string;
  /** The folder the previous vault was moved to (its name, beside the data folder), or null if there was none. */
  keptAs: string | null;
}

/**
 * The app's restore (docs/backup.md, "Restoring from the app"): the backup is restored into a
 * new hidden folder beside the data folder and verified completely there (restore.ts: the
 * file's authentication, the keyring, every check of `verify`) while the current vault stays as
 * it is. Only then is the session ended, the current vault renamed to
 * `<folder>.before-restore-<time>` (kept, still encrypted) and the restored folder renamed into
 * its place; the language chosen on this computer goes along. Any failure before the swap leaves
 * the current vault untouched and removes the new folder; a failure in the swap puts the current
 * vault back.
 */
export async function replaceWithBackup(options: ReplaceOptions): Promise<ReplaceResult> {
  const { location } = options;
  const dataDir = path.resolve(location.paths.dataDir);
  if (backupRunning(dataDir)) throw new AppError('BACKUP_BUSY', 'A backup is being made. Wait for it to finish before restoring.');
  // What an interrupted restore left: before this one is counted as running.
  removeRestoreLeftovers(dataDir);
  restoring.set(dataDir, (restoring.get(dataDir) ?? 0) + 1);
  try {
    return await replace(options, dataDir);
  } finally {
    const left = (restoring.get(dataDir) ?? 1) - 1;
    if (left > 0) restoring.set(dataDir, left);
    else restoring.delete(dataDir);
  }
}

async function replace(options: ReplaceOptions, dataDir: string): Promise<ReplaceResult> {
  const { location } = options;
  const parent = path.dirname(dataDir);
  const base = path.basename(dataDir);
  fs.mkdirSync(parent, { recursive: true, mode: 0o700 });
  const staging = path.join(parent, `${stagingPrefix(base)}${randomBytes(6).toString('hex')}`);
  const replacing = location.exists();
  // On failure restoreBackup removes everything it wrote, the folder included.
  const result = await restoreBackup({
    from: options.from,
    dataDir: staging,
    username: options.username,
    passphrase: options.passphrase,
    now: location.now,
    nativeBinding: location.nativeBinding,
    auditDetail: { inApp: true, replacedVault: replacing },
  });
  let keptAs: string | null = null;
  try {
    if (!options.beforeSwap(result)) throw new AppError('BAD_REQUEST', 'Amparo was locked during the restore; nothing was replaced.');
    const preferences = location.paths.preferences;
    if (fs.existsSync(preferences)) writeFileAtomic(path.join(staging, path.basename(preferences)), fs.readFileSync(preferences));
    if (fs.existsSync(dataDir)) {
      const entries = fs.readdirSync(dataDir);
      if (entries.every((name) => NOT_A_VAULT.has(name))) {
        // No vault: only the language (copied above) and attempts against a vault that is gone.
        for (const name of entries) fs.rmSync(path.join(dataDir, name), { force: true });
        fs.rmdirSync(dataDir);
      } else {
        keptAs = asideName(parent, base, location.now());
        fs.renameSync(dataDir, keptAs);
      }
    }
    try {
      options.failSwap?.();
      fs.renameSync(staging, dataDir);
    } catch (error) {
      if (keptAs) fs.renameSync(keptAs, dataDir);
      keptAs = null;
      throw error;
    }
    syncDirectory(parent);
    return { backupCreatedAt: result.header.createdAt, keptAs: keptAs ? path.basename(keptAs) : null };
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    if (error instanceof AppError) throw error;
    throw diskError(error) ?? new AppError('BAD_REQUEST', 'The restored vault could not be moved into place; the current vault was left as it was.');
  }
}

/** `<folder>.before-restore-2026-11-27T10-15-00`, or with `-2`, `-3`… if taken. */
function asideName(parent: string, base: string, now: Date): string {
  const stamp = now.toISOString().slice(0, 19).replace(/:/g, '-');
  for (let n = 1; ; n++) {
    const candidate = path.join(parent, `${base}.before-restore-${stamp}${n > 1 ? `-${n}` : ''}`);
    if (!fs.existsSync(candidate)) return candidate;
  }
}
