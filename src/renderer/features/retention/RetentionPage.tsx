import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RetentionCase, RetentionList } from '../../../shared/retention';
import { describeError } from '../../api/errors';
import { call } from '../../api/client';
import { Button } from '../../ui/Button';
import { Notice } from '../../ui/Notice';
import { formatDate, useLang, vocabLabel } from '../case-view/vocab';
import { DeleteCaseDialog } from './DeleteCaseDialog';

/**
 * Supervisors: the cases of their teams closed longer ago than the retention period, each with
 * a delete action behind a confirmation. Only codes, dates and closure reasons are shown.
 */
export function RetentionPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [list, setList] = useState<RetentionList | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [target, setTarget] = useState<RetentionCase | null>(null);
  const [deleted, setDeleted] = useState<string | null>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setList(await call('retention.list', {}));
      setError(null);
    } catch (caught) {
      setError(describeError(t, caught));
    } finally {
      setLoading(false);
    }
  }, [t]);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="page retention-page">
      <h1 className="page-title" tabIndex={-1} ref={titleRef}>
        {t('retention.title')}
      </h1>
      <p className="muted">{list ? t('retention.intro', { count: list.retentionYears, date: formatDate(list.closedBefore, lang) }) : t('retention.introLoading')}</p>
      {error ? <Notice tone="error">{error}</Notice> : null}
      {list?.cleanupPending ? <Notice tone="warning">{t('retention.cleanupPending')}</Notice> : null}
      {deleted ? <Notice tone="success">{t('retention.deleted', { code: deleted })}</Notice> : null}
      {list && list.cases.length === 0 ? <p role="status">{t('retention.empty')}</p> : null}
      {list && list.cases.length > 0 ? (
        <>
          <p role="status">{list.total > list.cases.length ? t('retention.countPartial', { shown: list.cases.length, count: list.total }) : t('retention.count', { count: list.total })}</p>
          <div className="table-wrap">
            <table className="table retention-table" aria-busy={loading || undefined}>
              <caption className="visually-hidden">{t('retention.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('retention.columns.code')}</th>
                  <th scope="col">{t('retention.columns.status')}</th>
                  <th scope="col">{t('retention.columns.closedOn')}</th>
                  <th scope="col">{t('retention.columns.reason')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('retention.columns.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.cases.map((c) => (
                  <tr key={c.caseId}>
                    <th scope="row" className="mono nowrap">
                      {c.code}
                    </th>
                    <td>{vocabLabel('caseStatus', c.status, lang)}</td>
                    <td className="nowrap">{formatDate(c.closedOn, lang)}</td>
                    <td>{c.closureReason ? vocabLabel('closureReason', c.closureReason, lang) : <span className="muted">{t('retention.noReason')}</span>}</td>
                    <td className="nowrap">
                      <Button
                        variant="danger"
                        size="small"
                        aria-label={t('retention.deleteCaseLabel', { code: c.code })}
                        onPress={() => {
                          setDeleted(null);
                          setTarget(c);
                        }}
                      >
                        {t('retention.delete')}
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      <DeleteCaseDialog
        item={target}
        onClose={() => setTarget(null)}
        onDeleted={(code) => {
          setTarget(null);
          setDeleted(code);
          titleRef.current?.focus();
          void load();
        }}
      />
    </div>
  );
}
