import { z } from 'zod';
import { caseIdSchema } from './case-file/common';

/**
 * Case reports and subject access (issue 6 §3, DESIGN.md §6): the requests and answers of their
 * channels. The sections a case report may hold, in the order it prints them; `clinical`
 * (medical and psychological records) is sensitive and printed only when chosen.
 */
export const REPORT_SECTIONS = [
  'header',
  'profile',
  'consent',
  'experience',
  'risk',
  'plan',
  'services',
  'return',
  'reintegration',
  'legal',
  'clinical',
  'referrals',
  'followUps',
  'notes',
  'closure',
] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];
export const reportSectionSchema = z.enum(REPORT_SECTIONS);
export const reportLanguageSchema = z.enum(['en', 'es']);

export const caseReportRequestSchema = z.strictObject({
  caseId: caseIdSchema,
  sections: z.array(reportSectionSchema).min(1).max(REPORT_SECTIONS.length),
  /** Printed only if the identity is also open to the caller; "[sealed]" otherwise. */
  includeIdentity: z.boolean(),
  language: reportLanguageSchema,
});
export type CaseReportRequest = z.infer<typeof caseReportRequestSchema>;

export const caseReportResultSchema = z.strictObject({
  pages: z.number().int().positive(),
  /** False when the identity was redacted (not chosen, or sealed from the caller). */
  identityIncluded: z.boolean(),
});

export const subjectAccessRequestSchema = z.strictObject({
  caseId: caseIdSchema,
  format: z.enum(['json', 'pdf']),
  language: reportLanguageSchema,
  /** JSON only: each attachment's bytes, base64 (a sealed photo only for a key holder). */
  includeAttachmentBytes: z.boolean().default(false),
});
export type SubjectAccessRequest = z.input<typeof subjectAccessRequestSchema>;

export const subjectAccessResultSchema = z.strictObject({
  format: z.enum(['json', 'pdf']),
  /** The PDF's page count; null for JSON. */
  pages: z.number().int().positive().nullable(),
  /** The identity could not be included: it is sealed from the supervisor who exported. */
  identitySealed: z.boolean(),
});
