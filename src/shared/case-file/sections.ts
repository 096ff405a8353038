import { z } from 'zod';
import { VOCABULARIES as V } from '../vocabularies';
import { isoDateSchema, longText, shortText } from './common';

/**
 * The single-valued sections of a case file (DESIGN.md §4), named and coded after HTCDS 2.0
 * where it has a field. Every field is optional: a caseworker fills them over weeks.
 */
const list = <T extends z.ZodType>(item: T, max = 50) => z.array(item).max(max).default([]);

export const profileSchema = z.strictObject({
  gender: V.gender.schema.nullable().default(null),
  ageAtIdentification: z.number().int().min(0).max(120).nullable().default(null),
  citizenship: list(V.country.schema, 5),
  languages: list(V.language.schema, 10),
  education: V.education.schema.nullable().default(null),
  maritalStatus: V.maritalStatus.schema.nullable().default(null),
  children: z.number().int().min(0).max(30).nullable().default(null),
  traffickingStatus: V.traffickingStatus.schema.nullable().default(null),
  statusDeterminedBy: V.determinedBy.schema.nullable().default(null),
  identifiedOn: isoDateSchema.nullable().default(null),
  referralSource: V.referralSource.schema.nullable().default(null),
  referralSourceDetail: shortText.default(''),
});

export const experienceSchema = z.strictObject({
  recruitmentMethods: list(V.recruitmentMethod.schema),
  recruitmentPlace: shortText.default(''),
  recruitmentWebsitesApps: shortText.default(''),
  recruiterRelationship: V.recruiterRelationship.schema.nullable().default(null),
  methodsOfControl: list(V.methodOfControl.schema),
  exploitationTypes: list(V.exploitationType.schema),
  forcedLabourIndustries: list(V.forcedLabourIndustry.schema),
  sexualExploitationTypes: list(V.sexualExploitationType.schema),
  countriesOfRecruitment: list(V.country.schema, 20),
  countriesOfTransit: list(V.country.schema, 20),
  countriesOfExploitation: list(V.country.schema, 20),
  exploitationStartedOn: isoDateSchema.nullable().default(null),
  exploitationEndedOn: isoDateSchema.nullable().default(null),
  perpetratorRoles: list(V.perpetratorRole.schema),
  notes: longText.default(''),
});

export const planSchema = z.strictObject({
  objectives: list(
    z.strictObject({
      track: V.assistanceTrack.schema,
      objective: shortText.min(1),
      actions: longText.default(''),
      plannedEndOn: isoDateSchema.nullable().default(null),
      actualEndOn: isoDateSchema.nullable().default(null),
    }),
    100,
  ),
});

export const returnSchema = z.strictObject({
  destinationCountry: V.country.schema.nullable().default(null),
  destinationPlace: shortText.default(''),
  travelDocuments: shortText.default(''),
  escort: z.boolean().default(false),
  receivingOrganisation: shortText.default(''),
  returnedOn: isoDateSchema.nullable().default(null),
  notes: longText.default(''),
});

export const reintegrationSchema = z.strictObject({
  dimensions: list(V.reintegrationDimension.schema, 3),
  activities: list(V.serviceType.schema),
  sustainability: longText.default(''),
  notes: longText.default(''),
});

export const legalSchema = z.strictObject({
  residenceStatus: V.residenceStatus.schema.nullable().default(null),
  residenceStatusUntil: isoDateSchema.nullable().default(null),
  proceedingsRole: V.legalRole.schema.nullable().default(null),
  counsel: shortText.default(''),
  compensationClaim: longText.default(''),
  notes: longText.default(''),
});

export const closureSchema = z.strictObject({
  reason: V.closureReason.schema.nullable().default(null),
  closedOn: isoDateSchema.nullable().default(null),
  notes: longText.default(''),
});

export const SECTION_SCHEMAS = {
  profile: profileSchema,
  experience: experienceSchema,
  plan: planSchema,
  return: returnSchema,
  reintegration: reintegrationSchema,
  legal: legalSchema,
  closure: closureSchema,
} as const;

export type SectionName = keyof typeof SECTION_SCHEMAS;
export const SECTION_NAMES = Object.keys(SECTION_SCHEMAS) as SectionName[];
export const sectionNameSchema = z.enum(SECTION_NAMES as [SectionName, ...SectionName[]]);
export type SectionData<S extends SectionName> = z.output<(typeof SECTION_SCHEMAS)[S]>;

