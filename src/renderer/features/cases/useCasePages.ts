import { useEffect, useMemo, useReducer } from 'react';
import type { CaseListQuery, CaseListRow } from '../../../shared/case-file/case';
import { call } from '../../api/client';

export const PAGE_SIZE = 100;
/** Pages kept in memory at most; the farthest from what is on screen go first. */
const MAX_PAGES = 30;
/** Requests in flight at most; what is on screen when one ends is asked for next. */
const MAX_IN_FLIGHT = 3;

type BaseQuery = Omit<CaseListQuery, 'offset' | 'limit'>;

/**
 * The rows of one query, fetched a page (`PAGE_SIZE` rows) at a time as the person scrolls:
 * only what is near the screen is asked for, and what is far away is forgotten, so that a list
 * of 100,000 cases costs no more than one of a thousand.
 */
export class CasePages {
  readonly pages = new Map<number, CaseListRow[]>();
  private readonly inFlight = new Set<number>();
  total: number | null = null;
  countsByStatus: Record<string, number> = {};
  error: unknown = null;
  private wanted: [number, number] = [0, 0];
  private disposed = false;

  constructor(
    private readonly query: BaseQuery,
    private readonly changed: () => void,
  ) {}

  row(index: number): CaseListRow | undefined {
    return this.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  }

  get loading(): boolean {
    return this.inFlight.size > 0;
  }

  /** Asks for the pages that hold rows `first`..`last` (nearest the middle first). */
  want(first: number, last: number): void {
    this.wanted = [Math.max(0, first), Math.max(0, last)];
    this.fill();
  }

  retry(): void {
    this.error = null;
    this.changed();
    this.fill();
  }

  /** While detached (the list is gone, or shows another query) answers are dropped. */
  attach(): void {
    this.disposed = false;
  }

  detach(): void {
    this.disposed = true;
  }

  private fill(): void {
    if (this.disposed || this.error) return;
    const [first, last] = this.wanted;
    const from = Math.floor(first / PAGE_SIZE);
    let to = Math.floor(last / PAGE_SIZE);
    if (this.total !== null) to = Math.min(to, Math.max(0, Math.ceil(this.total / PAGE_SIZE) - 1));
    for (let page = from; page <= to; page++) {
      if (this.inFlight.size >= MAX_IN_FLIGHT) break;
      if (!this.pages.has(page) && !this.inFlight.has(page)) void this.load(page);
    }
  }

  private async load(page: number): Promise<void> {
    this.inFlight.add(page);
    try {
      const result = await call('cases.list', { ...this.query, offset: page * PAGE_SIZE, limit: PAGE_SIZE });
      if (this.disposed) return;
      this.pages.set(page, result.rows);
      this.total = result.total;
      this.countsByStatus = result.countsByStatus;
      this.error = null;
      this.evict();
    } catch (error) {
      if (this.disposed) return;
      this.error = error;
    } finally {
      this.inFlight.delete(page);
      if (!this.disposed) {
        this.changed();
        this.fill();
      }
    }
  }

  private evict(): void {
    if (this.pages.size <= MAX_PAGES) return;
    const middle = Math.floor((this.wanted[0] + this.wanted[1]) / 2 / PAGE_SIZE);
    const byDistance = [...this.pages.keys()].sort((a, b) => Math.abs(b - middle) - Math.abs(a - middle));
    for (const page of byDistance.slice(0, this.pages.size - MAX_PAGES)) this.pages.delete(page);
  }
}

/** One `CasePages` per query: a new filter or sort order starts from an empty cache. */
export function useCasePages(query: BaseQuery): CasePages {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const key = JSON.stringify(query);
  // The key stands for the query (a new object at every render).
  const pages = useMemo(() => new CasePages(JSON.parse(key) as BaseQuery, rerender), [key]);
  useEffect(() => {
    pages.attach();
    pages.want(0, PAGE_SIZE - 1);
    return () => pages.detach();
  }, [pages]);
  return pages;
}
