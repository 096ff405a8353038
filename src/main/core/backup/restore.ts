import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createHmac } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { appendAudit } from '../audit/chain';
import { wipe } from '../crypto/bytes';
import { MIGRATIONS } from '../db/schema';
import { syncDirectory, writeFileAtomic } from '../fs/atomic-write';
import { diskError } from '../fs/disk-errors';
import { writeFlag } from '../settings/settings';
import { parseKeyring, verifyKeyringMac } from '../vault/keyring';
import { decodeAccountPayload, openAccountSlot } from '../vault/keyslots';
import { vaultPaths } from '../vault/paths';
import { verifyVault, type Check } from '../vault/verify';
import { openVault, VaultLocation, type UnlockedVault } from '../vault/vault';
import { CHUNK_BYTES } from './create';
import { TAG_BYTES, backupMacKey, invalid, readPrefix, sameTag, type BackupHeader } from './format';
import { removeDatabaseFiles } from './snapshot';
import { LAST_BACKUP_FLAG } from './status';

export interface RestoreOptions {
  /** The backup file. */
  from: string;
  /** A folder that does not exist yet or is empty: the restored vault goes there, nowhere else. */
  dataDir: string;
  /** An account in the backup: its slot gives the data key. */
  username: string;
  passphrase: string;
  now?: () => Date;
  nativeBinding?: string;
  /** From 0 to 100 (the copy, then the checks). */
  onProgress?: (percent: number) => void;
  /** The checks run on the restored vault before success (tests inject a failure here). */
  verify?: (vault: UnlockedVault) => Check[];
  /** Records `backup.restored` in the restored vault (false for verify-backup's temporary copy). */
  record?: boolean;
  /** More detail for that entry (the app's restore: whether it replaced a vault). */
  auditDetail?: Record<string, string | number | boolean | null>;
}

export interface RestoreResult {
  header: BackupHeader;
  checks: Check[];
  /** Migrations applied to bring an older backup up to this version. */
  migrated: { from: number; to: number };
}

/** A restored copy whose checks failed: the list says which (details name no content). */
export class BackupCheckError extends AppError {
  constructor(readonly checks: Check[]) {
    super('BACKUP_INVALID', `The restored copy failed its checks (${checks.filter((c) => !c.ok).map((c) => c.name).join(', ')}); nothing was restored.`);
  }
}

/**
 * Restores a backup into a NEW data folder (docs/backup.md):
 * 1. the header and the keyring section (format, version, sizes, newer schema refused);
 * 2. the account's slot opens with the passphrase and gives the data key; the keyring's MAC;
 * 3. the database section is copied into the folder while its HMAC is computed; the tag must
 *    match before anything is opened (the very bytes written are the ones authenticated);
 * 4. the keyring is written, the database opened (older schemas migrated forward), and every
 *    check of `verify` must pass: cipher settings, every page, foreign keys, migrations, audit chain.
 * Only then is it a success. Any failure removes what the restore wrote (and the folder if it
 * made it); no other vault and no other file is touched, ever.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const now = options.now ?? (() => new Date());
  const progress = options.onProgress ?? (() => undefined);
  const latest = MIGRATIONS.at(-1)?.version ?? 0;
  let input: fsp.FileHandle;
  try {
    input = await fsp.open(options.from, 'r');
  } catch {
    throw new AppError('BAD_REQUEST', 'The backup file cannot be read (check its name and that the drive is connected).');
  }
  const target = path.resolve(options.dataDir);
  let created: string | undefined;
  let wrote = false;
  let vault: UnlockedVault | null = null;
  let dataKey: Uint8Array | null = null;
  let secretKey: Uint8Array | null = null;
  const paths = vaultPaths(target);
  const staging = path.join(target, '.amparo.db.restoring');
  try {
    const prefix = await readPrefix(input, latest);
    const { header } = prefix;
    let keyring;
    try {
      keyring = parseKeyring(prefix.keyringText);
    } catch {
      throw invalid('its key file section is damaged');
    }
    if (keyring.vaultId !== header.vaultId) throw invalid('its sections do not belong together');
    assertEmptyTarget(target);

    const found = await openAccountSlot(keyring.vaultId, keyring.slots, options.username, options.passphrase);
    if (!found) throw new AppError('WRONG_CREDENTIALS', 'The username or passphrase is not right for an account in this backup.');
    const secrets = decodeAccountPayload(found.payload);
    wipe(found.payload);
    dataKey = secrets.dataKey;
    secretKey = secrets.secretKey;
    try {
      verifyKeyringMac(keyring, dataKey);
    } catch {
      throw invalid('its key file section was changed');
    }

    // From here on, files are written: each failure below removes them.
    wrote = true;
    created = makeFolders(target);
    const macKey = backupMacKey(dataKey, header);
    const mac = createHmac('sha256', macKey);
    wipe(macKey);
    mac.update(prefix.raw);
    const tag = await copyDatabase(input, prefix.raw.length, header.databaseBytes, staging, mac, (f) => progress(Math.round(f * 80)));
    if (!sameTag(mac.digest(), tag)) throw invalid('the file was changed or damaged after it was made');

    writeFileAtomic(paths.keyring, Buffer.from(prefix.keyringText, 'utf8'));
    fs.renameSync(staging, paths.database);
    syncDirectory(target);
    progress(85);

    const location = new VaultLocation({ dataDir: target, now, nativeBinding: options.nativeBinding });
    vault = openVault(location, keyring, Uint8Array.from(dataKey));
    const checks = (options.verify ?? verifyVault)(vault);
    if (checks.some((c) => !c.ok)) throw new BackupCheckError(checks);
    progress(95);
    if (options.record !== false) {
      const db = vault.db;
      const at = now().toISOString();
      db.transaction(() => {
        appendAudit(db, { at, actorId: secrets.accountId, action: 'backup.restored', detail: { backupCreatedAt: header.createdAt, schemaVersion: header.schemaVersion, migratedTo: latest, ...options.auditDetail } });
        // This vault's state is that of the backup: a backup of it exists.
        writeFlag(db, LAST_BACKUP_FLAG, header.createdAt);
      })();
    }
    vault.lock();
    vault = null;
    progress(100);
    return { header, checks, migrated: { from: header.schemaVersion, to: Math.max(header.schemaVersion, latest) } };
  } catch (error) {
    vault?.lock();
    if (wrote) {
      removeDatabaseFiles(staging);
      removeDatabaseFiles(paths.database);
      fs.rmSync(paths.keyring, { force: true });
      removeCreatedFolders(target, created);
    }
    if (error instanceof AppError) throw error;
    // A full or read-only target: DISK_FULL / READ_ONLY, as for every other write (nothing was left there).
    throw diskError(error) ?? error;
  } finally {
    wipe(dataKey, secretKey);
    await input.close();
  }
}

/**
 * `verify-backup`: the whole restore, into a temporary folder that is removed afterwards (its
 * files are SQLCipher-encrypted and sealed like the vault's; nothing in them is plaintext).
 */
export async function verifyBackup(options: Omit<RestoreOptions, 'dataDir' | 'record'> & { tempRoot?: string }): Promise<RestoreResult> {
  const temp = fs.mkdtempSync(path.join(options.tempRoot ?? os.tmpdir(), 'amparo-verify-'));
  try {
    return await restoreBackup({ ...options, dataDir: path.join(temp, 'vault'), record: false });
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

function assertEmptyTarget(target: string): void {
  if (!fs.existsSync(target)) return;
  if (!fs.statSync(target).isDirectory() || fs.readdirSync(target).length > 0) {
    throw new AppError('VAULT_EXISTS', `${target} is not empty. A backup is restored only into a new or empty folder; nothing was changed.`);
  }
}

/** Copies the database section into `staging` (new, 0600) through the MAC; returns the tag that follows it. */
async function copyDatabase(input: fsp.FileHandle, start: number, length: number, staging: string, mac: ReturnType<typeof createHmac>, progress: (f: number) => void): Promise<Buffer> {
  const out = await fsp.open(staging, 'wx', 0o600);
  try {
    const buffer = Buffer.alloc(CHUNK_BYTES);
    let done = 0;
    while (done < length) {
      const { bytesRead } = await input.read(buffer, 0, Math.min(CHUNK_BYTES, length - done), start + done);
      if (bytesRead === 0) throw invalid('the file is incomplete (it was cut short)');
      const chunk = buffer.subarray(0, bytesRead);
      mac.update(chunk);
      let written = 0;
      while (written < chunk.length) written += (await out.write(chunk, written, chunk.length - written)).bytesWritten;
      done += bytesRead;
      progress(done / length);
    }
    await out.sync();
  } finally {
    await out.close();
  }
  const tag = Buffer.alloc(TAG_BYTES);
  const { bytesRead } = await input.read(tag, 0, TAG_BYTES, start + length);
  if (bytesRead !== TAG_BYTES) throw invalid('the file is incomplete (it was cut short)');
  return tag;
}

/**
 * `mkdir -p` (0700) that fails with the file system's own error: Node's recursive mkdir answers
 * ENOENT on a read-only disk, so then the missing folders are made one at a time (and removed
 * again if one fails). Returns the first folder made, if any.
 */
function makeFolders(target: string): string | undefined {
  try {
    return fs.mkdirSync(target, { recursive: true, mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const missing: string[] = [];
  for (let dir = target; !fs.existsSync(dir) && path.dirname(dir) !== dir; dir = path.dirname(dir)) missing.unshift(dir);
  const made: string[] = [];
  try {
    for (const dir of missing) {
      fs.mkdirSync(dir, { mode: 0o700 });
      made.push(dir);
    }
  } catch (error) {
    for (const dir of made.reverse()) {
      try {
        fs.rmdirSync(dir);
      } catch {
        // Left as it is: an empty folder.
      }
    }
    throw error;
  }
  return made[0];
}

/** Removes the folders this restore made (innermost first), only while they are empty. */
function removeCreatedFolders(target: string, created: string | undefined): void {
  if (created === undefined) return;
  const top = path.resolve(created);
  for (let dir = target; ; dir = path.dirname(dir)) {
    try {
      fs.rmdirSync(dir);
    } catch {
      return;
    }
    if (dir === top || path.dirname(dir) === dir) return;
  }
}
