import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { createHmac, randomBytes } from 'node:crypto';
import type { BackupCreated, BackupProgress } from '../../../shared/backup';
import { BACKUP_EXTENSION } from '../../../shared/backup';
import { AppError } from '../../../shared/errors';
import { appendAudit } from '../audit/chain';
import { wipe } from '../crypto/bytes';
import { syncDirectory } from '../fs/atomic-write';
import { writeFlag } from '../settings/settings';
import type { Session } from '../users/session';
import { APP_VERSION } from '../app/version';
import { FORMAT_NAME, FORMAT_VERSION, backupMacKey, encodePrefix, sha256Hex, type BackupHeader } from './format';
import { removeDatabaseFiles, takeSnapshot } from './snapshot';
import { LAST_BACKUP_FLAG, startBackupJob } from './status';

/** Read and written in pieces of this size: memory stays flat whatever the vault's size. */
export const CHUNK_BYTES = 1024 * 1024;
/** Snapshots left by a crash are removed by the next backup once they are this old. */
const STALE_SNAPSHOT_MS = 24 * 60 * 60 * 1000;
const SNAPSHOT_PATTERN = /^\.backup-[0-9a-f]{16}\.snapshot(-journal|-wal|-shm)?$/;
/** If an account changes while the snapshot is taken, the snapshot is taken again (this often). */
const KEYRING_ATTEMPTS = 3;

export interface CreateBackupOptions {
  onProgress?: (progress: BackupProgress) => void;
}

/** `amparo-backup-2026-11-27.amparo-backup`: the save dialog's suggestion. */
export function backupFileName(now: Date): string {
  return `amparo-backup-${now.toISOString().slice(0, 10)}.${BACKUP_EXTENSION}`;
}

/**
 * The app's backup (channel `backup.create`): refused at once if one is running, then the main
 * process's save dialog; null when the person cancelled it (nothing written or recorded).
 */
export async function backupToChosenPath(session: Session, choosePath: () => Promise<string | null>, options: CreateBackupOptions = {}): Promise<BackupCreated | null> {
  startBackupJob(session.vault.location.paths.dataDir).end();
  const target = await choosePath();
  if (!target) return null;
  return createBackup(session, target, options);
}

/**
 * Writes a backup of the session's vault to `target` (docs/backup.md): a snapshot of the
 * database by the engine in a worker (encrypted as the vault is, in the data folder, removed
 * after), the keyring, and a header, all authenticated by an HMAC under a key derived from
 * the data key. Written to a temporary file beside the target and renamed over it only when
 * complete and synced; the rename and the audit entry go together. Progress 0–100.
 */
export async function createBackup(session: Session, target: string, options: CreateBackupOptions = {}): Promise<BackupCreated> {
  const { vault } = session;
  const { paths } = vault.location;
  const dataDir = path.resolve(paths.dataDir);
  const file = path.resolve(target);
  if (file === dataDir || file.startsWith(dataDir + path.sep)) {
    throw new AppError('BAD_REQUEST', 'Save the backup outside the data folder of Amparo (for example on a USB stick). Nothing was saved.');
  }
  const folder = path.dirname(file);
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) throw new AppError('BAD_REQUEST', 'The folder chosen for the backup does not exist. Nothing was saved.');

  const job = startBackupJob(dataDir);
  const report = (progress: BackupProgress) => {
    job.report(progress);
    options.onProgress?.(progress);
  };
  const dataKey = vault.copyDataKey();
  const snapshotFile = path.join(dataDir, `.backup-${randomBytes(8).toString('hex')}.snapshot`);
  const temp = path.join(folder, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    removeStaleSnapshots(dataDir);
    report({ phase: 'snapshot', percent: 0 });

    // A consistent pair: the keyring read before and after the snapshot must be the same bytes.
    let keyring: Buffer | null = null;
    let snapshot = { schemaVersion: 0, bytes: 0 };
    for (let attempt = 0; attempt < KEYRING_ATTEMPTS && !keyring; attempt++) {
      const before = fs.readFileSync(paths.keyring);
      removeDatabaseFiles(snapshotFile);
      snapshot = await takeSnapshot({
        source: paths.database,
        dest: snapshotFile,
        dataKey,
        nativeBinding: vault.location.nativeBinding,
        onProgress: (f) => report({ phase: 'snapshot', percent: Math.round(f * 50) }),
      });
      if (fs.readFileSync(paths.keyring).equals(before)) keyring = before;
    }
    if (!keyring) throw new AppError('BACKUP_BUSY', 'Accounts kept changing while the backup was being made. Try again; nothing was saved.');

    const at = vault.location.now().toISOString();
    const header: BackupHeader = {
      format: FORMAT_NAME,
      version: FORMAT_VERSION,
      vaultId: vault.keyring.vaultId,
      schemaVersion: snapshot.schemaVersion,
      createdAt: at,
      appVersion: APP_VERSION,
      mac: 'hmac-sha256',
      macSalt: randomBytes(32).toString('base64'),
      keyringBytes: keyring.length,
      keyringSha256: sha256Hex(keyring),
      databaseBytes: snapshot.bytes,
    };
    const bytes = await writeContainer(temp, header, keyring, snapshotFile, dataKey, (f) => report({ phase: 'write', percent: 50 + Math.round(f * 50) }));

    // The vault may have locked (idle, OS lock) while the file was being written.
    if (!vault.isOpen) throw new AppError('NOT_SIGNED_IN', 'Amparo locked while the backup was being written; nothing was saved.');
    const { db } = vault;
    db.transaction(() => {
      appendAudit(db, { at, actorId: session.accountId, action: 'backup.created', detail: { bytes, schemaVersion: header.schemaVersion, format: FORMAT_VERSION } });
      writeFlag(db, LAST_BACKUP_FLAG, at);
      fs.renameSync(temp, file);
    })();
    syncDirectory(folder);
    report({ phase: 'write', percent: 100 });
    return { bytes, at };
  } catch (error) {
    fs.rmSync(temp, { force: true });
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException)?.code;
    if (code === 'ENOSPC' || code === 'EDQUOT') throw new AppError('DISK_FULL', 'There is not enough room where the backup was to be saved. Nothing was saved.');
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new AppError('READ_ONLY', 'Amparo may not write where the backup was to be saved (the disk is read-only or not open to it). Nothing was saved.');
    throw error;
  } finally {
    removeDatabaseFiles(snapshotFile);
    wipe(dataKey);
    job.end();
  }
}

/** Streams prefix, database and tag into `temp` (created new, 0600), synced. Returns its size. */
async function writeContainer(temp: string, header: BackupHeader, keyring: Buffer, snapshotFile: string, dataKey: Uint8Array, progress: (fraction: number) => void): Promise<number> {
  const macKey = backupMacKey(dataKey, header);
  const mac = createHmac('sha256', macKey);
  wipe(macKey);
  const out = await fsp.open(temp, 'wx', 0o600);
  const input = await fsp.open(snapshotFile, 'r');
  try {
    const prefix = encodePrefix(header, keyring);
    mac.update(prefix);
    await writeAll(out, prefix);
    let written = prefix.length;
    const buffer = Buffer.alloc(CHUNK_BYTES);
    let position = 0;
    while (position < header.databaseBytes) {
      const { bytesRead } = await input.read(buffer, 0, Math.min(CHUNK_BYTES, header.databaseBytes - position), position);
      if (bytesRead === 0) throw new AppError('INTERNAL', 'The snapshot ended early; nothing was saved.');
      const chunk = buffer.subarray(0, bytesRead);
      mac.update(chunk);
      await writeAll(out, chunk);
      position += bytesRead;
      written += bytesRead;
      progress(position / header.databaseBytes);
    }
    const tag = mac.digest();
    await writeAll(out, tag);
    written += tag.length;
    await out.sync();
    return written;
  } finally {
    await input.close();
    await out.close();
  }
}

async function writeAll(file: fsp.FileHandle, bytes: Uint8Array): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await file.write(bytes, done, bytes.length - done);
    done += bytesWritten;
  }
}

/** By the file system's clock (the vault's clock may be a test's): other processes' snapshots are recent. */
function removeStaleSnapshots(dataDir: string): void {
  for (const name of fs.readdirSync(dataDir)) {
    if (!SNAPSHOT_PATTERN.test(name)) continue;
    const full = path.join(dataDir, name);
    try {
      if (Date.now() - fs.statSync(full).mtimeMs > STALE_SNAPSHOT_MS) fs.rmSync(full, { force: true });
    } catch {
      // gone meanwhile
    }
  }
}
