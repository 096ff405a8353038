import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../../shared/case-file/case';
import type { RecordKind } from '../../../../shared/case-file/records';
import { formatDateTime } from '../../../i18n';
import { Button } from '../../../ui/Button';
import { Notice } from '../../../ui/Notice';
import { useCaseStore } from '../caseStore';
import { useLang } from '../vocab';
import { KINDS } from './kinds';
import { RecordDialog } from './RecordDialog';

type Open = { record: CaseRecord | null } | null;

/** Newest first by the record's own date, then by when it was recorded. */
export function sortRecords(records: CaseRecord[], kind: RecordKind): CaseRecord[] {
  const dateOf = KINDS[kind].dateOf;
  return [...records].sort((a, b) => {
    const da = dateOf(a.data) ?? a.createdAt.slice(0, 10);
    const db = dateOf(b.data) ?? b.createdAt.slice(0, 10);
    return db.localeCompare(da) || b.createdAt.localeCompare(a.createdAt);
  });
}

/**
 * One kind of repeating record (services, follow-ups, referrals, notes, risk assessments,
 * consent, clinical records): the list, most recent first, with Add and Edit.
 */
export function RecordsPanel({ kind, title, intro, banner, children }: { kind: RecordKind; title: string; intro?: ReactNode; banner?: ReactNode; children?: ReactNode }) {
  const { t } = useTranslation();
  const lang = useLang();
  const all = useCaseStore((s) => s.file!.records);
  const [open, setOpen] = useState<Open>(null);
  const [message, setMessage] = useState<string | null>(null);
  const config = KINDS[kind];
  const records = sortRecords(
    all.filter((r) => r.kind === kind),
    kind,
  );
  const headingId = `records-${kind}-title`;

  return (
    <section className="case-section" aria-labelledby={headingId}>
      <div className="case-section-header">
        <h2 id={headingId}>{title}</h2>
        <Button
          variant="primary"
          onPress={() => {
            setMessage(null);
            setOpen({ record: null });
          }}
        >
          {t(`caseView.records.${kind}.add`)}
        </Button>
      </div>
      {banner}
      {intro ? <p className="muted">{intro}</p> : null}
      {children}
      {message ? <Notice tone="success">{message}</Notice> : null}
      {records.length === 0 ? (
        <div className="empty-state">
          <p className="empty-title">{t(`caseView.records.${kind}.empty`)}</p>
          <p className="muted">{t(`caseView.records.${kind}.emptyHelp`)}</p>
        </div>
      ) : (
        <ul className="record-list" aria-label={t('caseView.records.listLabel', { title })}>
          {records.map((record) => {
            const s = config.summary(record, t, lang);
            return (
              <li key={record.id} className="record-card">
                <div className="record-head">
                  <h3 className="record-title">{s.title}</h3>
                  <div className="record-tags">
                    {s.tags.map((tag) => (
                      <span key={tag.label} className={`tag tag-${tag.tone}`}>
                        {tag.label}
                      </span>
                    ))}
                  </div>
                  <Button
                    variant="secondary"
                    size="small"
                    className="record-edit"
                    aria-label={t('caseView.records.editNamed', { name: s.title })}
                    onPress={() => {
                      setMessage(null);
                      setOpen({ record });
                    }}
                  >
                    {t('caseView.records.edit')}
                  </Button>
                </div>
                {s.details.length > 0 ? (
                  <dl className="record-details">
                    {s.details.map(([term, value], i) => (
                      <div key={`${term}-${i}`}>
                        <dt>{term}</dt>
                        <dd>{value}</dd>
                      </div>
                    ))}
                  </dl>
                ) : null}
                {s.text ? <p className="record-text">{s.text}</p> : null}
                <p className="record-meta muted small">
                  {t('caseView.records.addedBy', { who: record.createdBy, when: formatDateTime(record.createdAt, lang, 'short') })}
                  {record.stamp.version > 1 && record.stamp.updatedAt
                    ? ` · ${t('caseView.records.changedBy', { who: record.stamp.updatedBy ?? t('caseView.someone'), when: formatDateTime(record.stamp.updatedAt, lang, 'short') })}`
                    : ''}
                </p>
              </li>
            );
          })}
        </ul>
      )}
      {open ? (
        <RecordDialog
          kind={kind}
          record={open.record}
          title={t(open.record ? `caseView.records.${kind}.editTitle` : `caseView.records.${kind}.addTitle`)}
          defaults={config.defaults}
          Fields={config.Fields}
          onClose={(saved) => {
            setOpen(null);
            if (saved) setMessage(t(open.record ? 'caseView.records.updated' : 'caseView.records.added'));
          }}
        />
      ) : null}
    </section>
  );
}
