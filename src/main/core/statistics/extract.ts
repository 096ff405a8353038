import { VOCABULARIES as V, type Vocabulary } from '../../../shared/vocabularies';
import { STATS_VALUE } from '../../../shared/statistics';
import type { Db } from '../db/open';
import { ageBandOf, type FactRow } from './dimensions';

/**
 * Reads, from an open vault, one row of coded facts per case whose consent covers anonymous
 * statistics (DESIGN.md §6). The queries name the coded fields they need and nothing else: no
 * identity (that table is never read), no notes, attachments, free text; the case ids only pair
 * the parts of one case and never reach a row. Every value is checked against its vocabulary;
 * anything else becomes `unknown`.
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
 * One row per case, in one query: each part is looked up in its index of schema step
 * `statistics`, which holds the same expressions (keep the texts equal; INDEXED BY fails loudly
 * if one is missing rather than reading whole records). The values of a part come joined by the
 * unit separator (U+001F, in no code), a missing one as ''; lists (citizenship…) as the text of
 * their JSON array. The case ids stay inside SQLite: they pair the parts and are not returned.
 */
const US = 'char(31)';
const f = (path: string) => `ifnull(data ->> '$.${path}', '')`;
export const STATS_SQL = `SELECT c.status, c.opened_on,
  (SELECT concat_ws(${US}, ${['identifiedOn', 'gender', 'ageAtIdentification', 'citizenship', 'traffickingStatus'].map(f).join(', ')})
     FROM case_sections INDEXED BY stats_profile WHERE case_id = c.id AND section = 'profile'),
  (SELECT concat_ws(${US}, ${['countriesOfExploitation', 'exploitationTypes', 'methodsOfControl', 'forcedLabourIndustries'].map(f).join(', ')})
     FROM case_sections INDEXED BY stats_experience WHERE case_id = c.id AND section = 'experience'),
  (SELECT data ->> '$.returnedOn' FROM case_sections INDEXED BY stats_return WHERE case_id = c.id AND section = 'return'),
  (SELECT data ->> '$.reason' FROM case_sections INDEXED BY stats_closure WHERE case_id = c.id AND section = 'closure'),
  (SELECT group_concat(concat_ws(${US}, ${f('givenOn')}, ${f('withdrawnOn')}), char(30)) FROM case_records INDEXED BY stats_consent
     WHERE data ->> '$.purpose' = '${STATISTICS_PURPOSE}' AND case_id = c.id AND kind = 'consent'),
  -- Assistance given: services delivered or in progress (not planned, declined or cancelled).
  (SELECT group_concat(data ->> '$.serviceType', char(30)) FROM case_records INDEXED BY stats_service
     WHERE case_id = c.id AND data ->> '$.status' IN ('delivered', 'in-progress') AND kind = 'service'),
  -- Referrals out that were made (a revoked one was withdrawn).
  (SELECT count(*) FROM case_records INDEXED BY stats_referral
     WHERE data ->> '$.direction' = 'out' AND case_id = c.id AND data ->> '$.status' <> 'revoked' AND kind = 'referral')
FROM cases c INDEXED BY stats_cases`;

const UNIT = '\u001f';
const TRACK_OF = new Map<string, string>(V.serviceType.items.map((i) => [i.code, i.group!]));
const RECORD = '\u001e';

type Cell = string | number | null | undefined;

export function extractFacts(db: Db, options: ExtractOptions = {}): Extraction {
  const from = options.fromYear ?? -Infinity;
  const to = options.toYear ?? Infinity;
  const rows: FactRow[] = [];
  const cache: Cache = { lists: new Map(), services: new Map() };
  let considered = 0;
  for (const [status, openedOn, profile, experience, returnedOn, reason, consents, services, referrals] of db.prepare(STATS_SQL).raw(true).iterate() as IterableIterator<Cell[]>) {
    const p = typeof profile === 'string' ? profile.split(UNIT) : [];
    const year = yearOf(p[0]) ?? yearOf(openedOn);
    if (year === null || year < from || year > to) continue;
    considered++;
    if (!consentCovers(typeof consents === 'string' ? consents.split(RECORD).map((c) => c.split(UNIT)) : [])) continue;
    rows.push(factsOf(year, status, p, typeof experience === 'string' ? experience.split(UNIT) : [], returnedOn, reason, services, Number(referrals) > 0, cache));
  }
  return { rows, considered, excludedByConsent: considered - rows.length };
}

/**
 * Whether a case's consent records for anonymous statistics ([givenOn, withdrawnOn] each, '' when
 * absent) cover
 * it: one not withdrawn, given after any withdrawal of an earlier one. A withdrawal on the day of
 * a new consent, or with an unreadable date, leaves the case out: when in doubt, out.
 */
export function consentCovers(records: readonly (readonly string[])[]): boolean {
  let given: string | null = null;
  let withdrawn: string | null = null;
  for (const [givenOn = '', withdrawnOn = ''] of records) {
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
  referredOut: boolean,
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
  const assistance = typeof services === 'string' ? servicesOf(services, cache) : NO_SERVICE;
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
    referral_org_type: one(referredOut ? STATS_VALUE.unknown : STATS_VALUE.none),
    closure_reason: one(closure),
  };
}

const NO_SERVICE = { services: Object.freeze([STATS_VALUE.none]), tracks: Object.freeze([STATS_VALUE.none]) };

/**
 * What was already worked out during one extraction. Cases share few distinct texts ('["VE"]'…):
 * each is parsed and checked once, by the text itself (a key built per call would cost more
 * than the parsing it saves).
 */
interface Cache {
  lists: Map<Vocabulary, Map<string, readonly string[]>>;
  services: Map<string, { services: readonly string[]; tracks: readonly string[] }>;
}

/** The service types and their tracks of a list of service types. */
function servicesOf(list: string, cache: Cache): { services: readonly string[]; tracks: readonly string[] } {
  let found = cache.services.get(list);
  if (!found) {
    const s: string[] = [];
    const t: string[] = [];
    for (const typeCode of list.split(RECORD)) {
      const track = TRACK_OF.get(typeCode);
      if (!track) continue;
      if (!s.includes(typeCode)) s.push(typeCode);
      if (!t.includes(track)) t.push(track);
    }
    found = { services: many(s.sort(), STATS_VALUE.none), tracks: many(t.sort(), STATS_VALUE.none) };
    cache.services.set(list, found);
  }
  return found;
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

/** The valid codes of a list (the text of its JSON array), each once, or `empty`. */
function codes(vocabulary: Vocabulary, text: string | undefined, empty: string, cache: Cache): readonly string[] {
  if (text === undefined) return one(empty);
  let byText = cache.lists.get(vocabulary);
  if (!byText) {
    byText = new Map();
    cache.lists.set(vocabulary, byText);
  }
  let found = byText.get(text);
  if (!found) {
    let list: unknown = [];
    try {
      list = JSON.parse(text);
    } catch {
      // not a list: nothing valid in it
    }
    const out: string[] = [];
    if (Array.isArray(list)) for (const item of list) if (typeof item === 'string' && vocabulary.has(item) && !out.includes(item)) out.push(item);
    found = many(out, empty);
    byText.set(text, found);
  }
  return found;
}

function isDate(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
}

function yearOf(value: unknown): number | null {
  return isDate(value) ? Number(value.slice(0, 4)) : null;
}
