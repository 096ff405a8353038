import '../../styles/case-list.css';
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../shared/schemas';
import { describeError } from '../../api/errors';
import { useNavStore } from '../../app/navStore';
import { Button } from '../../ui/Button';
import { OpenReferral } from '../referrals/OpenReferral';
import { Notice } from '../../ui/Notice';
import { CaseFiltersBar } from './CaseFiltersBar';
import { CaseGrid } from './CaseGrid';
import { hasFilters, toListQuery, useCaseListStore } from './caseListStore';
import { QuickSearch } from './QuickSearch';
import { useCasePages } from './useCasePages';

/** The case list: filters, the total, and a virtualized grid that loads pages as it scrolls. */
export function CasesPage({ session }: { session: SessionInfo }) {
  const { t, i18n } = useTranslation();
  const filters = useCaseListStore((s) => s.filters);
  const sort = useCaseListStore((s) => s.sort);
  const direction = useCaseListStore((s) => s.direction);
  const sortBy = useCaseListStore((s) => s.sortBy);
  const clearFilters = useCaseListStore((s) => s.clearFilters);
  const remember = useCaseListStore((s) => s.remember);
  const openCase = useNavStore((s) => s.openCase);
  const go = useNavStore((s) => s.go);

  const query = useMemo(() => toListQuery(filters, sort, direction, session.accountId), [filters, sort, direction, session.accountId]);
  const key = JSON.stringify(query);
  const pages = useCasePages(query);
  // The position saved when the person left this same list (e.g. to open a case).
  const position = useCaseListStore.getState().position;
  const start = position?.key === key ? position : null;

  // While a new query loads, the chips keep the counts they had.
  const lastCounts = useRef<Record<string, number> | null>(null);
  if (pages.total !== null) lastCounts.current = pages.countsByStatus;
  const countsKey = JSON.stringify(lastCounts.current);
  // The key stands for the counts (a new object with every page that arrives).
  const counts = useMemo(() => lastCounts.current, [countsKey]);
  const filtered = hasFilters(filters);
  const total = pages.total;
  const number = new Intl.NumberFormat(i18n.language === 'es' ? 'es-419' : 'en');

  return (
    <div className="page cases-page">
      <div className="page-header">
        <h1 id="cases-title" className="page-title" tabIndex={-1}>
          {t('cases.title')}
        </h1>
        <div className="page-header-actions">
          <QuickSearch />
          <OpenReferral />
          <Button variant="primary" onPress={() => go('intake')}>
            {t('cases.newCase')}
          </Button>
        </div>
      </div>
      <CaseFiltersBar countsByStatus={counts} />
      <div className="case-list-meta">
        <p className="case-total" role="status">
          {total === null ? t('cases.loading') : t(filtered ? 'cases.totalFiltered' : 'cases.total', { count: total, formatted: number.format(total) })}
        </p>
        <p id="case-grid-help" className="muted small case-grid-help">
          {t('cases.gridHelp')}
        </p>
      </div>
      {pages.error ? (
        <Notice tone="error">
          <p>{describeError(t, pages.error)}</p>
          <Button size="small" onPress={() => pages.retry()}>
            {t('cases.retry')}
          </Button>
        </Notice>
      ) : null}
      {total === 0 ? (
        <div className="empty-state case-list-empty">
          {filtered ? (
            <>
              <p className="empty-title">{t('cases.emptyFiltered')}</p>
              <Button variant="link" onPress={clearFilters}>
                {t('cases.filters.clear')}
              </Button>
            </>
          ) : (
            <>
              <p className="empty-title">{t('cases.empty')}</p>
              <p className="muted">{t('cases.emptyHelp')}</p>
            </>
          )}
        </div>
      ) : total !== null ? (
        <CaseGrid
          key={key}
          pages={pages}
          total={total}
          sort={sort}
          direction={direction}
          onSort={sortBy}
          onOpen={openCase}
          labelledBy="cases-title"
          initialScrollTop={start?.scrollTop ?? 0}
          initialActiveIndex={start?.activeIndex ?? 0}
          onLeave={(scrollTop, activeIndex) => remember({ key, scrollTop, activeIndex })}
        />
      ) : (
        <div className="case-grid case-grid-pending" aria-hidden="true" />
      )}
    </div>
  );
}
