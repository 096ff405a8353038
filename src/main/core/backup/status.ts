import path from 'node:path';
import type { BackupProgress, BackupStatus } from '../../../shared/backup';
import { AppError } from '../../../shared/errors';
import type { Db } from '../db/open';
import { readFlag, readSettings } from '../settings/settings';

/** When the last backup of this vault was made (a flag in its settings table). */
export const LAST_BACKUP_FLAG = 'last-backup-at';
const DAY_MS = 24 * 60 * 60 * 1000;

/** Backups running in this process, by data folder: one at a time per vault, with its progress. */
const running = new Map<string, BackupProgress>();

export interface BackupJob {
  report(progress: BackupProgress): void;
  end(): void;
}

/** Claims the vault's one backup slot; refused while another backup of it is running. */
export function startBackupJob(dataDir: string): BackupJob {
  const key = path.resolve(dataDir);
  if (running.has(key)) throw new AppError('BACKUP_BUSY', 'A backup of this vault is already being made. Wait for it to finish.');
  running.set(key, { phase: 'snapshot', percent: 0 });
  return {
    report: (progress) => {
      if (running.has(key)) running.set(key, progress);
    },
    end: () => running.delete(key),
  };
}

export function backupRunning(dataDir: string): BackupProgress | null {
  return running.get(path.resolve(dataDir)) ?? null;
}

/**
 * The last backup and whether a reminder is due: when the last backup — or, before the first
 * one, the vault itself — is older than the setting's number of days.
 */
export function backupStatus(db: Db, dataDir: string, now: Date): BackupStatus {
  const lastBackupAt = readFlag(db, LAST_BACKUP_FLAG);
  const reminderDays = readSettings(db).backupReminderDays;
  const since = lastBackupAt ?? vaultCreatedAt(db);
  const reminderDue = since === null || now.getTime() - Date.parse(since) > reminderDays * DAY_MS;
  return { lastBackupAt, reminderDays, reminderDue, running: backupRunning(dataDir) };
}

function vaultCreatedAt(db: Db): string | null {
  const row = db.prepare('SELECT min(applied_at) AS at FROM schema_migrations').get() as { at: string | null } | undefined;
  return row?.at ?? null;
}
