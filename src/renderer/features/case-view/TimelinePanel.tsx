import { useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import { Label, RadioButton, RadioField, RadioGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../shared/case-file/case';
import type { RecordKind } from '../../../shared/case-file/records';
import type { VocabularyId, VocabularyLang } from '../../../shared/vocabularies';
import { formatDateTime } from '../../i18n';
import { staffName, useStaffStore } from '../../stores/staffStore';
import { Button } from '../../ui/Button';
import { Notice } from '../../ui/Notice';
import { Select } from '../../ui/Select';
import { useCaseStore, type HistoryEntry } from './caseStore';
import { useCaseError } from './errors';
import { KINDS } from './records/kinds';
import { formatDate, useLang, vocabLabel } from './vocab';

/** Which code list the values of a field come from, for showing them as words. */
const FIELD_VOCAB: Record<string, Record<string, VocabularyId>> = {
  case: { status: 'caseStatus' },
  profile: {
    gender: 'gender',
    citizenship: 'country',
    languages: 'language',
    education: 'education',
    maritalStatus: 'maritalStatus',
    traffickingStatus: 'traffickingStatus',
    statusDeterminedBy: 'determinedBy',
    referralSource: 'referralSource',
  },
  experience: {
    recruitmentMethods: 'recruitmentMethod',
    recruiterRelationship: 'recruiterRelationship',
    methodsOfControl: 'methodOfControl',
    exploitationTypes: 'exploitationType',
    forcedLabourIndustries: 'forcedLabourIndustry',
    sexualExploitationTypes: 'sexualExploitationType',
    countriesOfRecruitment: 'country',
    countriesOfTransit: 'country',
    countriesOfExploitation: 'country',
    perpetratorRoles: 'perpetratorRole',
  },
  return: { destinationCountry: 'country' },
  reintegration: { dimensions: 'reintegrationDimension', activities: 'serviceType' },
  legal: { residenceStatus: 'residenceStatus', proceedingsRole: 'legalRole' },
  closure: { reason: 'closureReason' },
  consent: { purpose: 'consentPurpose', method: 'consentMethod' },
  risk: { level: 'riskLevel' },
  service: { track: 'assistanceTrack', serviceType: 'serviceType', status: 'serviceStatus' },
  referral: { servicesRequested: 'serviceType', status: 'referralStatus' },
  followUp: { type: 'followUpType' },
  clinical: { type: 'clinicalRecordType' },
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function partLabel(t: TFunction, part: string): string {
  return t(`caseView.parts.${part}`, { defaultValue: part });
}

export function fieldLabel(t: TFunction, part: string, field: string): string {
  return t(`caseView.f.${part}.${field}`, { defaultValue: field });
}

/** Account ids as names (null when one is not known). */
type NameOf = (id: string) => string | null;

function listOf(lang: VocabularyLang, names: string[]): string {
  return new Intl.ListFormat(lang === 'es' ? 'es-419' : 'en', { type: 'conjunction' }).format(names);
}

function accountIds(json: string | null): string[] {
  if (json === null) return [];
  try {
    const value: unknown = JSON.parse(json);
    if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
    return typeof value === 'string' ? [value] : [];
  } catch {
    return [];
  }
}

/** A value from the field history (canonical JSON), in words; accounts by name when `nameOf` knows them. */
export function formatValue(t: TFunction, lang: VocabularyLang, part: string, field: string, json: string | null, nameOf?: NameOf): string {
  if (json === null) return '—';
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return json;
  }
  const vocab = FIELD_VOCAB[part]?.[field];
  const one = (v: unknown): string => {
    if (v === null || v === undefined || v === '') return '—';
    if (typeof v === 'boolean') return v ? t('caseView.yes') : t('caseView.no');
    if (typeof v === 'number') return new Intl.NumberFormat(lang === 'es' ? 'es-419' : 'en').format(v);
    if (typeof v === 'string') {
      if (vocab) return vocabLabel(vocab, v, lang);
      if (ISO_DATE.test(v)) return formatDate(v, lang);
      return v;
    }
    if (Array.isArray(v)) return v.length ? v.map(one).join(', ') : '—';
    if (typeof v === 'object') {
      return Object.values(v as Record<string, unknown>)
        .filter((x) => x !== null && x !== '' && !(Array.isArray(x) && x.length === 0))
        .map(one)
        .join(' · ');
    }
    return String(v);
  };
  if (part === 'case' && (field === 'assignedIds' || field === 'supervisorId')) {
    const ids = accountIds(json);
    const names = nameOf ? ids.map(nameOf) : [];
    if (ids.length > 0 && names.length === ids.length && names.every((n): n is string => n !== null)) return listOf(lang, names);
    if (ids.length === 0) return '—';
    return t('caseView.history.accounts', { count: ids.length });
  }
  if (part === 'referral' && field === 'consentId') return value ? t('caseView.history.consentRecord') : '—';
  return one(value);
}

function recordName(t: TFunction, lang: VocabularyLang, records: CaseRecord[], recordId: string | null): string | null {
  if (!recordId) return null;
  const record = records.find((r) => r.id === recordId);
  if (!record) return null;
  return KINDS[record.kind as RecordKind].summary(record, t, lang).title;
}

type View = 'timeline' | 'history';

/** The names of colleagues, from the staff directory. */
function useNameOf(): NameOf {
  const directory = useStaffStore((s) => s.directory);
  return (id) => staffName(directory, id);
}

/**
 * A reassignment in the timeline: who works on the case now, who was taken off, and why (the
 * values are in the field history of the same moment).
 */
function Reassignment({ at, history }: { at: string; history: HistoryEntry[] | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  const nameOf = useNameOf();
  const change = (field: string) => history?.find((h) => h.at === at && h.part === 'case' && h.recordId === null && h.field === field);
  const assigned = change('assignedIds');
  const reason = change('reassignmentReason');
  const before = accountIds(assigned?.oldValue ?? null);
  const after = accountIds(assigned?.newValue ?? null);
  const names = (ids: string[]) => listOf(lang, ids.map((id) => nameOf(id) ?? t('caseView.timeline.formerColleague')));
  const removed = before.filter((id) => !after.includes(id));
  let why: string | null = null;
  try {
    why = reason?.newValue ? (JSON.parse(reason.newValue) as string) : null;
  } catch {
    why = null;
  }
  return (
    <>
      <p className="timeline-what">
        <strong>{t('caseView.timeline.reassigned')}</strong>
      </p>
      {after.length > 0 ? <p className="timeline-fields">{t('caseView.timeline.nowAssigned', { names: names(after) })}</p> : null}
      {removed.length > 0 ? <p className="timeline-fields">{t('caseView.timeline.takenOff', { names: names(removed) })}</p> : null}
      {why ? <p className="timeline-fields timeline-reason">{t('caseView.timeline.reason', { reason: why })}</p> : null}
    </>
  );
}

export function TimelinePanel() {
  const { t } = useTranslation();
  const lang = useLang();
  const caseError = useCaseError();
  const loadActivity = useCaseStore((s) => s.loadActivity);
  const timeline = useCaseStore((s) => s.timeline);
  const history = useCaseStore((s) => s.history);
  const error = useCaseStore((s) => s.activityError);
  const records = useCaseStore((s) => s.file!.records);
  const [view, setView] = useState<View>('timeline');

  useEffect(() => {
    void loadActivity();
  }, [loadActivity]);

  return (
    <section className="case-section" aria-labelledby="timeline-title" aria-busy={timeline === null || undefined}>
      <div className="case-section-header">
        <h2 id="timeline-title">{t('caseView.tabs.timeline')}</h2>
      </div>
      <p className="muted">{t('caseView.timeline.intro')}</p>
      <RadioGroup className="segmented-group view-switch" orientation="horizontal" value={view} onChange={(v) => setView(v as View)}>
        <Label className="segmented-label">{t('caseView.timeline.view')}</Label>
        <div className="segmented">
          <RadioField value="timeline" className="segmented-option">
            <RadioButton className="segmented-button">{t('caseView.timeline.timeline')}</RadioButton>
          </RadioField>
          <RadioField value="history" className="segmented-option">
            <RadioButton className="segmented-button">{t('caseView.timeline.history')}</RadioButton>
          </RadioField>
        </div>
      </RadioGroup>
      {error ? <Notice tone="error">{caseError(error)}</Notice> : null}
      {view === 'timeline' && timeline ? (
        timeline.length === 0 ? (
          <p className="empty-inline">{t('caseView.timeline.empty')}</p>
        ) : (
          <ol className="timeline" aria-label={t('caseView.timeline.timeline')}>
            {timeline.map((entry, i) => {
              const name = recordName(t, lang, records, entry.recordId);
              // A record's first save is its creation: "added" says more than the list of its fields.
              const added = entry.recordId !== null && records.some((r) => r.id === entry.recordId && r.createdAt === entry.at);
              const fields = [...new Set(entry.fields.map((f) => fieldLabel(t, entry.part, f)))];
              if (entry.part === 'case' && entry.recordId === null && entry.fields.includes('reassignmentReason')) {
                return (
                  <li key={`${entry.at}-${entry.part}-${i}`} className="timeline-entry timeline-reassignment">
                    <p className="timeline-when">
                      <time dateTime={entry.at}>{formatDateTime(entry.at, lang, 'short')}</time>
                      <span className="muted"> · {entry.actor ?? t('caseView.someone')}</span>
                    </p>
                    <Reassignment at={entry.at} history={history} />
                  </li>
                );
              }
              return (
                <li key={`${entry.at}-${entry.part}-${entry.recordId ?? ''}-${i}`} className="timeline-entry">
                  <p className="timeline-when">
                    <time dateTime={entry.at}>{formatDateTime(entry.at, lang, 'short')}</time>
                    <span className="muted"> · {entry.actor ?? t('caseView.someone')}</span>
                  </p>
                  <p className="timeline-what">
                    <strong>{partLabel(t, entry.part)}</strong>
                    {name ? <span> — {name}</span> : null}
                  </p>
                  <p className="timeline-fields muted small">{added ? t('caseView.timeline.added') : t('caseView.timeline.fields', { fields: fields.join(', ') })}</p>
                </li>
              );
            })}
          </ol>
        )
      ) : null}
      {view === 'history' && history ? <HistoryTable history={history} records={records} /> : null}
    </section>
  );
}

const PAGE = 100;
const ALL = '__all';

function HistoryTable({ history, records }: { history: HistoryEntry[]; records: CaseRecord[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const nameOf = useNameOf();
  const [part, setPart] = useState<string>(ALL);
  const [shown, setShown] = useState(PAGE);
  // A change from nothing to an empty value (a new part's defaults) says nothing to a person.
  const rows = history
    .filter((h) => part === ALL || h.part === part)
    .map((h) => ({ h, before: formatValue(t, lang, h.part, h.field, h.oldValue, nameOf), after: formatValue(t, lang, h.part, h.field, h.newValue, nameOf) }))
    .filter(({ h, before, after }) => h.part === 'identity' || before !== after);
  const parts = [...new Set(history.map((h) => h.part))];
  const options = [{ id: ALL, label: t('caseView.timeline.allParts') }, ...parts.map((p) => ({ id: p, label: partLabel(t, p) }))];
  if (history.length === 0) return <p className="empty-inline">{t('caseView.timeline.empty')}</p>;
  return (
    <>
      <div className="history-filter">
        <Select<string>
          label={t('caseView.timeline.part')}
          options={options}
          value={part}
          onChange={(next) => {
            setPart(next);
            setShown(PAGE);
          }}
        />
      </div>
      <div className="table-wrap">
        <table className="table history-table">
          <caption className="visually-hidden">{t('caseView.timeline.historyCaption')}</caption>
          <colgroup>
            <col className="history-col-when" />
            <col className="history-col-field" />
            <col className="history-col-value" />
            <col className="history-col-value" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">{t('caseView.timeline.when')}</th>
              <th scope="col">{t('caseView.timeline.field')}</th>
              <th scope="col">{t('caseView.timeline.before')}</th>
              <th scope="col">{t('caseView.timeline.after')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, shown).map(({ h, before, after }, i) => {
              const name = recordName(t, lang, records, h.recordId);
              return (
                <tr key={`${h.at}-${h.part}-${h.recordId ?? ''}-${h.field}-${i}`}>
                  <td>
                    <time className="history-when" dateTime={h.at}>
                      {formatDateTime(h.at, lang, 'short')}
                    </time>
                    <span className="history-who muted">{h.actor ?? t('caseView.someone')}</span>
                  </td>
                  <th scope="row">
                    <span className="history-part">
                      {partLabel(t, h.part)}
                      {name ? ` — ${name}` : ''}
                    </span>
                    <span className="history-field">{fieldLabel(t, h.part, h.field)}</span>
                  </th>
                  {h.part === 'identity' ? (
                    <td colSpan={2} className="muted">
                      {t('caseView.timeline.sealed')}
                    </td>
                  ) : (
                    <>
                      <td className="history-value">{before}</td>
                      <td className="history-value">{after}</td>
                    </>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {rows.length > shown ? (
        <div className="actions start">
          <Button variant="secondary" onPress={() => setShown((n) => n + PAGE)}>
            {t('caseView.timeline.more', { count: Math.min(PAGE, rows.length - shown) })}
          </Button>
          <span className="muted small">{t('caseView.timeline.showing', { shown, total: rows.length })}</span>
        </div>
      ) : null}
    </>
  );
}
