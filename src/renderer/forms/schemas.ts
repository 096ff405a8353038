import { z } from 'zod';
import { ROLES } from '../../shared/roles';
import { displayNameSchema, passphraseSchema, recoveryKeyInputSchema, usernameSchema } from '../../shared/schemas';

/**
 * Form schemas built on the contract's own schemas. Messages are translation keys; where a
 * shared schema carries its own English message, the field maps it to a key (see FormTextField).
 * The passphrase policy itself (length, common, username) is the core's: its error codes are
 * shown on the passphrase field.
 */
const required = z.string().trim().min(1, 'validation.required');

export const usernameField = required.pipe(usernameSchema);
export const displayNameField = required.pipe(displayNameSchema);
export const passphraseField = z.string().min(1, 'validation.required').pipe(passphraseSchema);
export const recoveryKeyField = required.pipe(recoveryKeyInputSchema);

/** Adds "the two passphrases match" to a form with `newPassphrase` and `confirm`. */
function matching<S extends z.ZodType<{ newPassphrase: string; confirm: string }>>(schema: S): S {
  return schema.refine((v) => v.newPassphrase === v.confirm, {
    message: 'validation.passphraseMismatch',
    path: ['confirm'],
    when: (payload) => {
      const v = payload.value as { newPassphrase?: unknown; confirm?: unknown } | undefined;
      return typeof v?.newPassphrase === 'string' && typeof v?.confirm === 'string' && v.confirm.length > 0;
    },
  });
}

export const createAdminForm = matching(
  z.object({
    displayName: displayNameField,
    username: usernameField,
    newPassphrase: passphraseField,
    confirm: z.string().min(1, 'validation.required'),
  }),
);
export type CreateAdminValues = z.input<typeof createAdminForm>;

export const loginForm = z.object({ username: usernameField, passphrase: passphraseField });
export type LoginValues = z.input<typeof loginForm>;

export const recoverForm = matching(
  z.object({
    recoveryKey: recoveryKeyField,
    username: usernameField,
    newPassphrase: passphraseField,
    confirm: z.string().min(1, 'validation.required'),
  }),
);
export type RecoverValues = z.input<typeof recoverForm>;

export const confirmKeyForm = z.object({ recoveryKey: recoveryKeyField });
export type ConfirmKeyValues = z.input<typeof confirmKeyForm>;

export const changePassphraseForm = matching(
  z.object({
    currentPassphrase: passphraseField,
    newPassphrase: passphraseField,
    confirm: z.string().min(1, 'validation.required'),
  }),
);
export type ChangePassphraseValues = z.input<typeof changePassphraseForm>;

export const createAccountForm = z.object({
  displayName: displayNameField,
  username: usernameField,
  role: z.enum(ROLES, { message: 'validation.role' }),
  initialPassphrase: passphraseField,
});
export type CreateAccountValues = z.input<typeof createAccountForm>;

export const resetPassphraseForm = z.object({
  recoveryKey: recoveryKeyField,
  newPassphrase: passphraseField,
});
export type ResetPassphraseValues = z.input<typeof resetPassphraseForm>;

/** The core's passphrase-policy errors, and its recovery-key errors: each group belongs to one field. */
export const PASSPHRASE_POLICY_CODES = ['PASSPHRASE_TOO_SHORT', 'PASSPHRASE_TOO_LONG', 'PASSPHRASE_COMMON', 'PASSPHRASE_CONTAINS_USERNAME', 'PASSPHRASE_REUSED'] as const;
export const RECOVERY_KEY_CODES = ['RECOVERY_KEY_MALFORMED', 'RECOVERY_KEY_WRONG'] as const;

/** For `handleError`: every code of `codes` shown on `field`. */
export function errorsOn<F extends string>(codes: readonly string[], field: F): Record<string, F> {
  return Object.fromEntries(codes.map((code) => [code, field]));
}
