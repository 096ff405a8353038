import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { REASON_MAX } from '../../../../shared/case-file/common';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { Notice } from '../../../ui/Notice';
import { deleteAttachment, saveAttachmentCopy } from '../actions';
import { useCaseStore, type AttachmentMeta } from '../caseStore';
import { useCaseError, WriteErrorNotice } from '../errors';
import { ReasonField } from '../ReasonField';

/** What happened, for the panel to say once the dialog has closed. */
export type AttachmentOutcome = { tone: 'success' | 'info'; text: string };

/**
 * "Save a copy…": first this dialog says plainly that the copy will not be encrypted; then the
 * main process's save dialog (the renderer never sees the path) and the main process writes it.
 */
export function SaveCopyDialog({ attachment, onClose }: { attachment: AttachmentMeta | null; onClose: (outcome: AttachmentOutcome | null) => void }) {
  const { t } = useTranslation();
  const caseError = useCaseError();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const name = attachment?.name ?? '';

  const save = async () => {
    if (!attachment) return;
    setPending(true);
    setError(null);
    try {
      const saved = await saveAttachmentCopy(attachment.id);
      onClose(saved ? { tone: 'success', text: t('caseView.attachments.saved', { name }) } : { tone: 'info', text: t('caseView.attachments.notSaved') });
    } catch (caught) {
      setError(caught);
    } finally {
      setPending(false);
    }
  };

  return (
    <Dialog isOpen={attachment !== null} onOpenChange={(open) => !open && onClose(null)} title={t('caseView.attachments.saveTitle', { name })} isBusy={pending}>
      <div className="form">
        <Notice tone="warning" announce={false} title={t('caseView.attachments.unencryptedTitle')}>
          <p>{t('caseView.attachments.unencrypted')}</p>
        </Notice>
        {pending ? (
          <p className="muted small" role="status">
            {t('caseView.attachments.choosingSave')}
          </p>
        ) : null}
        {error ? <Notice tone="error">{caseError(error)}</Notice> : null}
        <div className="actions">
          <Button variant="secondary" onPress={() => onClose(null)} isDisabled={pending}>
            {t('common.cancel')}
          </Button>
          <Button variant="primary" isPending={pending} onPress={() => void save()}>
            {t('caseView.attachments.chooseWhere')}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}

const deleteForm = z.object({ reason: z.string().trim().min(1, 'validation.required').max(REASON_MAX, 'caseView.attachments.reasonTooLong') });
type DeleteValues = z.input<typeof deleteForm>;

/** Deleting an attachment for good: a confirmation, and why (kept in the case's field history). */
export function DeleteAttachmentDialog({ attachment, onClose }: { attachment: AttachmentMeta | null; onClose: (outcome: AttachmentOutcome | null) => void }) {
  const { t } = useTranslation();
  return (
    <Dialog
      isOpen={attachment !== null}
      onOpenChange={(open) => !open && onClose(null)}
      title={t('caseView.attachments.deleteTitle', { name: attachment?.name ?? '' })}
      role="alertdialog"
    >
      {attachment ? <DeleteForm attachment={attachment} onClose={onClose} /> : null}
    </Dialog>
  );
}

function DeleteForm({ attachment, onClose }: { attachment: AttachmentMeta; onClose: (outcome: AttachmentOutcome | null) => void }) {
  const { t } = useTranslation();
  const reload = useCaseStore((s) => s.reload);
  const [error, setError] = useState<unknown>(null);
  const form = useForm<DeleteValues>({ resolver: zodResolver(deleteForm), defaultValues: { reason: '' } });
  const { isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    setError(null);
    // The case's version as the store has it now (after a reload, the new one).
    const version = useCaseStore.getState().file?.header.stamp.version;
    if (version === undefined) return;
    try {
      await deleteAttachment(attachment.id, version, values.reason.trim());
      onClose({ tone: 'success', text: t('caseView.attachments.deleted', { name: attachment.name }) });
    } catch (caught) {
      setError(caught);
    }
  });

  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <p>{t('caseView.attachments.deleteIntro')}</p>
      <ReasonField control={form.control} name="reason" label={t('caseView.attachments.reason')} description={t('caseView.attachments.reasonHelp')} />
      <WriteErrorNotice
        error={error}
        reloadLabel={t('caseView.stale.reloadHeader')}
        onReload={async () => {
          await reload();
          setError(null);
        }}
      />
      <div className="actions">
        <Button variant="secondary" onPress={() => onClose(null)} isDisabled={isSubmitting}>
          {t('common.cancel')}
        </Button>
        <Button variant="danger" type="submit" isPending={isSubmitting}>
          {t('caseView.attachments.deleteSubmit')}
        </Button>
      </div>
    </form>
  );
}
