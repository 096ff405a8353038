import '../../styles/case-list.css';
import '../../styles/audit.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { AuditEntryView } from '../../../shared/audit';
import type { SessionInfo } from '../../../shared/schemas';
import { describeError } from '../../api/errors';
import { currentLanguage, formatDateTime } from '../../i18n';
import { Button } from '../../ui/Button';
import { Notice } from '../../ui/Notice';
import { useStaffStore } from '../../stores/staffStore';
import { AuditFilters, actionLabelKey } from './AuditFilters';
import { ChainStatus } from './ChainStatus';
import { useAuditStore } from './auditStore';

type Names = ReadonlyMap<string, string>;

/** A detail value as a person reads it: roles, reasons and actions translated, accounts and teams named. */
function detailValue(t: TFunction, key: string, value: string | number | boolean | null, names: Names): string {
  if (value === null) return t('audit.none');
  if (typeof value === 'boolean') return t(value ? 'audit.yes' : 'audit.no');
  if (typeof value === 'number') return String(value);
  if (key === 'role') return t(`roles.${value}`, { defaultValue: value });
  if (key === 'reason') return t(`audit.lockReason.${value}`, { defaultValue: value });
  if (key === 'action') return t(actionLabelKey(value), { defaultValue: value });
  // Lists (the fields a change touched, the people added to a case) wrap between their items;
  // account and team ids are shown as names.
  return value
    .split(',')
    .map((item) => names.get(item) ?? item)
    .join(', ');
}

function Details({ detail, names }: { detail: AuditEntryView['detail']; names: Names }) {
  const { t } = useTranslation();
  const items = Object.entries(detail);
  if (items.length === 0) return <span className="muted">{t('audit.none')}</span>;
  return (
    <dl className="audit-detail">
      {items.map(([key, value]) => (
        <div key={key}>
          <dt>{t(`audit.detail.${key}`, { defaultValue: key })}</dt>
          <dd>{detailValue(t, key, value, names)}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * The audit trail for administrators and supervisors: who did what and when, filtered by person,
 * case code, action and days, newest first, with older pages on demand and an export to CSV that
 * the main process writes where the person chooses (and records as an entry of its own). Above
 * them, whether the whole trail's hash chain is intact, checked on opening and on demand.
 */
export function AuditPage({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const filters = useAuditStore((s) => s.filters);
  const entries = useAuditStore((s) => s.entries);
  const more = useAuditStore((s) => s.more);
  const loading = useAuditStore((s) => s.loading);
  const loadingOlder = useAuditStore((s) => s.loadingOlder);
  const error = useAuditStore((s) => s.error);
  const staff = useStaffStore((s) => s.directory);
  const teams = useStaffStore((s) => s.teams);
  const loadStaff = useStaffStore((s) => s.load);
  const apply = useAuditStore((s) => s.apply);
  const refresh = useAuditStore((s) => s.refresh);
  const loadOlder = useAuditStore((s) => s.loadOlder);
  const exportCsv = useAuditStore((s) => s.exportCsv);
  const verify = useAuditStore((s) => s.verify);
  const [exporting, setExporting] = useState(false);
  const [exportMessage, setExportMessage] = useState<{ tone: 'success' | 'info' | 'error'; text: string } | null>(null);
  /** After "load older", focus goes to the first row that was added. */
  const [focusRow, setFocusRow] = useState<number | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);

  useEffect(() => {
    void loadStaff(session.role);
    void refresh();
    void verify();
  }, [loadStaff, refresh, verify, session.role]);

  useEffect(() => {
    if (focusRow === null) return;
    tableRef.current?.querySelector<HTMLElement>(`tbody tr:nth-child(${focusRow + 1}) th`)?.focus();
    setFocusRow(null);
  }, [focusRow, entries]);

  const names: Names = useMemo(
    () => new Map([...(staff ?? []).map((m) => [m.id, m.displayName] as const), ...(teams ?? []).map((team) => [team.id, team.name] as const)]),
    [staff, teams],
  );

  const onExport = async () => {
    setExportMessage(null);
    setExporting(true);
    try {
      const count = await exportCsv();
      if (count === null) setExportMessage({ tone: 'info', text: t('audit.exportCancelled') });
      else {
        setExportMessage({ tone: 'success', text: t('audit.exported', { count }) });
        await refresh();
      }
    } catch (caught) {
      setExportMessage({ tone: 'error', text: describeError(t, caught) });
    } finally {
      setExporting(false);
    }
  };

  const person = (e: AuditEntryView) => e.actorName ?? (e.actorId ? t('audit.unknownPerson') : t('audit.notSignedIn'));

  return (
    <div className="page audit-page">
      <div className="page-header">
        <h1 className="page-title" tabIndex={-1}>
          {t('audit.title')}
        </h1>
        <Button variant="secondary" onPress={() => void onExport()} isPending={exporting}>
          {t('audit.export')}
        </Button>
      </div>
      <p className="muted">{t('audit.intro')}</p>
      <ChainStatus />
      <AuditFilters
        value={filters}
        staff={staff}
        onApply={(next) => {
          setExportMessage(null);
          void apply(next);
        }}
      />
      {exporting ? <Notice tone="info">{t('audit.exporting')}</Notice> : null}
      {exportMessage ? <Notice tone={exportMessage.tone}>{exportMessage.text}</Notice> : null}
      {error ? <Notice tone="error">{describeError(t, error)}</Notice> : null}
      <p className="audit-count" role="status">
        {loading ? t('audit.loading') : entries ? (entries.length === 0 ? t('audit.empty') : t(more ? 'audit.shownMore' : 'audit.shown', { count: entries.length })) : null}
      </p>
      {entries && entries.length > 0 ? (
        <div className="table-wrap">
          <table className="table audit-table" ref={tableRef} aria-busy={loading || undefined}>
            <caption className="visually-hidden">{t('audit.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.columns.at')}</th>
                <th scope="col">{t('audit.columns.person')}</th>
                <th scope="col">{t('audit.columns.action')}</th>
                <th scope="col">{t('audit.columns.target')}</th>
                <th scope="col">{t('audit.columns.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.seq}>
                  <th scope="row" className="nowrap" tabIndex={-1}>
                    <time dateTime={e.at}>{formatDateTime(e.at, language, 'short')}</time>
                  </th>
                  <td>{person(e)}</td>
                  <td>{t(actionLabelKey(e.action), { defaultValue: e.action })}</td>
                  <td className={e.targetLabel ? 'audit-target' : 'muted'}>{e.targetLabel ?? (e.action.startsWith('case.') ? t('audit.deletedCase') : t('audit.none'))}</td>
                  <td>
                    <Details detail={e.detail} names={names} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {more && entries ? (
        <div className="actions start">
          <Button
            variant="secondary"
            isPending={loadingOlder}
            onPress={() => {
              const before = entries.length;
              void loadOlder().then(() => setFocusRow(before));
            }}
          >
            {t('audit.loadOlder')}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
