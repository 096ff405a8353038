import { z } from 'zod';
import { caseIdSchema, isoDateSchema, reasonSchema } from './case-file/common';

/**
 * Retention (issue 6 §4): a closed case is kept for a set number of years after its closure;
 * past that, a supervisor deletes it for good. The list names only what is needed to decide:
 * the code, the closure date and the closure reason's code — never content.
 */
export const RETENTION_YEARS_MIN = 1;
export const RETENTION_YEARS_MAX = 30;
export const RETENTION_YEARS_DEFAULT = 5;

export const retentionYearsSchema = z.number().int().min(RETENTION_YEARS_MIN).max(RETENTION_YEARS_MAX);

export const retentionCaseSchema = z.strictObject({
  caseId: caseIdSchema,
  code: z.string(),
  status: z.enum(['closed', 'closed-referred']),
  closedOn: isoDateSchema,
  /** A code of the closureReason vocabulary (null if none was recorded). */
  closureReason: z.string().nullable(),
});
export type RetentionCase = z.infer<typeof retentionCaseSchema>;

/** At most this many cases per answer (oldest closures first); `total` says how many there are. */
export const RETENTION_LIST_LIMIT = 500;

export const retentionListSchema = z.strictObject({
  retentionYears: retentionYearsSchema,
  /** Cases closed before this day are past retention. */
  closedBefore: isoDateSchema,
  cases: z.array(retentionCaseSchema),
  total: z.number().int().nonnegative(),
  /** A deletion's rewrite of the database has not finished yet (it is tried again on each visit). */
  cleanupPending: z.boolean(),
});
export type RetentionList = z.infer<typeof retentionListSchema>;

export const retentionDeleteSchema = z.strictObject({
  caseId: caseIdSchema,
  /**
   * Required, so that a deletion is always deliberate; it is not stored anywhere (it may name
   * the person, and the case is being erased): the audit entry records the fact only.
   */
  reason: reasonSchema,
});

export const retentionDeletedSchema = z.strictObject({ deleted: z.literal(true) });
