import { z } from 'zod';
import { roleSchema } from './roles';
import { languageSchema } from './languages';
import { retentionYearsSchema } from './retention';

/** One date format across the app: ISO 8601 in UTC, e.g. 2026-11-27T09:30:00.000Z. */
export const isoDateTimeSchema = z.iso.datetime();

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, 'username: 3–32 lowercase letters, digits, dot, dash or underscore');

export const displayNameSchema = z.string().trim().min(1).max(80);

/** Length only: the policy (core/users/passphrase-policy) gives the reasons a person can act on. */
export const passphraseSchema = z.string().min(1).max(1024);

export const recoveryKeyInputSchema = z.string().min(1).max(200);

export const accountIdSchema = z.uuid();

export const sessionInfoSchema = z.strictObject({
  accountId: accountIdSchema,
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  mustChangePassphrase: z.boolean(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const appStatusSchema = z.strictObject({
  state: z.enum(['no-vault', 'locked', 'unlocked']),
  session: sessionInfoSchema.nullable(),
  language: languageSchema,
  /** Seconds to wait before the next unlock attempt is accepted (0 when none). */
  retryAfterSeconds: z.number().int().nonnegative(),
  /** True until the administrator has confirmed that the recovery key was written down. */
  recoveryKeyPending: z.boolean(),
});
export type AppStatus = z.infer<typeof appStatusSchema>;

export const loginResultSchema = z.strictObject({
  session: sessionInfoSchema,
  lastLoginAt: isoDateTimeSchema.nullable(),
  failedAttemptsSinceLastLogin: z.number().int().nonnegative(),
});
export type LoginResult = z.infer<typeof loginResultSchema>;

export const accountSchema = z.strictObject({
  id: accountIdSchema,
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  mustChangePassphrase: z.boolean(),
  disabled: z.boolean(),
  createdAt: isoDateTimeSchema,
  lastLoginAt: isoDateTimeSchema.nullable(),
  /** A caseworker's team (supervisors lead teams; see `teams.list`). */
  teamId: z.uuid().nullable(),
});
export type Account = z.infer<typeof accountSchema>;

export const IDLE_MINUTES_MIN = 1;
export const IDLE_MINUTES_MAX = 60;
export const BACKUP_REMINDER_DAYS_MIN = 1;
export const BACKUP_REMINDER_DAYS_MAX = 365;
export const settingsSchema = z.strictObject({
  idleMinutes: z.number().int().min(IDLE_MINUTES_MIN).max(IDLE_MINUTES_MAX),
  contentProtection: z.boolean(),
  /** Administrators are reminded to back up when the last backup is older than this. */
  backupReminderDays: z.number().int().min(BACKUP_REMINDER_DAYS_MIN).max(BACKUP_REMINDER_DAYS_MAX),
  /** Years a closed case is kept after its closure; then a supervisor may delete it (retention). */
  retentionYears: retentionYearsSchema,
});
export type Settings = z.infer<typeof settingsSchema>;

export const lockReasonSchema = z.enum(['manual', 'quick-hide', 'idle', 'os-lock', 'suspend', 'logout', 'restored']);
export type LockReason = z.infer<typeof lockReasonSchema>;
