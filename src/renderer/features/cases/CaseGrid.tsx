import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseListRow } from '../../../shared/case-file/case';
import type { CaseSort, SortDirection } from './caseListStore';
import type { CasePages } from './useCasePages';
import { formatIsoDate, formatMomentDate, localToday, RISK_TONE, STATUS_TONE, useVocab, useVocabLang } from './labels';

export const ROW_HEIGHT = 48;
/** Rows beyond the screen asked for ahead, each way, so that scrolling rarely shows a gap. */
const PREFETCH_ROWS = 40;
const FETCH_EVERY_MS = 120;

interface Column {
  id: keyof CaseListRow;
  sort?: CaseSort;
}

const COLUMNS: Column[] = [
  { id: 'code', sort: 'code' },
  { id: 'status', sort: 'status' },
  { id: 'openedOn', sort: 'openedOn' },
  { id: 'updatedAt', sort: 'updatedAt' },
  { id: 'riskLevel', sort: 'riskLevel' },
  { id: 'citizenship', sort: 'citizenship' },
  { id: 'gender', sort: 'gender' },
  { id: 'exploitationType' },
  { id: 'nextFollowUpOn' },
];

export interface CaseGridProps {
  pages: CasePages;
  total: number;
  sort: CaseSort;
  direction: SortDirection;
  onSort: (column: CaseSort) => void;
  onOpen: (caseId: string) => void;
  labelledBy: string;
  initialScrollTop: number;
  initialActiveIndex: number;
  onLeave: (scrollTop: number, activeIndex: number) => void;
}

function NotRecorded() {
  const { t } = useTranslation();
  return (
    <>
      <span className="cell-empty" aria-hidden="true">
        —
      </span>
      <span className="visually-hidden">{t('cases.notRecorded')}</span>
    </>
  );
}

function SortIcon({ state }: { state: 'asc' | 'desc' | null }) {
  return (
    <svg className={`sort-icon${state ? ' is-active' : ''}`} viewBox="0 0 12 16" width="10" height="14" focusable="false" aria-hidden="true">
      <path d="M6 2l4 5H2z" className={state === 'asc' ? 'on' : 'off'} />
      <path d="M6 14l4-5H2z" className={state === 'desc' ? 'on' : 'off'} />
    </svg>
  );
}

/**
 * The case list as an ARIA grid of which only the rows on screen exist (TanStack Virtual): the
 * scrollbar stands for every case, the pages under it are fetched as they come into view. One
 * row is in the tab order; the arrows, Page Up/Down and Home/End move between rows; Enter opens
 * the case. The focused row is always kept rendered, so scrolling never drops the focus.
 */
export function CaseGrid({ pages, total, sort, direction, onSort, onOpen, labelledBy, initialScrollTop, initialActiveIndex, onLeave }: CaseGridProps) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLDivElement>(null);
  const rowRefs = useRef(new Map<number, HTMLDivElement>());
  const [headHeight, setHeadHeight] = useState(44);
  const [active, setActive] = useState(() => Math.max(0, Math.min(initialActiveIndex, total - 1)));
  const activeRef = useRef(active);
  activeRef.current = active;
  const focusPending = useRef(false);
  const lastFetch = useRef(0);

  useLayoutEffect(() => {
    const head = headRef.current;
    if (!head) return;
    const measure = () => setHeadHeight(head.offsetHeight);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(head);
    return () => observer.disconnect();
  }, []);

  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (active < total && !indexes.includes(active)) {
        indexes.push(active);
        indexes.sort((a, b) => a - b);
      }
      return indexes;
    },
    [active, total],
  );

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    scrollMargin: headHeight,
    scrollPaddingStart: headHeight,
    rangeExtractor,
  });

  // Back where the person left the list (after opening a case): on mount, and saved on unmount.
  const leave = useRef(onLeave);
  leave.current = onLeave;
  const initialTop = useRef(initialScrollTop);
  useLayoutEffect(() => {
    const scroller = scrollRef.current;
    if (scroller && initialTop.current > 0) scroller.scrollTop = initialTop.current;
    return () => {
      initialTop.current = scroller?.scrollTop ?? 0;
      leave.current(initialTop.current, activeRef.current);
    };
  }, []);

  // Fetch what is on screen, at most every FETCH_EVERY_MS while scrolling, and once it stops.
  const startIndex = virtualizer.range?.startIndex ?? 0;
  const endIndex = virtualizer.range?.endIndex ?? 0;
  useEffect(() => {
    const run = () => {
      lastFetch.current = performance.now();
      pages.want(startIndex - PREFETCH_ROWS, endIndex + PREFETCH_ROWS);
    };
    const wait = FETCH_EVERY_MS - (performance.now() - lastFetch.current);
    if (wait <= 0) {
      run();
      return;
    }
    const timer = window.setTimeout(run, wait);
    return () => window.clearTimeout(timer);
  }, [pages, startIndex, endIndex]);

  // Keyboard moves: the new row is rendered (see rangeExtractor), then focused.
  useEffect(() => {
    if (!focusPending.current) return;
    const row = rowRefs.current.get(active);
    if (row) {
      row.focus({ preventScroll: true });
      focusPending.current = false;
    }
  });

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(total - 1, index));
    focusPending.current = true;
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onRowKeyDown = (event: KeyboardEvent<HTMLDivElement>, index: number, row: CaseListRow | undefined) => {
    const perPage = Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? 400) - headHeight) / ROW_HEIGHT) - 1);
    switch (event.key) {
      case 'ArrowDown':
        moveTo(index + 1);
        break;
      case 'ArrowUp':
        moveTo(index - 1);
        break;
      case 'PageDown':
        moveTo(index + perPage);
        break;
      case 'PageUp':
        moveTo(index - perPage);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(total - 1);
        break;
      case 'Enter':
        if (row) onOpen(row.id);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  // Stable handlers for the memoized rows (a row re-renders only when its own data changes).
  const latest = useRef({ onOpen, onRowKeyDown });
  latest.current = { onOpen, onRowKeyDown };
  const [handlers] = useState<RowHandlers>(() => ({
    focus: (index) => {
      if (activeRef.current !== index) setActive(index);
    },
    open: (row) => {
      if (row) latest.current.onOpen(row.id);
    },
    keyDown: (event, index, row) => latest.current.onRowKeyDown(event, index, row),
  }));
  const rowRef = useCallback((index: number, el: HTMLDivElement | null) => {
    if (el) rowRefs.current.set(index, el);
    else rowRefs.current.delete(index);
  }, []);

  const items = virtualizer.getVirtualItems();

  return (
    <div
      ref={scrollRef}
      className="case-grid"
      role="grid"
      aria-labelledby={labelledBy}
      aria-describedby="case-grid-help"
      aria-rowcount={total + 1}
      aria-colcount={COLUMNS.length}
      aria-readonly="true"
    >
      <div ref={headRef} className="case-grid-head" role="rowgroup">
        <div className="case-row case-row-head" role="row" aria-rowindex={1}>
          {COLUMNS.map((column, i) => {
            const sorted = column.sort === sort;
            return (
              <div
                key={column.id}
                role="columnheader"
                aria-colindex={i + 1}
                aria-sort={sorted ? (direction === 'asc' ? 'ascending' : 'descending') : undefined}
                className={`case-cell case-head-cell col-${column.id}`}
              >
                {column.sort ? (
                  <button type="button" className="sort-button" onClick={() => onSort(column.sort!)}>
                    <span>{t(`cases.columns.${column.id}`)}</span>
                    <SortIcon state={sorted ? direction : null} />
                  </button>
                ) : (
                  <span className="head-label">{t(`cases.columns.${column.id}`)}</span>
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div className="case-grid-body" role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => (
          <GridRow
            key={item.index}
            index={item.index}
            row={pages.row(item.index)}
            top={item.start - headHeight}
            isActive={item.index === active}
            rowRef={rowRef}
            handlers={handlers}
          />
        ))}
      </div>
    </div>
  );
}

interface RowHandlers {
  focus: (index: number) => void;
  open: (row: CaseListRow | undefined) => void;
  keyDown: (event: KeyboardEvent<HTMLDivElement>, index: number, row: CaseListRow | undefined) => void;
}

interface GridRowProps {
  index: number;
  row: CaseListRow | undefined;
  top: number;
  isActive: boolean;
  rowRef: (index: number, el: HTMLDivElement | null) => void;
  handlers: RowHandlers;
}

/** One row of the grid; memoized, so that scrolling renders only the rows that come into view. */
const GridRow = memo(function GridRow({ index, row, top, isActive, rowRef, handlers }: GridRowProps) {
  const { t } = useTranslation();
  const label = useVocab();
  const lang = useVocabLang();
  const today = localToday();

  const cell = (column: Column, r: CaseListRow): ReactNode => {
    switch (column.id) {
      case 'code':
        return <span className="case-code">{r.code}</span>;
      case 'status':
        return <span className={`tag ${STATUS_TONE[r.status] ?? 'tag-muted'}`}>{label('caseStatus', r.status)}</span>;
      case 'openedOn':
        return formatIsoDate(r.openedOn, lang);
      case 'updatedAt':
        return formatMomentDate(r.updatedAt, lang);
      case 'riskLevel':
        return r.riskLevel ? <span className={`tag ${RISK_TONE[r.riskLevel]}`}>{label('riskLevel', r.riskLevel)}</span> : <NotRecorded />;
      case 'citizenship':
        return r.citizenship ? label('country', r.citizenship) : <NotRecorded />;
      case 'gender':
        return r.gender ? label('gender', r.gender) : <NotRecorded />;
      case 'exploitationType':
        return r.exploitationType ? label('exploitationType', r.exploitationType) : <NotRecorded />;
      case 'nextFollowUpOn':
        if (!r.nextFollowUpOn) return <NotRecorded />;
        return r.nextFollowUpOn <= today ? (
          <span className="due-date">
            {formatIsoDate(r.nextFollowUpOn, lang)}
            <span className="visually-hidden"> ({r.nextFollowUpOn < today ? t('cases.overdue') : t('cases.dueToday')})</span>
          </span>
        ) : (
          formatIsoDate(r.nextFollowUpOn, lang)
        );
      default:
        return null;
    }
  };

  return (
    <div
      ref={(el) => rowRef(index, el)}
      role="row"
      aria-rowindex={index + 2}
      aria-busy={row ? undefined : true}
      tabIndex={isActive ? 0 : -1}
      data-index={index}
      className={row ? 'case-row' : 'case-row is-loading'}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
      onFocus={() => handlers.focus(index)}
      onClick={() => handlers.open(row)}
      onKeyDown={(event) => handlers.keyDown(event, index, row)}
    >
      {COLUMNS.map((column, i) => (
        <div key={column.id} role="gridcell" aria-colindex={i + 1} className={`case-cell col-${column.id}`}>
          {row ? (
            <span className="cell-text">{cell(column, row)}</span>
          ) : (
            <>
              <span className="skeleton" aria-hidden="true" />
              {i === 0 ? <span className="visually-hidden">{t('cases.loadingRow')}</span> : null}
            </>
          )}
        </div>
      ))}
    </div>
  );
});
