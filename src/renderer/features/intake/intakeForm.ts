import type { FieldErrors, Resolver } from 'react-hook-form';
import type { z } from 'zod';
import { intakeSchema } from '../../../shared/case-file/case';
import { localToday } from '../cases/labels';

/**
 * The intake form: what the wizard edits (UI-friendly: empty strings, nulls, one age choice),
 * turned into the contract's `intakeSchema` input and validated by that very schema, whose
 * issues are mapped onto the fields with messages in the person's language.
 */
export interface ConsentValues {
  purpose: string | null;
  organisation: string;
  givenBy: string;
  givenOn: string | null;
  method: string | null;
  formVersion: string;
}

export interface IntakeValues {
  identity: {
    givenNames: string;
    familyNames: string;
    ageKind: 'estimated' | 'dob';
    estimatedAge: number | null;
    dateOfBirth: string | null;
    currentLocation: string;
    shelter: string;
  };
  profile: {
    gender: string | null;
    ageAtIdentification: number | null;
    citizenship: string[];
    languages: string[];
    traffickingStatus: string | null;
    identifiedOn: string | null;
    referralSource: string | null;
    referralSourceDetail: string;
  };
  consents: ConsentValues[];
  risk: {
    level: string | null;
    assessedOn: string | null;
    urgentProtection: boolean;
    safetyPlan: string;
    nextReviewOn: string | null;
  };
}

export type IntakeInput = z.input<typeof intakeSchema>;

export const STEPS = ['identity', 'profile', 'consents', 'risk', 'review'] as const;
export type StepId = (typeof STEPS)[number];

/** Purposes whose consent names the organisation information goes to. */
export const NAMES_ORGANISATION = new Set(['sharing', 'referral']);

export function newConsent(): ConsentValues {
  return { purpose: 'assistance', organisation: '', givenBy: '', givenOn: localToday(), method: null, formVersion: '' };
}

export function defaultIntake(): IntakeValues {
  return {
    identity: { givenNames: '', familyNames: '', ageKind: 'estimated', estimatedAge: null, dateOfBirth: null, currentLocation: '', shelter: '' },
    profile: {
      gender: null,
      ageAtIdentification: null,
      citizenship: [],
      languages: [],
      traffickingStatus: null,
      identifiedOn: null,
      referralSource: null,
      referralSourceDetail: '',
    },
    consents: [newConsent()],
    risk: { level: null, assessedOn: localToday(), urgentProtection: false, safetyPlan: '', nextReviewOn: null },
  };
}

const num = (n: number | null) => (n === null || Number.isNaN(n) ? null : n);

/** Whether the person recorded anything of the risk step beyond its defaults. */
export function riskTouched(risk: IntakeValues['risk']): boolean {
  return risk.level !== null || risk.urgentProtection || risk.safetyPlan.trim() !== '' || risk.nextReviewOn !== null;
}

/** The request for `cases.create`. Unset choices are left out; an untouched risk step is null. */
export function toIntake(v: IntakeValues): IntakeInput {
  const age = v.identity.ageKind === 'estimated' ? num(v.identity.estimatedAge) : null;
  const dateOfBirth = v.identity.ageKind === 'dob' ? v.identity.dateOfBirth : null;
  const profile: Record<string, unknown> = {
    citizenship: v.profile.citizenship,
    languages: v.profile.languages,
    referralSourceDetail: v.profile.referralSourceDetail,
  };
  if (v.profile.gender) profile.gender = v.profile.gender;
  if (num(v.profile.ageAtIdentification) !== null) profile.ageAtIdentification = num(v.profile.ageAtIdentification);
  if (v.profile.traffickingStatus) profile.traffickingStatus = v.profile.traffickingStatus;
  if (v.profile.identifiedOn) profile.identifiedOn = v.profile.identifiedOn;
  if (v.profile.referralSource) profile.referralSource = v.profile.referralSource;
  return {
    identity: {
      givenNames: v.identity.givenNames,
      familyNames: v.identity.familyNames,
      estimatedAge: age,
      dateOfBirth,
      currentLocation: v.identity.currentLocation,
      shelter: v.identity.shelter,
    },
    profile: profile as IntakeInput['profile'],
    consents: v.consents.map((c) => ({
      purpose: c.purpose ?? undefined,
      organisation: NAMES_ORGANISATION.has(c.purpose ?? '') ? c.organisation : '',
      givenBy: c.givenBy,
      givenOn: c.givenOn ?? undefined,
      method: c.method ?? undefined,
      formVersion: c.formVersion,
    })) as IntakeInput['consents'],
    risk: riskTouched(v.risk)
      ? ({
          level: v.risk.level ?? undefined,
          assessedOn: v.risk.assessedOn ?? undefined,
          urgentProtection: v.risk.urgentProtection,
          safetyPlan: v.risk.safetyPlan,
          nextReviewOn: v.risk.nextReviewOn,
        } as IntakeInput['risk'])
      : null,
  };
}

/** The message (a translation key) for an issue on a field. */
function messageFor(field: string, code: string, origin: unknown): string {
  if (code === 'too_big' && origin === 'string') return 'intake.errors.tooLong';
  switch (field) {
    case 'estimatedAge':
    case 'ageAtIdentification':
      return 'intake.errors.age';
    case 'dateOfBirth':
    case 'identifiedOn':
    case 'givenOn':
    case 'assessedOn':
    case 'nextReviewOn':
      return code === 'future' ? 'intake.errors.future' : 'intake.errors.date';
    case 'purpose':
      return 'intake.errors.purpose';
    case 'givenBy':
      return 'intake.errors.givenBy';
    case 'method':
      return 'intake.errors.method';
    case 'organisation':
      return 'intake.errors.organisation';
    case 'level':
      return 'intake.errors.level';
    default:
      return 'validation.invalid';
  }
}

/** Sets an error at a path; under a list (consents) the errors are an array, as react-hook-form expects. */
function setError(errors: Record<string, unknown>, path: (string | number)[], type: string, message: string): void {
  let node = errors;
  for (let i = 0; i < path.length - 1; i++) {
    const key = String(path[i]);
    node[key] ??= typeof path[i + 1] === 'number' ? [] : {};
    node = node[key] as Record<string, unknown>;
  }
  const leaf = String(path[path.length - 1]);
  if (!node[leaf]) node[leaf] = { type, message };
}

/** The contract's own checks, plus a few the wizard adds (no future birth date; a named organisation). */
export function validateIntake(values: IntakeValues): FieldErrors<IntakeValues> {
  const errors: Record<string, unknown> = {};
  const today = localToday();
  const parsed = intakeSchema.safeParse(toIntake(values));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
      if (path.length === 0) continue;
      const field = String(path[path.length - 1]);
      // The age the form shows is the one its choice uses.
      if (path[0] === 'identity' && field === 'estimatedAge' && values.identity.ageKind !== 'estimated') continue;
      setError(errors, path, issue.code, messageFor(field, issue.code, (issue as { origin?: unknown }).origin));
    }
  }
  if (values.identity.ageKind === 'dob' && values.identity.dateOfBirth && values.identity.dateOfBirth > today) {
    setError(errors, ['identity', 'dateOfBirth'], 'future', 'intake.errors.future');
  }
  if (values.profile.identifiedOn && values.profile.identifiedOn > today) setError(errors, ['profile', 'identifiedOn'], 'future', 'intake.errors.future');
  values.consents.forEach((c, i) => {
    if (NAMES_ORGANISATION.has(c.purpose ?? '') && !c.organisation.trim()) setError(errors, ['consents', i, 'organisation'], 'required', 'intake.errors.organisation');
    if (c.givenOn && c.givenOn > today) setError(errors, ['consents', i, 'givenOn'], 'future', 'intake.errors.future');
  });
  if (riskTouched(values.risk) && values.risk.assessedOn && values.risk.assessedOn > today) setError(errors, ['risk', 'assessedOn'], 'future', 'intake.errors.future');
  return errors as FieldErrors<IntakeValues>;
}

export const intakeResolver: Resolver<IntakeValues> = async (values) => {
  const errors = validateIntake(values);
  return Object.keys(errors).length === 0 ? { values, errors: {} } : { values: {}, errors };
};
