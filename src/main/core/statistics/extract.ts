import { VOCABULARIES as V, type Vocabulary } from '../../../shared/vocabularies';
import { STATS_VALUE } from '../../../shared/statistics';
import type { Db } from '../db/open';
import { ageBandOf, type FactRow } from './dimensions';

/**
 * Reads, from an open vault, one row of coded facts per case whose consent covers anonymous
 * statistics (DESIGN.md §6). It reads only `stats_facts`, the codes and dates that triggers copy
 * out of the case file (schema step `statistics-facts`): never identity, notes, files or
 * free text, and no id reaches a row. Every value is checked against its vocabulary; anything
 * else becomes `unknown`.
 */

export const STATISTICS_PURPOSE = 'anonymous-statistics' as const satisfies (typeof V.consentPurpose.codes)[number];

export interface ExtractOptions {
  /** Only cases whose year of identification lies in [fromYear, toYear] (either may be open). */
  fromYear?: number | null;
  toYear?: number | null;
}

export interface Extraction {
  rows: FactRow[];
  /** Cases in the year range, consent or not. */
  considered: number;
  /** Of those, the ones left out: no consent for anonymous statistics, or it was withdrawn. */
  excludedByConsent: number;
}

/**
 * One row per case: the coded facts that the triggers of schema step `statistics-facts` keep in
 * `stats_facts` (a part's values joined by U+001F, a code never holds, '' for a missing one;
 * several records joined by U+001E; lists such as citizenship as the text of their JSON array).
 * Reading that small table is all a count costs: no section or record is decrypted, and the
 * case ids are not returned (the rows come in the order of those random ids, not of the codes).
 */
export const STATS_SQL = 'SELECT status, opened_on, profile, experience, returned_on, closure, consents, services, referrals FROM stats_facts';

const UNIT = '\u001f';
const TRACK_OF = new Map<string, string>(V.serviceType.items.map((i) => [i.code, i.group!]));
const RECORD = '\u001e';

type Cell = string | number | null | undefined;

export function extractFacts(db: Db, options: ExtractOptions = {}): Extraction {
  const from = options.fromYear ?? -Infinity;
  const to = options.toYear ?? Infinity;
  const rows: FactRow[] = [];
  const cache: Cache = new Map();
  let considered = 0;
  for (const [status, openedOn, profile, experience, returnedOn, reason, consents, services, referrals] of db.prepare(STATS_SQL).raw(true).iterate() as IterableIterator<Cell[]>) {
    const p = typeof profile === 'string' ? profile.split(UNIT) : [];
    const year = yearOf(p[0]) ?? yearOf(openedOn);
    if (year === null || year < from || year > to) continue;
    considered++;
    if (!consentCovers(consents)) continue;
    rows.push(factsOf(year, status, p, typeof experience === 'string' ? experience.split(UNIT) : [], returnedOn, reason, services, referredOut(referrals), cache));
  }
  return { rows, considered, excludedByConsent: considered - rows.length };
}

/**
 * The organisation types (HTCDS org_Type) of the referrals out that were made (a revoked one was
 * withdrawn): [direction, status, organisationType] per record. `none` without any; `unknown`
 * for a referral whose type was not recorded (or is not a code).
 */
function referredOut(cell: Cell): readonly string[] {
  if (typeof cell !== 'string' || !cell.includes('out')) return one(STATS_VALUE.none);
  const types: string[] = [];
  for (const r of cell.split(RECORD)) {
    const [direction, status, type] = r.split(UNIT);
    if (direction !== 'out' || status === 'revoked') continue;
    const value = code(V.organisationType, type) ?? STATS_VALUE.unknown;
    if (!types.includes(value)) types.push(value);
  }
  return many(types.sort(), STATS_VALUE.none);
}

/**
 * Whether a case's consent records ([purpose, givenOn, withdrawnOn] each, '' when absent) cover
 * anonymous statistics: one for that purpose not withdrawn, given after any withdrawal of an
 * earlier one. A withdrawal on the day of a new consent, or with an unreadable date, leaves the
 * case out: when in doubt, out.
 */
export function consentCovers(cell: Cell): boolean {
  if (typeof cell !== 'string' || !cell.includes(STATISTICS_PURPOSE)) return false;
  let given: string | null = null;
  let withdrawn: string | null = null;
  for (const record of cell.split(RECORD)) {
    const [purpose, givenOn = '', withdrawnOn = ''] = record.split(UNIT);
    if (purpose !== STATISTICS_PURPOSE) continue;
    if (withdrawnOn !== '') {
      const w = isDate(withdrawnOn) ? withdrawnOn : '9999-12-31';
      if (withdrawn === null || withdrawn < w) withdrawn = w;
    } else if (isDate(givenOn) && (given === null || given < givenOn)) {
      given = givenOn;
    }
  }
  return given !== null && (withdrawn === null || withdrawn < given);
}

function factsOf(
  year: number,
  status: Cell,
  profile: readonly string[],
  experience: readonly string[],
  returnedOn: Cell,
  reason: Cell,
  services: Cell,
  referredOut: readonly string[],
  cache: Cache,
): FactRow {
  const [, gender, ageText, citizenship, trafficking] = profile;
  const [countries, exploitation, control, industries] = experience;
  const caseStatus = code(V.caseStatus, status);
  const closed = caseStatus === 'closed' || caseStatus === 'closed-referred';
  const age = ageText !== undefined && /^\d{1,3}$/.test(ageText) && Number(ageText) <= 120 ? Number(ageText) : null;
  // A closed case without a closure reason is `unknown`; an open one `none`.
  const closure = closed ? (code(V.closureReason, reason) ?? STATS_VALUE.unknown) : STATS_VALUE.none;
  const returned = isDate(returnedOn) || closure === 'returned-home';
  const assistance = servicesOf(services);
  return {
    year: one(String(year)),
    citizenship: codes(V.country, citizenship, STATS_VALUE.unknown, cache),
    country_of_exploitation: codes(V.country, countries, STATS_VALUE.unknown, cache),
    gender: one(code(V.gender, gender) ?? STATS_VALUE.unknown),
    age_band: one(ageBandOf(age) ?? STATS_VALUE.unknown),
    minor: one(age === null ? STATS_VALUE.unknown : age < 18 ? 'minor' : 'adult'),
    exploitation_type: codes(V.exploitationType, exploitation, STATS_VALUE.unknown, cache),
    means_of_control: codes(V.methodOfControl, control, STATS_VALUE.unknown, cache),
    labour_industry: codes(V.forcedLabourIndustry, industries, STATS_VALUE.none, cache),
    trafficking_status: one(code(V.traffickingStatus, trafficking) ?? STATS_VALUE.unknown),
    case_status: one(caseStatus ?? STATS_VALUE.unknown),
    assistance_track: assistance.tracks,
    service_type: assistance.services,
    returned: one(returned ? 'yes' : 'no'),
    referral_org_type: referredOut,
    closure_reason: one(closure),
  };
}

const NO_SERVICE = Object.freeze({ services: Object.freeze([STATS_VALUE.none]), tracks: Object.freeze([STATS_VALUE.none]) });

/** The lists already checked during one extraction, per vocabulary: cases share few ('["VE"]'…). */
type Cache = Map<Vocabulary, Map<string, readonly string[]>>;
/** Beyond this many distinct lists of a vocabulary (combinations of means of control…), checking again is cheaper than remembering. */
const CACHE_LIMIT = 2048;

/** Assistance given: the types (and their tracks) of the services delivered or in progress, not planned, declined or cancelled ([status, type] per record). */
function servicesOf(cell: Cell): { services: readonly string[]; tracks: readonly string[] } {
  if (typeof cell !== 'string' || cell === '') return NO_SERVICE;
  const s: string[] = [];
  const t: string[] = [];
  for (const record of cell.split(RECORD)) {
    const cut = record.indexOf(UNIT);
    const status = record.slice(0, cut);
    if (status !== 'delivered' && status !== 'in-progress') continue;
    const typeCode = record.slice(cut + 1);
    const track = TRACK_OF.get(typeCode);
    if (!track) continue;
    if (!s.includes(typeCode)) s.push(typeCode);
    if (!t.includes(track)) t.push(track);
  }
  if (!s.length) return NO_SERVICE;
  return { services: many(s.sort(), STATS_VALUE.none), tracks: many(t.sort(), STATS_VALUE.none) };
}

/** Single values are shared, frozen arrays: 100,000 rows do not need 1.6 million small arrays. */
const singles = new Map<string, readonly string[]>();
function one(value: string): readonly string[] {
  let a = singles.get(value);
  if (!a) {
    a = Object.freeze([value]);
    singles.set(value, a);
  }
  return a;
}

function many(list: string[], empty: string): readonly string[] {
  if (list.length === 0) return one(empty);
  if (list.length === 1) return one(list[0]!);
  return Object.freeze(list);
}

function code(vocabulary: Vocabulary, value: unknown): string | null {
  return typeof value === 'string' && vocabulary.has(value) ? value : null;
}

/**
 * The valid codes of a list, from the text of its JSON array, each once, or `empty`. Codes hold
 * no quote or backslash, so '["VE","CO"]' splits without a JSON parser; anything else fails the
 * vocabulary check and is dropped.
 */
function codes(vocabulary: Vocabulary, text: string | undefined, empty: string, cache: Cache): readonly string[] {
  if (text === undefined || text.length < 5) return one(empty);
  let byText = cache.get(vocabulary);
  if (!byText) {
    byText = new Map();
    cache.set(vocabulary, byText);
  }
  let found = byText.get(text);
  if (!found) {
    const out: string[] = [];
    if (text.startsWith('["') && text.endsWith('"]')) for (const item of text.slice(2, -2).split('","')) if (vocabulary.has(item) && !out.includes(item)) out.push(item);
    found = many(out, empty);
    if (byText.size < CACHE_LIMIT) byText.set(text, found);
  }
  return found;
}

function isDate(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
}

function yearOf(value: unknown): number | null {
  return isDate(value) ? Number(value.slice(0, 4)) : null;
}
