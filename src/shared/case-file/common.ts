import { z } from 'zod';

/** Calendar dates are ISO 8601 dates (YYYY-MM-DD); moments are ISO 8601 UTC date-times. */
export const isoDateSchema = z.iso.date();

/** Free text a person typed: trimmed, bounded, never indexed when it belongs to identity. */
export const shortText = z.string().trim().max(200);
export const longText = z.string().trim().max(20_000);

/** Why a reassignment, a deletion: required, and at most REASON_MAX characters. */
export const REASON_MAX = 500;
export const reasonSchema = z.string().trim().min(1).max(REASON_MAX);

export const caseIdSchema = z.uuid();
export const recordIdSchema = z.uuid();

/** Every write names the version it was based on; a stale one is refused. 0 = nothing yet. */
export const versionSchema = z.number().int().nonnegative();

/** Who last changed a part, and when (shown when a stale write is refused). */
export const changeStampSchema = z.strictObject({
  version: versionSchema,
  updatedAt: z.iso.datetime().nullable(),
  updatedBy: z.string().nullable(),
});
export type ChangeStamp = z.infer<typeof changeStampSchema>;
