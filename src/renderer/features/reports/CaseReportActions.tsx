import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { REPORT_SECTIONS, type ReportSection } from '../../../shared/reports';
import { call } from '../../api/client';
import { describeError } from '../../api/errors';
import { useAppStore } from '../../app/appStore';
import { Button } from '../../ui/Button';
import { Checkbox } from '../../ui/Checkbox';
import { CheckboxGroupField } from '../../ui/CheckboxGroupField';
import { Dialog } from '../../ui/Dialog';
import { Notice } from '../../ui/Notice';
import { RadioChoice } from '../../ui/RadioChoice';
import { useCaseStore } from '../case-view/caseStore';
import { useLang } from '../case-view/vocab';

type Outcome = { tone: 'success' | 'info'; text: string } | null;
type Lang = 'en' | 'es';

/** Every section but the sensitive clinical records, which are added only when chosen. */
const DEFAULT_SECTIONS = REPORT_SECTIONS.filter((s) => s !== 'clinical');

const reportForm = z.object({
  sections: z.array(z.enum(REPORT_SECTIONS)).min(1, 'reports.caseReport.pickOne'),
  includeIdentity: z.boolean(),
  language: z.enum(['en', 'es']),
});
type ReportValues = z.infer<typeof reportForm>;

const accessForm = z.object({ format: z.enum(['json', 'pdf']), language: z.enum(['en', 'es']) });
type AccessValues = z.infer<typeof accessForm>;

/**
 * The case view's "Report" action (caseworkers and supervisors on the case) and, for
 * supervisors, "Subject access export". Both write through the main process's save dialog; the
 * renderer never sees a path.
 */
export function CaseReportActions({ onOutcome }: { onOutcome: (outcome: Outcome) => void }) {
  const { t } = useTranslation();
  const role = useAppStore((s) => s.status?.session?.role);
  const [open, setOpen] = useState<'report' | 'access' | null>(null);
  if (role !== 'caseworker' && role !== 'supervisor') return null;
  const close = (outcome: Outcome) => {
    setOpen(null);
    if (outcome) onOutcome(outcome);
  };
  return (
    <>
      <Button
        variant="secondary"
        onPress={() => {
          onOutcome(null);
          setOpen('report');
        }}
      >
        {t('reports.caseReport.open')}
      </Button>
      {role === 'supervisor' ? (
        <Button
          variant="secondary"
          onPress={() => {
            onOutcome(null);
            setOpen('access');
          }}
        >
          {t('reports.subjectAccess.open')}
        </Button>
      ) : null}
      <ReportDialog isOpen={open === 'report'} onClose={close} />
      {role === 'supervisor' ? <SubjectAccessDialog isOpen={open === 'access'} onClose={close} /> : null}
    </>
  );
}

function ReportDialog({ isOpen, onClose }: { isOpen: boolean; onClose: (outcome: Outcome) => void }) {
  const { t } = useTranslation();
  const code = useCaseStore((s) => s.file?.header.code ?? '');
  return (
    <Dialog isOpen={isOpen} onOpenChange={(o) => !o && onClose(null)} title={t('reports.caseReport.title', { code })}>
      <ReportForm onClose={onClose} />
    </Dialog>
  );
}

function LanguageChoice({ value, onChange }: { value: Lang; onChange: (value: Lang) => void }) {
  const { t } = useTranslation();
  return (
    <RadioChoice<Lang>
      label={t('reports.language')}
      options={[
        { id: 'en', label: 'English' },
        { id: 'es', label: 'Español' },
      ]}
      value={value}
      onChange={onChange}
    />
  );
}

function ReportForm({ onClose }: { onClose: (outcome: Outcome) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const file = useCaseStore((s) => s.file!);
  const identityOpen = file.identity.data !== null;
  const [error, setError] = useState<string | null>(null);
  const form = useForm<ReportValues>({
    resolver: zodResolver(reportForm),
    defaultValues: { sections: [...DEFAULT_SECTIONS], includeIdentity: false, language: lang },
  });

  const submit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      const written = await call('reports.caseReport', {
        caseId: file.header.id,
        sections: values.sections,
        includeIdentity: identityOpen && values.includeIdentity,
        language: values.language,
      });
      if (!written) {
        onClose({ tone: 'info', text: t('reports.caseReport.cancelled') });
        return;
      }
      const done = t('reports.caseReport.done', { count: written.pages });
      onClose({ tone: 'success', text: written.identityIncluded ? done : `${done} ${t('reports.caseReport.doneRedacted')}` });
    } catch (caught) {
      setError(describeError(t, caught));
    }
  });

  const options = REPORT_SECTIONS.map((s) => ({ id: s, label: t(`reports.sections.${s}`) }));

  return (
    <form
      className="form case-report-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <p className="muted">{t('reports.caseReport.intro')}</p>
      <Controller
        control={form.control}
        name="sections"
        render={({ field, fieldState }) => (
          <CheckboxGroupField<ReportSection>
            label={t('reports.caseReport.sections')}
            description={t('reports.caseReport.sectionsHelp')}
            options={options}
            value={field.value}
            onChange={field.onChange}
            errorMessage={fieldState.error?.message ? t(fieldState.error.message) : undefined}
          />
        )}
      />
      {identityOpen ? (
        <Controller
          control={form.control}
          name="includeIdentity"
          render={({ field }) => (
            <Checkbox isSelected={field.value} onChange={field.onChange}>
              {t('reports.caseReport.includeIdentity')}
            </Checkbox>
          )}
        />
      ) : null}
      <p className="muted">{identityOpen ? t('reports.caseReport.identityHelp') : t('reports.caseReport.identitySealed')}</p>
      <Controller control={form.control} name="language" render={({ field }) => <LanguageChoice value={field.value} onChange={field.onChange} />} />
      {error ? <Notice tone="error">{error}</Notice> : null}
      <div className="actions">
        <Button variant="secondary" onPress={() => onClose(null)} isDisabled={form.formState.isSubmitting}>
          {t('common.cancel')}
        </Button>
        <Button variant="primary" type="submit" isPending={form.formState.isSubmitting}>
          {t('reports.caseReport.submit')}
        </Button>
      </div>
    </form>
  );
}

function SubjectAccessDialog({ isOpen, onClose }: { isOpen: boolean; onClose: (outcome: Outcome) => void }) {
  const { t } = useTranslation();
  const code = useCaseStore((s) => s.file?.header.code ?? '');
  return (
    <Dialog isOpen={isOpen} onOpenChange={(o) => !o && onClose(null)} title={t('reports.subjectAccess.title', { code })}>
      <SubjectAccessForm onClose={onClose} />
    </Dialog>
  );
}

function SubjectAccessForm({ onClose }: { onClose: (outcome: Outcome) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const file = useCaseStore((s) => s.file!);
  const [error, setError] = useState<string | null>(null);
  const form = useForm<AccessValues>({ resolver: zodResolver(accessForm), defaultValues: { format: 'json', language: lang } });

  const submit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      const written = await call('reports.subjectAccess', { caseId: file.header.id, format: values.format, language: values.language, includeAttachmentBytes: false });
      if (!written) {
        onClose({ tone: 'info', text: t('reports.subjectAccess.cancelled') });
        return;
      }
      const done = t('reports.subjectAccess.done');
      onClose({ tone: 'success', text: written.identitySealed ? `${done} ${t('reports.subjectAccess.doneSealed')}` : done });
    } catch (caught) {
      setError(describeError(t, caught));
    }
  });

  return (
    <form
      className="form subject-access-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <p className="muted">{t('reports.subjectAccess.intro')}</p>
      {file.identity.data === null ? <Notice tone="warning" announce={false}>{t('reports.subjectAccess.identitySealed')}</Notice> : null}
      <Controller
        control={form.control}
        name="format"
        render={({ field }) => (
          <RadioChoice<'json' | 'pdf'>
            label={t('reports.subjectAccess.format')}
            description={t('reports.subjectAccess.formatHelp')}
            options={[
              { id: 'json', label: 'JSON' },
              { id: 'pdf', label: 'PDF' },
            ]}
            value={field.value}
            onChange={field.onChange}
          />
        )}
      />
      <Controller control={form.control} name="language" render={({ field }) => <LanguageChoice value={field.value} onChange={field.onChange} />} />
      {error ? <Notice tone="error">{error}</Notice> : null}
      <div className="actions">
        <Button variant="secondary" onPress={() => onClose(null)} isDisabled={form.formState.isSubmitting}>
          {t('common.cancel')}
        </Button>
        <Button variant="primary" type="submit" isPending={form.formState.isSubmitting}>
          {t('reports.subjectAccess.submit')}
        </Button>
      </div>
    </form>
  );
}
