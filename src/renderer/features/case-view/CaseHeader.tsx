import '../../styles/staff.css';
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { CaseHeader as Header } from '../../../shared/case-file/case';
import { shortText } from '../../../shared/case-file/common';
import { VOCABULARIES } from '../../../shared/vocabularies';
import { isApiError } from '../../api/client';
import { useAppStore } from '../../app/appStore';
import { formatDateTime } from '../../i18n';
import { staffName, useStaffStore } from '../../stores/staffStore';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Notice } from '../../ui/Notice';
import { updateHeader } from './actions';
import { useCaseStore } from './caseStore';
import { isStale, StaleNotice, useCaseError } from './errors';
import { FieldRow, SelectF, TextF } from './fields';
import { ReassignDialog } from './ReassignDialog';
import { CaseReportActions } from '../reports/CaseReportActions';
import { isSaveShortcut } from './SectionForm';
import { formatDate, useLang, useVocab, vocabLabel } from './vocab';

const headerForm = z.object({ status: VOCABULARIES.caseStatus.schema, office: shortText });
type HeaderValues = z.infer<typeof headerForm>;

export const STATUS_TONE: Record<string, string> = { open: 'tag-ok', 'follow-up': 'tag-neutral', closed: 'tag-muted', 'closed-referred': 'tag-muted' };

/** The case's code, status, office and who works on it; status and office change here. */
export function CaseHeader({ header, onBack }: { header: Header; onBack: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const session = useAppStore((s) => s.status?.session);
  const directory = useStaffStore((s) => s.directory);
  const loadStaff = useStaffStore((s) => s.load);
  const [editing, setEditing] = useState(false);
  const [reassigning, setReassigning] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [exported, setExported] = useState<{ tone: 'success' | 'info'; text: string } | null>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  // The page's title took focus while the case was loading; give it to the case's own title.
  useEffect(() => {
    if (!document.activeElement || document.activeElement === document.body) titleRef.current?.focus();
  }, []);
  // Names of colleagues, read again for each case (accounts and teams change).
  const role = session?.role;
  useEffect(() => {
    if (role) void loadStaff(role);
  }, [header.id, role, loadStaff]);
  const list = (names: string[]) => new Intl.ListFormat(lang === 'es' ? 'es-419' : 'en', { type: 'conjunction' }).format(names);
  const nameOf = (id: string) => (session && id === session.accountId ? t('caseView.header.youNamed', { name: session.displayName }) : staffName(directory, id));
  const names = header.assignedIds.map(nameOf);
  const mine = session ? header.assignedIds.includes(session.accountId) : false;
  const others = header.assignedIds.length - (mine ? 1 : 0);
  // Until the names are known (or if one is missing), "you and 2 colleagues".
  const assigned = names.every((n): n is string => n !== null)
    ? list(names)
    : [mine ? t('caseView.header.you') : null, others > 0 ? t('caseView.header.colleagues', { count: others }) : null].filter(Boolean).join(t('caseView.header.and'));
  const supervisor = header.supervisorId ? (nameOf(header.supervisorId) ?? t('caseView.header.aSupervisor')) : null;
  // Only the supervisor who leads the case's team reassigns it (the core checks it again).
  const canReassign = session?.role === 'supervisor' && header.supervisorId === session.accountId;

  return (
    <div className="case-header panel">
      <div className="case-header-top">
        <Button variant="link" onPress={onBack} className="case-back">
          <span aria-hidden="true">← </span>
          {t('caseView.back')}
        </Button>
      </div>
      <div className="case-title-row">
        <h1 className="page-title case-title" tabIndex={-1} ref={titleRef}>
          {t('caseView.title', { code: header.code })}
        </h1>
        <span className={`tag case-status ${STATUS_TONE[header.status] ?? 'tag-muted'}`}>{vocabLabel('caseStatus', header.status, lang)}</span>
        <div className="case-header-actions">
          <CaseReportActions onOutcome={setExported} />
          {canReassign ? (
            <Button
              variant="secondary"
              onPress={() => {
                setMessage(null);
                setReassigning(true);
              }}
            >
              {t('caseView.reassign.open')}
            </Button>
          ) : null}
          <Button
            variant="secondary"
            onPress={() => {
              setMessage(null);
              setEditing(true);
            }}
          >
            {t('caseView.header.edit')}
          </Button>
        </div>
      </div>
      <dl className="case-meta">
        <div>
          <dt>{t('caseView.header.status')}</dt>
          <dd>{vocabLabel('caseStatus', header.status, lang)}</dd>
        </div>
        <div>
          <dt>{t('caseView.header.office')}</dt>
          <dd>{header.office || <span className="muted">{t('caseView.none')}</span>}</dd>
        </div>
        <div>
          <dt>{t('caseView.header.openedOn')}</dt>
          <dd>{formatDate(header.openedOn, lang)}</dd>
        </div>
        {header.closedOn ? (
          <div>
            <dt>{t('caseView.header.closedOn')}</dt>
            <dd>{formatDate(header.closedOn, lang)}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('caseView.header.assigned')}</dt>
          <dd data-testid="case-assigned">{assigned || <span className="muted">{t('caseView.header.nobody')}</span>}</dd>
        </div>
        <div>
          <dt>{t('caseView.header.supervisor')}</dt>
          <dd data-testid="case-supervisor">{supervisor ?? <span className="muted">{t('caseView.header.noSupervisor')}</span>}</dd>
        </div>
        {header.stamp.updatedAt ? (
          <div>
            <dt>{t('caseView.header.lastChange')}</dt>
            <dd>{t('caseView.header.changedBy', { who: header.stamp.updatedBy ?? t('caseView.someone'), when: formatDateTime(header.stamp.updatedAt, lang, 'short') })}</dd>
          </div>
        ) : null}
      </dl>
      {message ? <Notice tone="success">{message}</Notice> : null}
      {exported ? <Notice tone={exported.tone}>{exported.text}</Notice> : null}
      {canReassign && session ? (
        <ReassignDialog
          header={header}
          supervisorId={session.accountId}
          isOpen={reassigning}
          onClose={(to) => {
            setReassigning(false);
            if (to) setMessage(t('caseView.reassign.done', { names: list(to.map((id) => nameOf(id) ?? t('caseView.someone'))) }));
          }}
        />
      ) : null}
      <Dialog isOpen={editing} onOpenChange={(open) => !open && setEditing(false)} title={t('caseView.header.dialogTitle', { code: header.code })}>
        <HeaderForm
          header={header}
          onClose={(saved) => {
            setEditing(false);
            if (saved) setMessage(t('caseView.header.saved'));
          }}
        />
      </Dialog>
    </div>
  );
}

function HeaderForm({ header, onClose }: { header: Header; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const caseError = useCaseError();
  const statuses = useVocab('caseStatus');
  const reload = useCaseStore((s) => s.reload);
  const selectTab = useCaseStore((s) => s.selectTab);
  const closureReason = useCaseStore((s) => s.file?.sections.closure.data.reason ?? null);
  const [error, setError] = useState<unknown>(null);
  const form = useForm<HeaderValues>({ resolver: zodResolver(headerForm), defaultValues: { status: header.status, office: header.office } });
  const { isSubmitting } = form.formState;
  const status = form.watch('status');
  const closing = (status === 'closed' || status === 'closed-referred') && status !== header.status;

  // After a reload (refused stale save), start again from the current header.
  useEffect(() => {
    form.reset({ status: header.status, office: header.office });
  }, [header, form]);

  const submit = form.handleSubmit(async (values) => {
    setError(null);
    const change: { status?: HeaderValues['status']; office?: string } = {};
    if (values.status !== header.status) change.status = values.status;
    if (values.office !== header.office) change.office = values.office;
    if (Object.keys(change).length === 0) {
      onClose(false);
      return;
    }
    try {
      await updateHeader(header.stamp.version, change);
      onClose(true);
    } catch (caught) {
      setError(caught);
    }
  });

  const closureMissing = isApiError(error) && error.code === 'CLOSURE_REASON_REQUIRED';

  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      onKeyDown={(event) => {
        if (isSaveShortcut(event)) {
          event.preventDefault();
          void submit();
        }
      }}
    >
      <FieldRow>
        <SelectF control={form.control} name="status" label={t('caseView.header.status')} options={statuses} nullable={false} />
        <TextF control={form.control} name="office" label={t('caseView.header.office')} />
      </FieldRow>
      {closing && !closureReason && !error ? <p className="field-help">{t('caseView.header.closingHint')}</p> : null}
      {error && isStale(error) ? (
        <StaleNotice
          error={error}
          reloadLabel={t('caseView.stale.reloadHeader')}
          onReload={async () => {
            await reload();
            setError(null);
          }}
        />
      ) : null}
      {closureMissing ? (
        <Notice tone="error" title={t('caseView.header.closureTitle')}>
          <p>{caseError(error)}</p>
          <div className="actions start">
            <Button
              variant="secondary"
              size="small"
              onPress={() => {
                onClose(false);
                selectTab('closure');
              }}
            >
              {t('caseView.header.goToClosure')}
            </Button>
          </div>
        </Notice>
      ) : null}
      {error && !isStale(error) && !closureMissing ? <Notice tone="error">{caseError(error)}</Notice> : null}
      <div className="actions">
        <Button variant="secondary" onPress={() => onClose(false)} isDisabled={isSubmitting}>
          {t('common.cancel')}
        </Button>
        <Button variant="primary" type="submit" isPending={isSubmitting}>
          {t('caseView.header.save')}
        </Button>
      </div>
    </form>
  );
}
