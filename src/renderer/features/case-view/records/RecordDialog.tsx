import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef, useState, type ComponentType } from 'react';
import { useForm, type Control, type DefaultValues, type FieldValues, type Resolver, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../../shared/case-file/case';
import { RECORD_SCHEMAS, type RecordKind } from '../../../../shared/case-file/records';
import { isApiError } from '../../../api/client';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { Notice } from '../../../ui/Notice';
import { addRecord, updateRecord } from '../actions';
import { useCaseStore } from '../caseStore';
import { isStale, StaleNotice, useCaseError } from '../errors';
import { isSaveShortcut } from '../SectionForm';

// The field components of each kind take the form of their own schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyForm = UseFormReturn<any, unknown, any>;
export interface RecordFieldsProps {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  control: Control<any, unknown, any>;
  form: AnyForm;
  /** Set when a save was refused for a reason that belongs to a field group (e.g. consent). */
  serverError: unknown;
}

export interface RecordDialogProps {
  kind: RecordKind;
  /** Null to add a new record. */
  record: CaseRecord | null;
  title: string;
  defaults: () => FieldValues;
  Fields: ComponentType<RecordFieldsProps>;
  onClose: (saved: CaseRecord | null) => void;
}

/** Adds or edits one record, validated with the contract's schema; edits carry their version. */
export function RecordDialog(props: RecordDialogProps) {
  // Escape or a click outside closes it only while nothing typed would be lost.
  const [busy, setBusy] = useState(false);
  return (
    <Dialog isOpen onOpenChange={(open) => !open && props.onClose(null)} title={props.title} isBusy={busy}>
      <RecordForm {...props} onBusyChange={setBusy} />
    </Dialog>
  );
}

function RecordForm({ kind, record, defaults, Fields, onClose, onBusyChange }: RecordDialogProps & { onBusyChange: (busy: boolean) => void }) {
  const { t } = useTranslation();
  const caseError = useCaseError();
  const reload = useCaseStore((s) => s.reload);
  const version = useRef(record?.stamp.version ?? 0);
  const form = useForm<FieldValues, unknown, FieldValues>({
    resolver: zodResolver(RECORD_SCHEMAS[kind] as never) as unknown as Resolver<FieldValues, unknown, FieldValues>,
    defaultValues: (record ? record.data : defaults()) as DefaultValues<FieldValues>,
  });
  const [error, setError] = useState<unknown>(null);
  const { isSubmitting, isDirty } = form.formState;
  useEffect(() => onBusyChange(isDirty || isSubmitting), [isDirty, isSubmitting, onBusyChange]);

  const submit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      const saved = record ? await updateRecord(kind, record.id, version.current, values) : await addRecord(kind, values);
      onClose(saved);
    } catch (caught) {
      setError(caught);
    }
  });

  const reloadRecord = async () => {
    const file = await reload();
    const fresh = record ? file?.records.find((r) => r.id === record.id) : null;
    if (fresh) {
      version.current = fresh.stamp.version;
      form.reset(fresh.data);
    }
    setError(null);
  };

  const consentError = isApiError(error) && error.code === 'CONSENT_REQUIRED';

  return (
    <form
      className="form record-form"
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
      <Fields control={form.control} form={form} serverError={error} />
      {error && isStale(error) ? <StaleNotice error={error} onReload={reloadRecord} reloadLabel={t('caseView.stale.reloadRecord')} /> : null}
      {error && !isStale(error) ? (
        <Notice tone="error" title={consentError ? t('caseView.referral.consentMissingTitle') : undefined}>
          {caseError(error)}
        </Notice>
      ) : null}
      <div className="actions">
        <Button variant="secondary" onPress={() => onClose(null)} isDisabled={isSubmitting}>
          {isDirty ? t('caseView.records.discard') : t('common.cancel')}
        </Button>
        <Button variant="primary" type="submit" isPending={isSubmitting} aria-keyshortcuts="Control+S Meta+S">
          {record ? t('caseView.records.saveChanges') : t('caseView.records.add')}
        </Button>
      </div>
    </form>
  );
}
