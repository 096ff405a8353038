import { AppError } from '../../../shared/errors';

/**
 * Threshold and complementary suppression of a table of counts with all its margins
 * (DESIGN.md §6). The table is a grid: each dimension has its values plus one more index, its
 * total; an entry whose index is the total in some dimension is a margin, the last entry is the
 * grand total. Every margin is the sum of the entries it totals: those sums are the equations a
 * reader can solve.
 *
 * What a reader knows of an entry: a published count p means [p, p + base − 1] (rounded down);
 * a small one (`<threshold`) means [0, threshold − 1] (or [1, …] when the entry is known not to
 * be empty); a complementary one means at least the threshold (it was a published count); a
 * zero shown as zero (differential privacy only) means exactly 0.
 *
 * Two guarantees, each checked until neither needs another suppression:
 * 1. Structure (exact arithmetic, as if every published count were exact): no suppressed entry
 *    is determined by the row and column totals of any two-dimensional slice of the table (for
 *    one dimension: by the grand total). In a slice, suppressed entries are edges between their
 *    row and their column (margins included), and an entry is determined exactly when it is a
 *    bridge: it lies on no cycle of suppressed entries. Each bridge is put on a cycle by
 *    suppressing the cheapest published entries that close one.
 * 2. Ranges (the published intervals): propagating every equation's bounds until nothing
 *    changes never pins a small entry to one value above zero (a zero may show; it is no person).
 *    When it would, the cheapest published entry of the equation that pinned it is suppressed.
 * Cheapest: an inner cell before a margin, a margin before the grand total, then the smallest
 * count, so the least information is lost.
 */

export const PUBLISHED = 0;
export const SMALL = 1;
export const COMPLEMENTARY = 2;
/** Differential privacy: a (noisy) zero, shown as such and not listed. */
export const ZERO = 3;

export interface Grid {
  /** The number of values of each dimension (its total comes after them). */
  shape: readonly number[];
  /** shape[d] + 1 */
  ext: readonly number[];
  strides: readonly number[];
  /** Entries, margins included: the product of `ext`. */
  size: number;
}

export function gridOf(shape: readonly number[]): Grid {
  const ext = shape.map((n) => n + 1);
  const strides = new Array<number>(shape.length);
  let size = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = size;
    size *= ext[d]!;
  }
  return { shape, ext, strides, size };
}

export function coordOf(g: Grid, entry: number, d: number): number {
  return Math.floor(entry / g.strides[d]!) % g.ext[d]!;
}

/** How many of an entry's coordinates are totals (0: an inner cell; all: the grand total). */
export function totalsIn(g: Grid, entry: number): number {
  let t = 0;
  for (let d = 0; d < g.shape.length; d++) if (coordOf(g, entry, d) === g.shape[d]) t++;
  return t;
}

/**
 * Fills the margins of `values`, whose inner cells are set: each total, axis by axis, is the sum
 * of the entries before it on that axis.
 */
export function fillMargins(g: Grid, values: Float64Array): void {
  for (let d = 0; d < g.shape.length; d++) {
    const n = g.shape[d]!;
    const s = g.strides[d]!;
    for (let e = 0; e < g.size; e++) {
      if (coordOf(g, e, d) !== n) continue;
      let sum = 0;
      for (let v = 0, c = e - n * s; v < n; v++, c += s) sum += values[c]!;
      values[e] = sum;
    }
  }
}

export interface ProtectInput {
  grid: Grid;
  /** Every entry's count (margins included). */
  values: Float64Array;
  threshold: number;
  base: number;
  /** Zeros are shown as zeros (differential privacy) rather than hidden among small counts. */
  showZeros: boolean;
  /** Entries a reader knows are not empty (a value that the table lists was seen). */
  knownPositive: (entry: number) => boolean;
  /** What a reader knows of the grand total from elsewhere (the counts of the rules). */
  grandTotal?: { lo: number; hi: number } | null;
}

export interface Protection {
  status: Uint8Array;
  small: number;
  complementary: number;
}

export function protectTable(input: ProtectInput): Protection {
  const { grid: g, values, threshold } = input;
  const status = new Uint8Array(g.size);
  for (let e = 0; e < g.size; e++) {
    const x = values[e]!;
    status[e] = x === 0 && input.showZeros ? ZERO : x < threshold ? SMALL : PUBLISHED;
  }
  // A dimension without values: no cells, every margin is 0, nothing to protect.
  if (g.shape.includes(0)) return { status, small: status.filter((s) => s === SMALL).length, complementary: 0 };
  const cost = (e: number) => totalsIn(g, e) * 1e12 + values[e]!;
  const suppressible = (e: number) => status[e] === PUBLISHED || status[e] === ZERO;
  // With zeros shown, a small count is known not to be empty, until a zero is hidden among them.
  let zeroHidden = false;
  const positive = input.showZeros ? (e: number) => !zeroHidden && values[e]! > 0 : input.knownPositive;
  const suppress = (e: number) => {
    if (status[e] === ZERO) zeroHidden = true;
    status[e] = status[e] === ZERO ? SMALL : COMPLEMENTARY;
  };
  for (;;) {
    if (fixStructure(g, status, cost, suppressible, suppress)) continue;
    if (fixRanges(input, status, positive, cost, suppressible, suppress)) continue;
    break;
  }
  let small = 0;
  let complementary = 0;
  for (const s of status) {
    if (s === SMALL) small++;
    else if (s === COMPLEMENTARY) complementary++;
  }
  return { status, small, complementary };
}

const isSuppressed = (s: number) => s === SMALL || s === COMPLEMENTARY;

function unsafe(): never {
  throw new AppError(
    'STATS_UNSAFE',
    'This table cannot be published safely: its small counts could be worked out whatever is withheld. Choose fewer dimensions or a wider range of years.',
  );
}

// ——— 1. Structure ———

/** Makes every 2-D slice bridge-free (for one dimension: no lone suppressed entry). True if it suppressed anything. */
function fixStructure(g: Grid, status: Uint8Array, cost: (e: number) => number, suppressible: (e: number) => boolean, suppress: (e: number) => void): boolean {
  const k = g.shape.length;
  let changed = false;
  if (k === 1) {
    const suppressed: number[] = [];
    for (let e = 0; e < g.size; e++) if (isSuppressed(status[e]!)) suppressed.push(e);
    if (suppressed.length !== 1 || g.shape[0] === 0) return false;
    const pick = cheapest(Array.from({ length: g.size }, (_, e) => e).filter(suppressible), cost);
    if (pick === null) unsafe();
    suppress(pick);
    return true;
  }
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      // The other axes (at most one: tables have three dimensions at most) take each of their values and their total.
      const others = [0, 1, 2].slice(0, k).filter((d) => d !== a && d !== b);
      const fixed = others.length ? g.ext[others[0]!]! : 1;
      for (let f = 0; f < fixed; f++) {
        const offset = others.length ? f * g.strides[others[0]!]! : 0;
        const slice: Slice = { rows: g.ext[a]!, cols: g.ext[b]!, at: (i, j) => offset + i * g.strides[a]! + j * g.strides[b]! };
        while (fixSliceBridge(slice, status, cost, suppressible, suppress)) changed = true;
      }
    }
  }
  return changed;
}

interface Slice {
  rows: number;
  cols: number;
  at(i: number, j: number): number;
}

/** Finds one bridge in the slice and closes a cycle through it; false when there is none. */
function fixSliceBridge(slice: Slice, status: Uint8Array, cost: (e: number) => number, suppressible: (e: number) => boolean, suppress: (e: number) => void): boolean {
  const bridge = findBridge(slice, status);
  if (!bridge) return false;
  const [r, c] = bridge;
  const edge = slice.at(r, c);
  // The two sides the bridge joins (rows and columns reached without it).
  const sideA = reach(slice, status, r, true, edge);
  const sideB = reach(slice, status, c, false, edge);
  const best: { entries: number[] | null; cost: number } = { entries: null, cost: Infinity };
  const consider = (entries: number[]) => {
    let total = 0;
    for (const e of entries) {
      if (isSuppressed(status[e]!)) continue;
      if (!suppressible(e)) return;
      total += cost(e);
    }
    if (total < best.cost) {
      best.cost = total;
      best.entries = entries;
    }
  };
  // One entry joining the two sides closes a cycle through the bridge…
  for (const i of sideA.rows) for (const j of sideB.cols) if (i !== r || j !== c) consider([slice.at(i, j)]);
  for (const i of sideB.rows) for (const j of sideA.cols) consider([slice.at(i, j)]);
  // …and so do three entries completing a rectangle with it.
  for (let i = 0; i < slice.rows; i++) {
    if (i === r) continue;
    for (let j = 0; j < slice.cols; j++) {
      if (j === c) continue;
      consider([slice.at(r, j), slice.at(i, j), slice.at(i, c)]);
    }
  }
  if (best.entries === null) unsafe();
  for (const e of best.entries) if (!isSuppressed(status[e]!)) suppress(e);
  return true;
}

/** A suppressed entry on no cycle of suppressed entries (Tarjan's bridges, without recursion), as [row, col]. */
function findBridge(slice: Slice, status: Uint8Array): [number, number] | null {
  const n = slice.rows + slice.cols;
  const adjacency: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < slice.rows; i++) {
    for (let j = 0; j < slice.cols; j++) {
      if (!isSuppressed(status[slice.at(i, j)]!)) continue;
      adjacency[i]!.push(slice.rows + j);
      adjacency[slice.rows + j]!.push(i);
    }
  }
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (order[root] !== -1 || adjacency[root]!.length === 0) continue;
    // Frames: node, parent, next neighbour index. A grid slice has no parallel edges.
    const stack: [number, number, number][] = [[root, -1, 0]];
    order[root] = low[root] = counter++;
    while (stack.length) {
      const frame = stack[stack.length - 1]!;
      const [node, parent] = frame;
      const next = adjacency[node]![frame[2]++];
      if (next !== undefined) {
        if (next === parent) continue;
        if (order[next] === -1) {
          order[next] = low[next] = counter++;
          stack.push([next, node, 0]);
        } else {
          low[node] = Math.min(low[node]!, order[next]!);
        }
        continue;
      }
      stack.pop();
      if (parent !== -1) {
        low[parent] = Math.min(low[parent]!, low[node]!);
        if (low[node]! > order[parent]!) {
          const [row, col] = parent < slice.rows ? [parent, node - slice.rows] : [node, parent - slice.rows];
          return [row, col];
        }
      }
    }
  }
  return null;
}

/** The rows and columns reached from a node over suppressed entries other than `without`. */
function reach(slice: Slice, status: Uint8Array, start: number, startIsRow: boolean, without: number): { rows: number[]; cols: number[] } {
  const seenRows = new Uint8Array(slice.rows);
  const seenCols = new Uint8Array(slice.cols);
  const rows: number[] = [];
  const cols: number[] = [];
  const queue: [number, boolean][] = [[start, startIsRow]];
  if (startIsRow) seenRows[start] = 1;
  else seenCols[start] = 1;
  while (queue.length) {
    const [node, isRow] = queue.pop()!;
    if (isRow) {
      rows.push(node);
      for (let j = 0; j < slice.cols; j++) {
        const e = slice.at(node, j);
        if (e !== without && !seenCols[j] && isSuppressed(status[e]!)) {
          seenCols[j] = 1;
          queue.push([j, false]);
        }
      }
    } else {
      cols.push(node);
      for (let i = 0; i < slice.rows; i++) {
        const e = slice.at(i, node);
        if (e !== without && !seenRows[i] && isSuppressed(status[e]!)) {
          seenRows[i] = 1;
          queue.push([i, true]);
        }
      }
    }
  }
  return { rows, cols };
}

function cheapest(entries: readonly number[], cost: (e: number) => number): number | null {
  let best: number | null = null;
  for (const e of entries) if (best === null || cost(e) < cost(best)) best = e;
  return best;
}

// ——— 2. Ranges ———

export interface Ranges {
  lo: Float64Array;
  hi: Float64Array;
  /** The equation (parent entry × dimensions + axis) that last raised lo / lowered hi; −1 for none. */
  byLo: Int32Array;
  byHi: Int32Array;
}

/** What a reader knows of each entry before solving anything. */
export function priorRanges(input: ProtectInput, status: Uint8Array, knownPositive: (e: number) => boolean = input.knownPositive): { lo: Float64Array; hi: Float64Array } {
  const { grid: g, values, threshold, base } = input;
  const lo = new Float64Array(g.size);
  const hi = new Float64Array(g.size);
  for (let e = 0; e < g.size; e++) {
    const positive = knownPositive(e) ? 1 : 0;
    switch (status[e]) {
      case PUBLISHED: {
        const p = Math.floor(values[e]! / base) * base;
        lo[e] = p;
        hi[e] = p + base - 1;
        break;
      }
      case SMALL:
        lo[e] = positive;
        hi[e] = threshold - 1;
        break;
      case COMPLEMENTARY:
        lo[e] = threshold;
        hi[e] = Infinity;
        break;
      default:
        lo[e] = 0;
        hi[e] = 0;
    }
  }
  const grand = g.size - 1;
  if (input.grandTotal) {
    lo[grand] = Math.max(lo[grand]!, input.grandTotal.lo);
    hi[grand] = Math.min(hi[grand]!, input.grandTotal.hi);
  }
  return { lo, hi };
}

/** The equations an entry takes part in: as the total of one, or as a term of another, per axis. */
function equationsOf(g: Grid, e: number, out: number[]): number[] {
  out.length = 0;
  const k = g.shape.length;
  for (let d = 0; d < k; d++) {
    const c = coordOf(g, e, d);
    const parent = c === g.shape[d] ? e : e + (g.shape[d]! - c) * g.strides[d]!;
    out.push(parent * k + d);
  }
  return out;
}

/** Bounds propagation over every equation until nothing changes (interval constraint propagation). */
export function propagate(g: Grid, lo: Float64Array, hi: Float64Array): Ranges {
  const k = g.shape.length;
  const byLo = new Int32Array(g.size).fill(-1);
  const byHi = new Int32Array(g.size).fill(-1);
  const slots = g.size * k;
  const queued = new Uint8Array(slots);
  const queue = new Int32Array(slots + 1);
  let head = 0;
  let tail = 0;
  let length = 0;
  const push = (id: number) => {
    if (queued[id]) return;
    queued[id] = 1;
    queue[tail] = id;
    tail = (tail + 1) % queue.length;
    length++;
  };
  for (let e = 0; e < g.size; e++) for (let d = 0; d < k; d++) if (coordOf(g, e, d) === g.shape[d]) push(e * k + d);
  const related: number[] = [];
  const tighten = (x: number, l: number, h: number, id: number) => {
    let moved = false;
    if (l > lo[x]!) {
      lo[x] = l;
      byLo[x] = id;
      moved = true;
    }
    if (h < hi[x]!) {
      hi[x] = h;
      byHi[x] = id;
      moved = true;
    }
    if (!moved) return;
    // Sound bounds of true counts cannot cross: this would be a bug, not a property of the data.
    if (lo[x]! > hi[x]!) throw new AppError('INTERNAL', 'The statistics audit found inconsistent totals.');
    for (const eq of equationsOf(g, x, related)) push(eq);
  };
  let steps = 0;
  const limit = 200 * slots + 1_000_000;
  while (length > 0) {
    if (++steps > limit) unsafe();
    const id = queue[head]!;
    head = (head + 1) % queue.length;
    length--;
    queued[id] = 0;
    const p = Math.floor(id / k);
    const d = id % k;
    const n = g.shape[d]!;
    const s = g.strides[d]!;
    const first = p - n * s;
    let sumLo = 0;
    let sumHi = 0;
    let infinite = 0;
    for (let v = 0, c = first; v < n; v++, c += s) {
      sumLo += lo[c]!;
      if (hi[c] === Infinity) infinite++;
      else sumHi += hi[c]!;
    }
    tighten(p, sumLo, infinite ? Infinity : sumHi, id);
    for (let v = 0, c = first; v < n; v++, c += s) {
      const othersLo = sumLo - lo[c]!;
      const othersHi = hi[c] === Infinity ? (infinite > 1 ? Infinity : sumHi) : infinite ? Infinity : sumHi - hi[c]!;
      tighten(c, lo[p]! - othersHi, hi[p]! - othersLo, id);
    }
  }
  return { lo, hi, byLo, byHi };
}

/** One suppression per small entry that the ranges pin to a single value above zero. True if it suppressed anything. */
function fixRanges(
  input: ProtectInput,
  status: Uint8Array,
  positive: (e: number) => boolean,
  cost: (e: number) => number,
  suppressible: (e: number) => boolean,
  suppress: (e: number) => void,
): boolean {
  const g = input.grid;
  const prior = priorRanges(input, status, positive);
  const start = { lo: Float64Array.from(prior.lo), hi: Float64Array.from(prior.hi) };
  const ranges = propagate(g, start.lo, start.hi);
  const chosen = new Set<number>();
  const k = g.shape.length;
  const termsOf = (id: number): number[] => {
    const p = Math.floor(id / k);
    const d = id % k;
    const n = g.shape[d]!;
    const s = g.strides[d]!;
    const out = [p];
    for (let v = 0, c = p - n * s; v < n; v++, c += s) out.push(c);
    return out;
  };
  const related: number[] = [];
  for (let e = 0; e < g.size; e++) {
    if (status[e] !== SMALL || !(ranges.lo[e] === ranges.hi[e] && ranges.lo[e]! >= 1)) continue;
    // First the equations that pinned it, then every equation it is in, then those of their unknowns.
    const culprits = [ranges.byLo[e]!, ranges.byHi[e]!].filter((id) => id >= 0);
    const around = [...equationsOf(g, e, related)];
    const tiers = [culprits, around, [...new Set([...culprits, ...around].flatMap(termsOf))].flatMap((x) => [...equationsOf(g, x, related)])];
    let pick: number | null = null;
    for (const tier of tiers) {
      pick = cheapest([...new Set(tier.flatMap(termsOf))].filter((x) => x !== e && suppressible(x) && !chosen.has(x)), cost);
      if (pick !== null) break;
    }
    if (pick === null) {
      if (chosen.size) continue; // the suppressions already chosen may free it: look again after them
      unsafe();
    }
    chosen.add(pick);
  }
  for (const x of chosen) suppress(x);
  return chosen.size > 0;
}
