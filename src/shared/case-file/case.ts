import { z } from 'zod';
import { VOCABULARIES as V } from '../vocabularies';
import { accountIdSchema } from '../schemas';
import { caseIdSchema, changeStampSchema, isoDateSchema, recordIdSchema, shortText, versionSchema } from './common';
import { identitySchema } from './identity';
import { RECORD_SCHEMAS, recordKindSchema, consentSchema, riskSchema } from './records';
import { profileSchema, SECTION_SCHEMAS, sectionNameSchema } from './sections';

/** The case itself: its code, status, office and who works on it. */
export const caseHeaderSchema = z.strictObject({
  id: caseIdSchema,
  code: z.string(),
  status: V.caseStatus.schema,
  office: z.string(),
  supervisorId: accountIdSchema.nullable(),
  /** The team the case belongs to (that of whoever recorded it); its supervisor reassigns it. */
  teamId: z.uuid().nullable(),
  assignedIds: z.array(accountIdSchema),
  openedOn: isoDateSchema,
  closedOn: isoDateSchema.nullable(),
  stamp: changeStampSchema,
});
export type CaseHeader = z.infer<typeof caseHeaderSchema>;

export const headerChangeSchema = z.strictObject({
  status: V.caseStatus.schema.optional(),
  office: shortText.optional(),
});

const sectionEntries = Object.fromEntries(
  Object.entries(SECTION_SCHEMAS).map(([name, schema]) => [name, z.strictObject({ data: schema, stamp: changeStampSchema })]),
) as { [K in keyof typeof SECTION_SCHEMAS]: z.ZodObject<{ data: (typeof SECTION_SCHEMAS)[K]; stamp: typeof changeStampSchema }> };

export const caseRecordSchema = z.strictObject({
  id: recordIdSchema,
  kind: recordKindSchema,
  data: z.record(z.string(), z.unknown()),
  createdAt: z.iso.datetime(),
  createdBy: z.string(),
  stamp: changeStampSchema,
});
export type CaseRecord = z.infer<typeof caseRecordSchema>;

export const attachmentMetaSchema = z.strictObject({
  id: z.uuid(),
  name: z.string(),
  mime: z.string(),
  size: z.number().int().nonnegative(),
  addedAt: z.iso.datetime(),
  addedBy: z.string(),
});

/** Everything about one case, as the case view needs it. */
export const caseFileSchema = z.strictObject({
  header: caseHeaderSchema,
  /** `data` is null when the identity is sealed from the caller (no case key wrapped for them). */
  identity: z.strictObject({ data: identitySchema.nullable(), stamp: changeStampSchema }),
  sections: z.strictObject(sectionEntries),
  records: z.array(caseRecordSchema),
  attachments: z.array(attachmentMetaSchema),
});
export type CaseFile = z.infer<typeof caseFileSchema>;

/** Intake: the essentials first (profile, consent, immediate risk); the rest later. */
export const intakeSchema = z.strictObject({
  office: shortText.default(''),
  identity: identitySchema.partial().default({}),
  profile: profileSchema.partial().default({}),
  consents: z.array(consentSchema).max(20).default([]),
  risk: riskSchema.nullable().default(null),
});

export const CASE_SORTS = ['code', 'status', 'openedOn', 'updatedAt', 'riskLevel', 'citizenship', 'gender'] as const;
export const caseListQuerySchema = z.strictObject({
  status: z.array(V.caseStatus.schema).max(10).optional(),
  assignedTo: accountIdSchema.optional(),
  riskLevel: z.array(V.riskLevel.schema).max(3).optional(),
  track: V.assistanceTrack.schema.optional(),
  exploitationType: V.exploitationType.schema.optional(),
  citizenship: V.country.schema.optional(),
  followUpDue: z.boolean().optional(),
  sort: z.enum(CASE_SORTS).default('updatedAt'),
  direction: z.enum(['asc', 'desc']).default('desc'),
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});
export type CaseListQuery = z.input<typeof caseListQuerySchema>;

export const caseListRowSchema = z.strictObject({
  id: caseIdSchema,
  code: z.string(),
  status: V.caseStatus.schema,
  openedOn: isoDateSchema,
  updatedAt: z.iso.datetime(),
  riskLevel: V.riskLevel.schema.nullable(),
  citizenship: z.string().nullable(),
  gender: z.string().nullable(),
  exploitationType: z.string().nullable(),
  nextFollowUpOn: isoDateSchema.nullable(),
});
export type CaseListRow = z.infer<typeof caseListRowSchema>;

export const caseListSchema = z.strictObject({
  total: z.number().int().nonnegative(),
  rows: z.array(caseListRowSchema),
  countsByStatus: z.record(z.string(), z.number().int().nonnegative()),
});

export const searchHitSchema = z.strictObject({
  caseId: caseIdSchema,
  code: z.string(),
  status: V.caseStatus.schema,
  part: z.string(),
  snippet: z.string(),
});
export const searchResultSchema = z.strictObject({ hits: z.array(searchHitSchema) });

export const homeSchema = z.strictObject({
  myOpenCases: z.array(caseListRowSchema),
  followUpsDue: z.array(z.strictObject({ caseId: caseIdSchema, code: z.string(), recordId: recordIdSchema, dueOn: isoDateSchema, type: z.string(), overdue: z.boolean() })),
  highRiskWithoutReview: z.array(z.strictObject({ caseId: caseIdSchema, code: z.string(), lastAssessedOn: isoDateSchema.nullable() })),
});

export const timelineEntrySchema = z.strictObject({
  at: z.iso.datetime(),
  actor: z.string().nullable(),
  part: z.string(),
  recordId: z.string().nullable(),
  fields: z.array(z.string()),
});

export const historyEntrySchema = z.strictObject({
  at: z.iso.datetime(),
  actor: z.string().nullable(),
  part: z.string(),
  recordId: z.string().nullable(),
  field: z.string(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
});

export { sectionNameSchema, recordKindSchema, RECORD_SCHEMAS, versionSchema };
