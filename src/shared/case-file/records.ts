import { z } from 'zod';
import { VOCABULARIES as V } from '../vocabularies';
import { isoDateSchema, longText, shortText } from './common';

/** The repeating parts of a case file: each record is added, edited (with its version), never silently lost. */
export const consentSchema = z.strictObject({
  purpose: V.consentPurpose.schema,
  /** For sharing and referral: the organisation the consent names. */
  organisation: shortText.default(''),
  givenBy: shortText.min(1),
  givenOn: isoDateSchema,
  method: V.consentMethod.schema,
  formVersion: shortText.default(''),
  withdrawnOn: isoDateSchema.nullable().default(null),
});

export const riskSchema = z.strictObject({
  assessedOn: isoDateSchema,
  level: V.riskLevel.schema,
  factors: z
    .array(z.strictObject({ level: V.riskFactorLevel.schema, description: shortText.min(1) }))
    .max(50)
    .default([]),
  urgentProtection: z.boolean().default(false),
  safetyPlan: longText.default(''),
  nextReviewOn: isoDateSchema.nullable().default(null),
});

export const serviceSchema = z
  .strictObject({
    track: V.assistanceTrack.schema,
    serviceType: V.serviceType.schema,
    provider: z.enum(['internal', 'external']).default('internal'),
    providerName: shortText.default(''),
    status: V.serviceStatus.schema,
    startedOn: isoDateSchema.nullable().default(null),
    endedOn: isoDateSchema.nullable().default(null),
    cost: z.number().nonnegative().max(1e9).nullable().default(null),
    currency: z.string().regex(/^[A-Z]{3}$/).nullable().default(null),
    notes: longText.default(''),
  })
  .refine((s) => V.serviceType.items.find((i) => i.code === s.serviceType)?.group === s.track, {
    message: 'the service type belongs to another assistance track',
    path: ['serviceType'],
  });

export const referralSchema = z.strictObject({
  direction: z.enum(['in', 'out']),
  organisation: shortText.min(1),
  /** The type of that organisation (HTCDS org_Type): counted by statistics for referrals out. */
  organisationType: V.organisationType.schema.nullable().default(null),
  servicesRequested: z.array(V.serviceType.schema).max(20).default([]),
  referredOn: isoDateSchema,
  status: V.referralStatus.schema,
  reason: longText.default(''),
  /** A referral out needs a consent record for sharing with that organisation, or an override. */
  consentId: z.uuid().nullable().default(null),
  overrideReason: shortText.default(''),
});

export const followUpSchema = z.strictObject({
  dueOn: isoDateSchema,
  type: V.followUpType.schema,
  doneOn: isoDateSchema.nullable().default(null),
  outcome: longText.default(''),
});

export const noteSchema = z.strictObject({
  writtenOn: isoDateSchema,
  body: longText.min(1),
});

export const clinicalSchema = z.strictObject({
  discipline: z.enum(['medical', 'psychological']),
  type: V.clinicalRecordType.schema,
  occurredOn: isoDateSchema,
  provider: shortText.default(''),
  /** Clinical notes are sensitive: they are not in the full-text index. */
  notes: longText.default(''),
});

export const RECORD_SCHEMAS = {
  consent: consentSchema,
  risk: riskSchema,
  service: serviceSchema,
  referral: referralSchema,
  followUp: followUpSchema,
  note: noteSchema,
  clinical: clinicalSchema,
} as const;

export type RecordKind = keyof typeof RECORD_SCHEMAS;
export const RECORD_KINDS = Object.keys(RECORD_SCHEMAS) as RecordKind[];
export const recordKindSchema = z.enum(RECORD_KINDS as [RecordKind, ...RecordKind[]]);
export type RecordData<K extends RecordKind> = z.output<(typeof RECORD_SCHEMAS)[K]>;
