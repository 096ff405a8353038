import { QUASI_IDENTIFIERS, STATS_VALUE, type StatsDimension } from '../../../shared/statistics';
import { CASE_STATUS_HTCDS_VALUE } from '../../../shared/vocabularies';
import type { FactRow } from './dimensions';

/**
 * Record-level data (DESIGN.md §6): one row per case, k-anonymous on the quasi-identifiers
 * (year, age band, gender, citizenship, country of exploitation): every combination of their
 * values that appears is shared by at least k rows.
 *
 * Datafly (Sweeney 2002): while more rows than the suppression limit sit in groups smaller than
 * k, the quasi-identifier with the most distinct values is generalized one step (year → 2-year
 * → 5-year spans; age bands → 0-17/18-29/30-47/48+ → minor/adult; gender → feminine, masculine,
 * other; a country → itself when at least k rows have it, else `other`; at last `*`). The rows
 * still in small groups are then left out and counted.
 */

type Qi = (typeof QUASI_IDENTIFIERS)[number];

/**
 * The column each dimension is written under in a microdata CSV (issue 5 §3): its HTCDS 2.0
 * field (reference/htcds/field-standards-2.0.csv) where the standard has one. Where it has none,
 * an extension in the standard's naming (section prefix, PascalCase), as the import's extension
 * columns are (docs/import.md): listed in MICRODATA_EXTENSION_FIELDS, never the name of an HTCDS
 * field. A test checks both against the reference.
 */
export const MICRODATA_FIELD: { readonly [D in StatsDimension]: string } = {
  year: 'vic_IdentificationYear',
  citizenship: 'prs_Citizenship',
  country_of_exploitation: 'vic_LocationOfExploitation',
  gender: 'prs_Gender',
  age_band: 'vic_AgeBandAtIdentification',
  minor: 'vic_MinorAtIdentification',
  exploitation_type: 'vic_TypeOfExploitation',
  means_of_control: 'vic_MethodsOfControl',
  labour_industry: 'vic_ForcedLabourIndustry',
  trafficking_status: 'vic_TraffickingStatus',
  case_status: 'cas_Status',
  assistance_track: 'spl_AssistanceTrack',
  service_type: 'spl_ServiceType',
  returned: 'cas_Returned',
  referral_org_type: 'org_Type',
  closure_reason: 'cas_ReasonForCaseClosure',
};

/** The columns HTCDS 2.0 has no field for (year and age band of identification, assistance given, return). */
export const MICRODATA_EXTENSION_FIELDS: ReadonlySet<string> = new Set([
  'vic_IdentificationYear',
  'vic_AgeBandAtIdentification',
  'vic_MinorAtIdentification',
  'spl_AssistanceTrack',
  'spl_ServiceType',
  'cas_Returned',
]);

/** A value as written under its HTCDS column: the case status as its cas_Status value; the rest are already HTCDS codes or ours. */
export function microdataValue(column: StatsDimension, value: string): string {
  if (column !== 'case_status') return value;
  return value
    .split('|')
    .map((v) => (CASE_STATUS_HTCDS_VALUE as Record<string, string>)[v] ?? v)
    .join('|');
}

export const WITHHELD = '*';
/** At most this share of the rows is left out before generalizing further. */
export const SUPPRESSION_LIMIT = 0.05;
/**
 * Columns beside the quasi-identifiers by default. Not `minor` (the age band gives it away), and
 * not the lists whose combinations are nearly one per person (means of control, service types):
 * someone who knows those of a person would find their row. Ask for them by name if needed.
 */
export const DEFAULT_MICRODATA_COLUMNS: readonly StatsDimension[] = [
  'exploitation_type',
  'labour_industry',
  'trafficking_status',
  'case_status',
  'assistance_track',
  'returned',
  'referral_org_type',
  'closure_reason',
];

interface Hierarchy {
  /** Level names, in words, for the rules; the last one withholds the value. */
  levels: readonly string[];
  generalize(value: string, level: number, frequent: ReadonlySet<string>): string;
}

const AGE_WIDE: Record<string, string> = { '0-8': '0-17', '9-17': '0-17', '18-20': '18-29', '21-23': '18-29', '24-26': '18-29', '27-29': '18-29', '30-38': '30-47', '39-47': '30-47', '48+': '48+' };
const GENDER_WIDE: Record<string, string> = { Feminine: 'Feminine', Masculine: 'Masculine', TransgenderFeminine: 'other', TransgenderMasculine: 'other', NonConforming: 'other' };

const country: Hierarchy = {
  levels: ['country', 'country when at least k rows share it, else other', 'withheld'],
  generalize: (v, level, frequent) => (level === 2 ? WITHHELD : level === 0 || v === STATS_VALUE.unknown || frequent.has(v) ? v : 'other'),
};

const HIERARCHIES: Record<Qi, Hierarchy> = {
  year: {
    levels: ['year', '2-year spans', '5-year spans', 'withheld'],
    generalize(v, level) {
      if (level === 0) return v;
      if (level === 3) return WITHHELD;
      const width = level === 1 ? 2 : 5;
      const start = Number(v) - (Number(v) % width);
      return `${start}-${start + width - 1}`;
    },
  },
  age_band: {
    levels: ['age bands', 'age bands 0-17, 18-29, 30-47, 48+', 'minor (0-17) or adult (18+)', 'withheld'],
    generalize(v, level) {
      if (level === 3) return WITHHELD;
      if (level === 0 || v === STATS_VALUE.unknown) return v;
      const wide = AGE_WIDE[v] ?? v;
      return level === 1 ? wide : wide === '0-17' ? '0-17' : '18+';
    },
  },
  gender: {
    levels: ['gender', 'feminine, masculine or other', 'withheld'],
    generalize: (v, level) => (level === 0 ? v : level === 1 ? (GENDER_WIDE[v] ?? STATS_VALUE.unknown) : WITHHELD),
  },
  citizenship: country,
  country_of_exploitation: country,
};

/** A row's value of a quasi-identifier before generalization: one value, even for a multi-valued fact. */
function qiValue(row: FactRow, qi: Qi): string {
  const values = row[qi];
  if (qi === 'citizenship') return values[0]!; // the first listed, as the case list shows it
  return values.length > 1 ? 'multiple' : values[0]!;
}

export interface MicrodataResult {
  columns: StatsDimension[];
  rows: string[][];
  generalization: Record<string, string>;
  rowsSuppressed: number;
}

export function buildMicrodata(facts: readonly FactRow[], k: number, extra: readonly StatsDimension[] = DEFAULT_MICRODATA_COLUMNS): MicrodataResult {
  const qis = [...QUASI_IDENTIFIERS] as Qi[];
  // Each quasi-identifier's distinct values, numbered; a row is its numbers.
  const values = qis.map(() => new Map<string, number>());
  const base = facts.map((row) =>
    qis.map((qi, q) => {
      const v = qiValue(row, qi);
      let n = values[q]!.get(v);
      if (n === undefined) values[q]!.set(v, (n = values[q]!.size));
      return n;
    }),
  );
  const counts = qis.map((_, q) => {
    const c = new Array<number>(values[q]!.size).fill(0);
    for (const r of base) c[r[q]!]!++;
    return c;
  });
  const frequent = qis.map((_, q) => new Set([...values[q]!].filter(([, n]) => counts[q]![n]! >= k).map(([v]) => v)));
  const levels = qis.map(() => 0);
  /** At the current levels: each value number's generalized label, and that label's number. */
  const generalized = (q: number) => {
    const labels = [...values[q]!.keys()].map((v) => HIERARCHIES[qis[q]!].generalize(v, levels[q]!, frequent[q]!));
    const ids = new Map<string, number>();
    return { labels, ids: labels.map((l) => ids.get(l) ?? (ids.set(l, ids.size), ids.size - 1)), distinct: () => ids.size };
  };
  const limit = Math.floor(facts.length * SUPPRESSION_LIMIT);
  let current = qis.map((_, q) => generalized(q));
  let keys: number[] = [];
  let small = new Set<number>();
  for (;;) {
    // A combination as one number (mixed radix over the generalized labels of each quasi-identifier).
    keys = base.map((r) => r.reduce((key, n, q) => key * (current[q]!.distinct() + 1) + current[q]!.ids[n]!, 0));
    const sizes = new Map<number, number>();
    for (const key of keys) sizes.set(key, (sizes.get(key) ?? 0) + 1);
    small = new Set([...sizes].filter(([, n]) => n < k).map(([key]) => key));
    const violating = keys.reduce((n, key) => n + (small.has(key) ? 1 : 0), 0);
    if (violating <= limit) break;
    // Generalize the quasi-identifier with the most distinct values that can still be generalized.
    let pick = -1;
    qis.forEach((qi, q) => {
      if (levels[q]! >= HIERARCHIES[qi].levels.length - 1) return;
      if (pick === -1 || current[q]!.distinct() > current[pick]!.distinct()) pick = q;
    });
    if (pick === -1) break; // everything withheld: the rows left are fewer than k, all suppressed
    levels[pick]!++;
    current = qis.map((_, q) => generalized(q));
  }
  const columns = [...qis, ...extra.filter((d) => !(qis as string[]).includes(d))] as StatsDimension[];
  const rest = columns.slice(qis.length);
  const kept: { sort: string; row: string[] }[] = [];
  facts.forEach((fact, i) => {
    if (small.has(keys[i]!)) return;
    const row = [...base[i]!.map((n, q) => current[q]!.labels[n]!), ...rest.map((d) => fact[d].join('|'))];
    kept.push({ sort: row.join('\u0000'), row });
  });
  // Sorted by value: the order of the cases (and so of their codes) must not show through.
  kept.sort((a, b) => (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : 0));
  const generalization = Object.fromEntries(qis.map((qi, q) => [qi, HIERARCHIES[qi].levels[levels[q]!]!]));
  return { columns, rows: kept.map((r) => r.row), generalization, rowsSuppressed: facts.length - kept.length };
}
