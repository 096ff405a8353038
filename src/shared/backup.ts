import { z } from 'zod';
import { isoDateTimeSchema, passphraseSchema, usernameSchema } from './schemas';

/** The suffix of a backup file (the save dialog's filter; the CLI accepts any name). */
export const BACKUP_EXTENSION = 'amparo-backup';

/** A backup in progress: which step and how far, for the progress bar. */
export const backupProgressSchema = z.strictObject({
  /** `snapshot`: the engine copies the database; `write`: the file is written and authenticated. */
  phase: z.enum(['snapshot', 'write']),
  /** The whole job, 0 to 100. */
  percent: z.number().int().min(0).max(100),
});
export type BackupProgress = z.infer<typeof backupProgressSchema>;

/** What the administrator's screens show: the last backup, whether a reminder is due, a job running. */
export const backupStatusSchema = z.strictObject({
  lastBackupAt: isoDateTimeSchema.nullable(),
  /** From the settings: a reminder when the last backup (or the vault, if none) is older. */
  reminderDays: z.number().int().positive(),
  reminderDue: z.boolean(),
  running: backupProgressSchema.nullable(),
});
export type BackupStatus = z.infer<typeof backupStatusSchema>;

export const backupCreatedSchema = z.strictObject({
  bytes: z.number().int().nonnegative(),
  at: isoDateTimeSchema,
});
export type BackupCreated = z.infer<typeof backupCreatedSchema>;

/** Restoring: an account of the backup opens it (the file itself is chosen in the main process). */
export const backupRestoreRequestSchema = z.strictObject({ username: usernameSchema, passphrase: passphraseSchema });
export type BackupRestoreRequest = z.infer<typeof backupRestoreRequestSchema>;

/** A backup restored in place of the vault: nobody is signed in any more. */
export const backupRestoredSchema = z.strictObject({ backupCreatedAt: isoDateTimeSchema });
export type BackupRestored = z.infer<typeof backupRestoredSchema>;
