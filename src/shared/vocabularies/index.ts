/**
 * The code lists of the case file (DESIGN.md §4).
 *
 * From HTCDS 2.0 (reference/htcds, CC BY 4.0, IOM), codes exactly as the standard spells them:
 * gender, education, maritalStatus, traffickingStatus, determinedBy,
 * recruitmentMethod, recruiterRelationship, methodOfControl, exploitationType,
 * sexualExploitationType, forcedLabourIndustry, perpetratorRole, supportType, organisationType
 * (org_Type); referralSource in part (org_Type). Kebab-case codes in those lists are Amparo's additions.
 * Ours: caseStatus (codes of DESIGN.md, mapped one-to-one onto HTCDS cas_Status), closureReason, referralStatus, followUpType, riskLevel, riskFactorLevel, assistanceTrack,
 * serviceType, serviceStatus, reintegrationDimension, clinicalRecordType, consentPurpose,
 * consentMethod, residenceStatus, legalRole.
 * Generated from ICU (scripts/generate-vocabularies.mjs): country (ISO 3166-1 alpha-2) and
 * language (ISO 639-1).
 */
import { caseStatus, closureReason, followUpType, organisationType, referralSource, referralStatus } from './case';
import { determinedBy, education, gender, maritalStatus, traffickingStatus } from './profile';
import {
  exploitationType,
  forcedLabourIndustry,
  methodOfControl,
  perpetratorRole,
  recruiterRelationship,
  recruitmentMethod,
  sexualExploitationType,
} from './trafficking';
import {
  assistanceTrack,
  clinicalRecordType,
  reintegrationDimension,
  riskFactorLevel,
  riskLevel,
  serviceStatus,
  serviceType,
  supportType,
} from './assistance';
import { consentMethod, consentPurpose } from './consent';
import { legalRole, residenceStatus } from './legal';
import { country } from './countries';
import { language } from './iso-languages';
import type { CodeOf } from './define';

export * from './define';
export * from './case';
export * from './profile';
export * from './trafficking';
export * from './assistance';
export * from './consent';
export * from './legal';
export * from './countries';
export * from './iso-languages';

/** Every vocabulary, by id (each one's `id` is its key). */
export const VOCABULARIES = {
  caseStatus,
  closureReason,
  gender,
  education,
  maritalStatus,
  traffickingStatus,
  determinedBy,
  referralSource,
  organisationType,
  recruitmentMethod,
  recruiterRelationship,
  methodOfControl,
  exploitationType,
  sexualExploitationType,
  forcedLabourIndustry,
  perpetratorRole,
  riskLevel,
  riskFactorLevel,
  assistanceTrack,
  serviceType,
  serviceStatus,
  supportType,
  consentPurpose,
  consentMethod,
  referralStatus,
  followUpType,
  residenceStatus,
  legalRole,
  reintegrationDimension,
  clinicalRecordType,
  country,
  language,
} as const;

export type VocabularyId = keyof typeof VOCABULARIES;

/** The union of the codes of one vocabulary: `VocabularyCode<'gender'>`. */
export type VocabularyCode<I extends VocabularyId> = CodeOf<(typeof VOCABULARIES)[I]>;

export const VOCABULARY_IDS = Object.keys(VOCABULARIES) as VocabularyId[];

/**
 * The HTCDS 2.0 field each list corresponds to (for exports). Their PascalCase codes are values of
 * that field's picklist, except caseStatus (see CASE_STATUS_HTCDS_VALUE) and methodOfControl,
 * whose codes are the field names of the HTCDS definitions (see METHOD_OF_CONTROL_PICKLIST_VALUE).
 */
export const HTCDS_FIELD: Readonly<Partial<Record<VocabularyId, string>>> = {
  caseStatus: 'cas_Status',
  gender: 'prs_Gender',
  education: 'prs_HighestLevelOfEducation',
  maritalStatus: 'prs_MaritalStatus',
  traffickingStatus: 'vic_TraffickingStatus',
  determinedBy: 'vic_TraffickingStatusDecisionMakingOrg',
  referralSource: 'org_Type',
  organisationType: 'org_Type',
  recruitmentMethod: 'vic_MethodOfRecruitment',
  recruiterRelationship: 'vic_RelationshipToTrafficker',
  methodOfControl: 'vic_MethodsOfControl',
  exploitationType: 'vic_TypeOfExploitation',
  sexualExploitationType: 'vic_TypeOfSexExploitation',
  forcedLabourIndustry: 'vic_ForcedLabourIndustry',
  perpetratorRole: 'per_RoleInProcess',
  supportType: 'spl_Type',
  country: 'prs_Citizenship',
  language: 'prs_PrimaryLanguage',
};
