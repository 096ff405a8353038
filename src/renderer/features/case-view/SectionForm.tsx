import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useForm, type DefaultValues, type FieldValues, type Resolver, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { ChangeStamp } from '../../../shared/case-file/common';
import { formatDateTime } from '../../i18n';
import { Button } from '../../ui/Button';
import { Notice } from '../../ui/Notice';
import { primaryModifierLabel } from '../../ui/platform';
import { useCaseStore } from './caseStore';
import { isStale, StaleNotice, useCaseError } from './errors';
import { useLang } from './vocab';

export function isSaveShortcut(event: KeyboardEvent | React.KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && (event.key.toLowerCase() === 's' || event.code === 'KeyS');
}

/** Holds navigation (tabs, pages) while a form has unsaved changes; lets go when clean or gone. */
export function useDirtyGuard(formId: string, isDirty: boolean): void {
  const setDirty = useCaseStore((s) => s.setDirty);
  useEffect(() => {
    if (isDirty) setDirty(formId);
    else if (useCaseStore.getState().dirty === formId) setDirty(null);
  }, [formId, isDirty, setDirty]);
  useEffect(
    () => () => {
      if (useCaseStore.getState().dirty === formId) useCaseStore.getState().setDirty(null);
    },
    [formId],
  );
}

export function StampLine({ stamp }: { stamp: ChangeStamp }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (!stamp.updatedAt) return <span className="muted small">{t('caseView.form.neverSaved')}</span>;
  return (
    <span className="muted small">
      {t('caseView.form.lastSaved', { who: stamp.updatedBy ?? t('caseView.someone'), when: formatDateTime(stamp.updatedAt, lang, 'short') })}
    </span>
  );
}

interface SectionFormProps<In extends FieldValues, Out> {
  /** Names the form for the unsaved-changes guard. */
  formId: string;
  title: string;
  intro?: ReactNode;
  /** Above the form (e.g. the sensitivity notice). */
  banner?: ReactNode;
  schema: z.ZodType<Out, In>;
  data: In;
  stamp: ChangeStamp;
  /** Sends the data with the version it was based on; resolves to what was stored. */
  save: (data: Out, version: number) => Promise<{ data: unknown; stamp: ChangeStamp }>;
  children: (form: UseFormReturn<In, unknown, Out>) => ReactNode;
}

/**
 * One single-valued part of the case file as a form: validated with the contract's schema, saved
 * with Save or Ctrl/Cmd+S with the version it was loaded at. A stale save is refused by the core
 * and nothing is overwritten; the person chooses to reload.
 */
export function SectionForm<In extends FieldValues, Out>({ formId, title, intro, banner, schema, data, stamp, save, children }: SectionFormProps<In, Out>) {
  const { t } = useTranslation();
  const caseError = useCaseError();
  const reload = useCaseStore((s) => s.reload);
  const form = useForm<In, unknown, Out>({
    resolver: zodResolver(schema as never) as unknown as Resolver<In, unknown, Out>,
    defaultValues: data as DefaultValues<In>,
  });
  const { isDirty, isSubmitting } = form.formState;
  const [error, setError] = useState<unknown>(null);
  const [invalid, setInvalid] = useState(false);
  const [saved, setSaved] = useState(false);
  const headingId = `section-${formId}-title`;
  const mod = primaryModifierLabel();

  useDirtyGuard(formId, isDirty);
  const setDirtyCheck = useCaseStore((s) => s.setDirtyCheck);
  useEffect(() => {
    setDirtyCheck(() => form.formState.isDirty);
    return () => setDirtyCheck(null);
  }, [form, setDirtyCheck]);

  // A newer version arrived (a save here, or a reload after a refused save): show it.
  const shownVersion = useRef(stamp.version);
  useEffect(() => {
    if (stamp.version !== shownVersion.current) {
      shownVersion.current = stamp.version;
      form.reset(data);
      setError(null);
    }
  }, [stamp.version, data, form]);

  useEffect(() => {
    if (isDirty) setSaved(false);
  }, [isDirty]);

  const submit = useCallback(
    () =>
      form.handleSubmit(
        async (values) => {
          setError(null);
          setInvalid(false);
          setSaved(false);
          try {
            const result = await save(values, shownVersion.current);
            shownVersion.current = result.stamp.version;
            form.reset(result.data as In);
            setSaved(true);
          } catch (caught) {
            setError(caught);
          }
        },
        () => setInvalid(true),
      )(),
    [form, save],
  );

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || !isSaveShortcut(event)) return;
      event.preventDefault();
      // A dialog on top has its own form.
      if (document.querySelector('.modal-overlay')) return;
      void submit();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [submit]);

  return (
    <section className="case-section" aria-labelledby={headingId}>
      <div className="case-section-header">
        <h2 id={headingId}>{title}</h2>
        <StampLine stamp={stamp} />
      </div>
      {banner}
      {intro ? <p className="muted">{intro}</p> : null}
      <form
        className="form section-form"
        noValidate
        aria-labelledby={headingId}
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        {children(form)}
        {invalid && !isSubmitting && Object.keys(form.formState.errors).length > 0 ? <Notice tone="error">{t('caseView.form.invalid')}</Notice> : null}
        {error && isStale(error) ? (
          <StaleNotice error={error} onReload={reload} />
        ) : error ? (
          <Notice tone="error">{caseError(error)}</Notice>
        ) : null}
        <div className="save-bar">
          <div className="save-bar-status" role="status">
            {isDirty ? <span className="unsaved-dot">{t('caseView.form.unsaved')}</span> : saved ? <span className="saved-mark">{t('caseView.form.saved', { part: title })}</span> : null}
          </div>
          <span className="muted small save-hint" aria-hidden="true">
            {t('caseView.form.shortcut', { mod })}
          </span>
          <Button variant="primary" type="submit" isPending={isSubmitting} aria-keyshortcuts="Control+S Meta+S">
            {t('caseView.form.save')}
          </Button>
        </div>
      </form>
    </section>
  );
}
