import { QUASI_IDENTIFIERS, STATS_VALUE, type StatsDimension } from '../../../shared/statistics';
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
  const base = facts.map((row) => qis.map((qi) => qiValue(row, qi)));
  const frequent = qis.map((_, q) => {
    const counts = new Map<string, number>();
    for (const r of base) counts.set(r[q]!, (counts.get(r[q]!) ?? 0) + 1);
    return new Set([...counts].filter(([, n]) => n >= k).map(([v]) => v));
  });
  const levels = qis.map(() => 0);
  const limit = Math.floor(facts.length * SUPPRESSION_LIMIT);
  let keys: string[];
  let small: Set<string>;
  for (;;) {
    keys = base.map((r) => r.map((v, q) => HIERARCHIES[qis[q]!].generalize(v, levels[q]!, frequent[q]!)).join('\u0000'));
    const sizes = new Map<string, number>();
    for (const key of keys) sizes.set(key, (sizes.get(key) ?? 0) + 1);
    small = new Set([...sizes].filter(([, n]) => n < k).map(([key]) => key));
    const violating = keys.filter((key) => small.has(key)).length;
    if (violating <= limit) break;
    // Generalize the quasi-identifier with the most distinct values that can still be generalized.
    let pick = -1;
    let most = -1;
    qis.forEach((qi, q) => {
      if (levels[q]! >= HIERARCHIES[qi].levels.length - 1) return;
      const distinct = new Set(base.map((r) => HIERARCHIES[qi].generalize(r[q]!, levels[q]!, frequent[q]!))).size;
      if (distinct > most) {
        most = distinct;
        pick = q;
      }
    });
    if (pick === -1) break; // everything withheld: the rows left are fewer than k, all suppressed
    levels[pick]!++;
  }
  const columns = [...qis, ...extra.filter((d) => !(qis as string[]).includes(d))] as StatsDimension[];
  const rows: string[][] = [];
  facts.forEach((row, i) => {
    if (small.has(keys[i]!)) return;
    const qiPart = keys[i]!.split('\u0000');
    rows.push([...qiPart, ...columns.slice(qis.length).map((d) => row[d].join('|'))]);
  });
  // Sorted by value: the order of the cases (and so of their codes) must not show through.
  rows.sort((a, b) => {
    for (let c = 0; c < a.length; c++) if (a[c] !== b[c]) return a[c]! < b[c]! ? -1 : 1;
    return 0;
  });
  const generalization = Object.fromEntries(qis.map((qi, q) => [qi, HIERARCHIES[qi].levels[levels[q]!]!]));
  return { columns, rows, generalization, rowsSuppressed: facts.length - rows.length };
}
