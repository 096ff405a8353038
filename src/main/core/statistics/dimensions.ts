import { VOCABULARIES as V } from '../../../shared/vocabularies';
import { AGE_BANDS, STATS_DIMENSIONS, STATS_VALUE, type StatsDimension } from '../../../shared/statistics';

/**
 * The dimensions of issue 5 §1: what each one counts and where its fact comes from. Values are
 * vocabulary codes, an age band, a year, `yes`/`no`, `minor`/`adult`, or `unknown` (not
 * recorded) and `none` (nothing of the kind happened): never free text, names or ids.
 */

/**
 * One case, as statistics see it: for every dimension, its values. A single-valued fact has one
 * value; a multi-valued one (several exploitation types) has each of them once, and the case is
 * counted once per value. This is all the engine keeps of a case.
 */
export type FactRow = { readonly [D in StatsDimension]: readonly string[] };

export interface YearRange {
  fromYear: number;
  toYear: number;
}

export interface DimensionSpec {
  name: StatsDimension;
  /** Whether a case may have several values (and is then counted once per value). */
  multiValued: boolean;
  /** Every value it can take, in the order tables list them: data-independent, for differential privacy. */
  domain(years: YearRange): readonly string[];
  /** Where the fact comes from, for the rules of an export. */
  source: string;
}

const { unknown, none } = STATS_VALUE;

const codes = (vocabulary: { codes: readonly string[] }, ...extra: string[]) => {
  const list = [...vocabulary.codes, ...extra];
  return () => list;
};

function yearsOf(range: YearRange): string[] {
  const out: string[] = [];
  for (let y = range.fromYear; y <= range.toYear; y++) out.push(String(y));
  return out;
}

export const DIMENSIONS: { readonly [D in StatsDimension]: DimensionSpec } = {
  year: { name: 'year', multiValued: false, domain: yearsOf, source: 'year of identification (profile), else the year the case was opened' },
  citizenship: { name: 'citizenship', multiValued: true, domain: codes(V.country, unknown), source: 'citizenship (profile; each one of a person with several)' },
  country_of_exploitation: { name: 'country_of_exploitation', multiValued: true, domain: codes(V.country, unknown), source: 'countries of exploitation (trafficking experience)' },
  gender: { name: 'gender', multiValued: false, domain: codes(V.gender, unknown), source: 'gender (profile)' },
  age_band: { name: 'age_band', multiValued: false, domain: () => [...AGE_BANDS, unknown], source: 'age at identification (profile), in bands' },
  minor: { name: 'minor', multiValued: false, domain: () => ['minor', 'adult', unknown], source: 'age at identification under 18 (profile)' },
  exploitation_type: { name: 'exploitation_type', multiValued: true, domain: codes(V.exploitationType, unknown), source: 'types of exploitation (trafficking experience)' },
  means_of_control: { name: 'means_of_control', multiValued: true, domain: codes(V.methodOfControl, unknown), source: 'means of control (trafficking experience)' },
  labour_industry: { name: 'labour_industry', multiValued: true, domain: codes(V.forcedLabourIndustry, none), source: 'forced-labour industries, ISIC (trafficking experience); none when not recorded' },
  trafficking_status: { name: 'trafficking_status', multiValued: false, domain: codes(V.traffickingStatus, unknown), source: 'trafficking status (profile)' },
  case_status: { name: 'case_status', multiValued: false, domain: codes(V.caseStatus), source: 'status of the case' },
  assistance_track: {
    name: 'assistance_track',
    multiValued: true,
    domain: codes(V.assistanceTrack, none),
    source: 'assistance tracks of the services given (delivered or in progress)',
  },
  service_type: { name: 'service_type', multiValued: true, domain: codes(V.serviceType, none), source: 'types of the services given (delivered or in progress)' },
  returned: { name: 'returned', multiValued: false, domain: () => ['yes', 'no'], source: 'a date of return recorded (return), or closed as returned home' },
  referral_org_type: {
    name: 'referral_org_type',
    multiValued: true,
    domain: codes(V.organisationType, unknown, none),
    source: 'types of the organisations referred to, HTCDS org_Type (referrals out, not revoked); unknown when not recorded, none without a referral out',
  },
  closure_reason: { name: 'closure_reason', multiValued: false, domain: codes(V.closureReason, unknown, none), source: 'closure reason of a closed case; none while open' },
};

/** The band of an age in whole years (DESIGN.md §6); null for an unknown age. */
export function ageBandOf(age: number | null): string | null {
  if (age === null || !Number.isInteger(age) || age < 0) return null;
  if (age <= 8) return '0-8';
  if (age <= 17) return '9-17';
  if (age <= 20) return '18-20';
  if (age <= 23) return '21-23';
  if (age <= 26) return '24-26';
  if (age <= 29) return '27-29';
  if (age <= 38) return '30-38';
  if (age <= 47) return '39-47';
  return '48+';
}

/** Where each value of a dimension stands in table order; unknown values go last, by code. */
export function valueOrder(dimension: StatsDimension, years: YearRange): (a: string, b: string) => number {
  const rank = new Map(DIMENSIONS[dimension].domain(years).map((v, i) => [v, i]));
  return (a, b) => (rank.get(a) ?? Number.MAX_SAFE_INTEGER) - (rank.get(b) ?? Number.MAX_SAFE_INTEGER) || (a < b ? -1 : a > b ? 1 : 0);
}

export function isDimension(name: string): name is StatsDimension {
  return (STATS_DIMENSIONS as readonly string[]).includes(name);
}
