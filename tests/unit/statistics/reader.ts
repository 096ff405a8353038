import type { StatsCell } from '../../../src/shared/statistics';

/**
 * A reader of a published table, written apart from the engine: it knows only what the file
 * says (each cell's labels, its count or that it was withheld, the rules) and tries to work out
 * the withheld counts from the totals, as an attacker would. Used by the property tests.
 */

export interface Published {
  dimensions: readonly string[];
  cells: readonly StatsCell[];
  threshold: number;
  base: number;
  /** Zeros are left out of the listing (differential privacy) rather than hidden among `<T`. */
  zerosOmitted?: boolean;
  /** What the rules say of the grand total (cases considered minus excluded). */
  grandTotal?: { lo: number; hi: number };
}

interface Term {
  key: string;
  cell: StatsCell | null;
}

export interface Equation {
  parent: Term;
  children: Term[];
}

const TOTAL = 'total';
const keyOf = (dims: readonly string[], values: Record<string, string>) => dims.map((d) => values[d]).join('\u0001');

/** The values each dimension lists (the `total` label apart). */
export function domainsOf(p: Published): string[][] {
  return p.dimensions.map((d) => [...new Set(p.cells.map((c) => c.values[d]!).filter((v) => v !== TOTAL))]);
}

/** Every "total = sum of the cells it totals" equation of the table. */
export function equationsOf(p: Published): Equation[] {
  const byKey = new Map(p.cells.map((c) => [keyOf(p.dimensions, c.values), c]));
  const domains = domainsOf(p);
  const equations: Equation[] = [];
  // Every combination of values and totals, listed or not (an unlisted one is an omitted zero).
  const all: Record<string, string>[] = [{}];
  p.dimensions.forEach((d, i) => {
    const next: Record<string, string>[] = [];
    for (const partial of all) for (const v of [...domains[i]!, TOTAL]) next.push({ ...partial, [d]: v });
    all.splice(0, all.length, ...next);
  });
  const term = (values: Record<string, string>): Term => {
    const key = keyOf(p.dimensions, values);
    return { key, cell: byKey.get(key) ?? null };
  };
  for (const values of all) {
    p.dimensions.forEach((d, i) => {
      if (values[d] !== TOTAL) return;
      equations.push({ parent: term(values), children: domains[i]!.map((v) => term({ ...values, [d]: v })) });
    });
  }
  return equations;
}

export const isWithheld = (t: Term) => t.cell !== null && t.cell.suppressed !== null;

/** What the file says of one count, before any solving. */
export function priorOf(p: Published, t: Term, labels: Record<string, string> | null): { lo: number; hi: number } {
  if (t.cell === null) {
    if (!p.zerosOmitted) throw new Error('a combination is missing from a table that lists every one');
    return { lo: 0, hi: 0 };
  }
  if (t.cell.suppressed === null) return { lo: t.cell.count!, hi: t.cell.count! + p.base - 1 };
  if (t.cell.suppressed === 'complementary') return { lo: p.threshold, hi: Infinity };
  // A listed value was seen: its one-dimensional margin and the grand total are not empty.
  const values = labels ?? t.cell.values;
  const totals = p.dimensions.filter((d) => values[d] === TOTAL).length;
  // With zeros omitted a `<T` is usually not empty, but a zero may have been hidden among them: 0.
  const positive = !p.zerosOmitted && totals >= p.dimensions.length - 1 ? 1 : 0;
  return { lo: positive, hi: p.threshold - 1 };
}

/**
 * For each equation on its own, the range every withheld count is left with (from the ranges of
 * the others). Returns the withheld counts pinned to one value above zero.
 */
export function pinnedBySingleEquations(p: Published): string[] {
  const pinned: string[] = [];
  const grandKey = keyOf(
    p.dimensions,
    Object.fromEntries(p.dimensions.map((d) => [d, TOTAL])),
  );
  const prior = (t: Term) => {
    const r = priorOf(p, t, null);
    if (t.key === grandKey && p.grandTotal) return { lo: Math.max(r.lo, p.grandTotal.lo), hi: Math.min(r.hi, p.grandTotal.hi) };
    return r;
  };
  for (const eq of equationsOf(p)) {
    const terms = [eq.parent, ...eq.children];
    const ranges = terms.map(prior);
    terms.forEach((t, i) => {
      if (!isWithheld(t)) return;
      let lo: number;
      let hi: number;
      if (i === 0) {
        lo = ranges.slice(1).reduce((s, r) => s + r.lo, 0);
        hi = ranges.slice(1).reduce((s, r) => s + r.hi, 0);
      } else {
        const others = ranges.filter((_, j) => j !== 0 && j !== i);
        lo = ranges[0]!.lo - others.reduce((s, r) => s + r.hi, 0);
        hi = ranges[0]!.hi - others.reduce((s, r) => s + r.lo, 0);
      }
      lo = Math.max(lo, ranges[i]!.lo);
      hi = Math.min(hi, ranges[i]!.hi);
      if (lo === hi && lo >= 1) pinned.push(t.key);
    });
  }
  return pinned;
}

/** The equations in which exactly one count is withheld: that one could be recomputed. */
export function loneWithheld(p: Published): Equation[] {
  // A total of nothing (an empty table) is 0 whatever is shown: nobody to give away.
  return equationsOf(p).filter((eq) => eq.children.length > 0 && [eq.parent, ...eq.children].filter(isWithheld).length === 1);
}

/**
 * Exact linear algebra, as if every published count were exact: in each two-dimensional slice of
 * the table (rows, columns and their totals; the other dimension fixed to a value or its total),
 * the withheld counts that the slice's equations determine. Gaussian elimination over the
 * rationals (small integers here, so doubles are exact enough with a tolerance).
 */
export function determinedInSlices(p: Published): string[] {
  const k = p.dimensions.length;
  const equations = equationsOf(p);
  const determined = new Set<string>();
  if (k === 1) {
    for (const eq of equations) {
      if (!eq.children.length) continue;
      const unknown = [eq.parent, ...eq.children].filter(isWithheld);
      if (unknown.length === 1) determined.add(unknown[0]!.key);
    }
    return [...determined];
  }
  // Group the equations by slice: the axis they sum over, and the other axis fixed.
  const parse = (key: string) => key.split('\u0001');
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const other = [0, 1, 2].slice(0, k).find((d) => d !== a && d !== b);
      const slices = new Map<string, Equation[]>();
      for (const eq of equations) {
        if (!eq.children.length) continue;
        const coords = parse(eq.parent.key);
        const axis = p.dimensions.findIndex((_, d) => coords[d] === TOTAL && eq.children.every((c) => parse(c.key)[d] !== TOTAL));
        if (axis !== a && axis !== b) continue;
        const slice = other === undefined ? '' : coords[other]!;
        if (!slices.has(slice)) slices.set(slice, []);
        slices.get(slice)!.push(eq);
      }
      for (const eqs of slices.values()) for (const key of solve(eqs)) determined.add(key);
    }
  }
  return [...determined];
}

/** The unknowns (withheld terms) that a set of equations determines. */
function solve(eqs: Equation[]): string[] {
  const unknowns = [...new Set(eqs.flatMap((eq) => [eq.parent, ...eq.children]).filter(isWithheld).map((t) => t.key))];
  if (!unknowns.length) return [];
  const col = new Map(unknowns.map((u, i) => [u, i]));
  const rows = eqs.map((eq) => {
    const row = new Array<number>(unknowns.length).fill(0);
    if (isWithheld(eq.parent)) row[col.get(eq.parent.key)!]! -= 1;
    for (const c of eq.children) if (isWithheld(c)) row[col.get(c.key)!]! += 1;
    return row;
  });
  // Reduced row echelon form.
  const pivots: number[] = [];
  let r = 0;
  for (let c = 0; c < unknowns.length && r < rows.length; c++) {
    let best = r;
    for (let i = r; i < rows.length; i++) if (Math.abs(rows[i]![c]!) > Math.abs(rows[best]![c]!)) best = i;
    if (Math.abs(rows[best]![c]!) < 1e-9) continue;
    [rows[r], rows[best]] = [rows[best]!, rows[r]!];
    const pivot = rows[r]![c]!;
    rows[r] = rows[r]!.map((x) => x / pivot);
    for (let i = 0; i < rows.length; i++) {
      if (i === r || Math.abs(rows[i]![c]!) < 1e-12) continue;
      const f = rows[i]![c]!;
      rows[i] = rows[i]!.map((x, j) => x - f * rows[r]![j]!);
    }
    pivots.push(c);
    r++;
  }
  const free = unknowns.map((_, c) => c).filter((c) => !pivots.includes(c));
  return pivots.filter((c, i) => free.every((f) => Math.abs(rows[i]![f]!) < 1e-9)).map((c) => unknowns[c]!);
}
