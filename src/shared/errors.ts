import { z } from 'zod';

/**
 * Every error that crosses the bridge is `{ code, message }`. The message is English and
 * generic; the renderer translates by code. Neither ever carries case content, a name, a
 * passphrase or a key.
 */
export const ERROR_CODES = [
  'BAD_REQUEST',
  'UNKNOWN_CHANNEL',
  'NOT_SIGNED_IN',
  'FORBIDDEN',
  'PASSPHRASE_CHANGE_REQUIRED',
  'WRONG_CREDENTIALS',
  'THROTTLED',
  'ACCOUNT_DISABLED',
  'NO_VAULT',
  'VAULT_EXISTS',
  'VAULT_TOO_NEW',
  'KEYRING_INVALID',
  'KEYRING_TAMPERED',
  'KDF_DOWNGRADE',
  'DATABASE_CORRUPT',
  'PASSPHRASE_TOO_SHORT',
  'PASSPHRASE_TOO_LONG',
  'PASSPHRASE_COMMON',
  'PASSPHRASE_CONTAINS_USERNAME',
  'PASSPHRASE_REUSED',
  'RECOVERY_KEY_MALFORMED',
  'RECOVERY_KEY_WRONG',
  'SHARE_MALFORMED',
  'SHARES_MISMATCHED',
  'SHARES_TOO_FEW',
  'USERNAME_TAKEN',
  'NOT_FOUND',
  'CANNOT_DISABLE_SELF',
  'STALE_WRITE',
  'CLOSURE_REASON_REQUIRED',
  'CONSENT_REQUIRED',
  'ATTACHMENT_TOO_LARGE',
  'IDENTITY_SEALED',
  'NOT_ON_TEAM',
  'STATS_RULES_TOO_LOOSE',
  'STATS_UNSAFE',
  'PRIVACY_BUDGET_EXHAUSTED',
  'PRIVACY_BUDGET_BELOW_SPENT',
  'BACKUP_INVALID',
  'BACKUP_BUSY',
  'VAULT_BUSY',
  'NOT_PAST_RETENTION',
  'RETENTION_BUSY',
  'RETENTION_CLEANUP_FAILED',
  'ORGANISATION_NAME_REQUIRED',
  'PARTNER_KEY_INVALID',
  'PARTNER_EXISTS',
  'REFERRAL_INVALID',
  'REFERRAL_NOT_FOR_US',
  'REFERRAL_UNKNOWN_SENDER',
  'REFERRAL_SIGNATURE_INVALID',
  'DISK_FULL',
  'READ_ONLY',
  'INTERNAL',
] as const;

export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const appErrorSchema = z.strictObject({ code: errorCodeSchema, message: z.string().max(500) });
export type AppErrorShape = z.infer<typeof appErrorSchema>;

/** The one error type of the application, in every process. */
export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
  }
  toJSON(): AppErrorShape {
    return { code: this.code, message: this.message };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** What `invoke` resolves to on the wire: a result or an error, never a thrown exception. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };
