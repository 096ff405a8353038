import { z } from 'zod';
import { VOCABULARIES as V } from '../vocabularies';
import { isoDateSchema, shortText } from './common';

/**
 * Identity and whereabouts: the facts a trafficker would look for. Kept in its own table and
 * module (sealed per case in the need-to-know work), never in the full-text index, the field
 * history in clear, logs or errors.
 */
export const identitySchema = z.strictObject({
  givenNames: shortText.default(''),
  familyNames: shortText.default(''),
  aliases: z.array(shortText.min(1)).max(20).default([]),
  dateOfBirth: isoDateSchema.nullable().default(null),
  estimatedAge: z.number().int().min(0).max(120).nullable().default(null),
  contacts: z.array(z.strictObject({ kind: z.enum(['phone', 'email', 'messaging', 'other']), value: shortText.min(1) })).max(20).default([]),
  currentLocation: shortText.default(''),
  shelter: shortText.default(''),
  familyContacts: z.array(z.strictObject({ name: shortText.min(1), relation: shortText.default(''), contact: shortText.default('') })).max(20).default([]),
  documents: z.array(z.strictObject({ type: shortText.min(1), number: shortText.default(''), country: V.country.schema.nullable().default(null) })).max(20).default([]),
  photoAttachmentId: z.uuid().nullable().default(null),
});
export type Identity = z.output<typeof identitySchema>;
