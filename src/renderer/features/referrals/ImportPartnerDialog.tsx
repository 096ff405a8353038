import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { KeyFilePreview, Partner } from '../../../shared/referrals';
import { call } from '../../api/client';
import { describeError } from '../../api/errors';
import { Button } from '../../ui/Button';
import { Checkbox } from '../../ui/Checkbox';
import { Dialog } from '../../ui/Dialog';
import { Notice } from '../../ui/Notice';
import { TextField } from '../../ui/TextField';
import { Fingerprint } from './Fingerprint';

const importForm = z.object({
  name: z.string().trim().min(1, 'validation.required').max(120, 'validation.required'),
  confirmed: z.boolean().refine((v) => v, 'referrals.importDialog.mustConfirm'),
});
type ImportValues = z.input<typeof importForm>;

/** A partner's key file, read by the main process: the administrator compares the fingerprint by phone, then adds it. */
export function ImportPartnerDialog({ preview, onClose }: { preview: KeyFilePreview | null; onClose: (added: Partner | null) => void }) {
  const { t } = useTranslation();
  return (
    <Dialog isOpen={preview !== null} onOpenChange={(open) => !open && onClose(null)} title={t('referrals.importDialog.title')}>
      {preview ? <ImportForm preview={preview} onClose={onClose} /> : null}
    </Dialog>
  );
}

function ImportForm({ preview, onClose }: { preview: KeyFilePreview; onClose: (added: Partner | null) => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<ImportValues>({ resolver: zodResolver(importForm), defaultValues: { name: preview.organisation, confirmed: false } });
  useEffect(() => form.reset({ name: preview.organisation, confirmed: false }), [preview, form]);
  const submit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      const added = await call('partners.add', {
        name: values.name.trim(),
        encryptionKey: preview.encryptionKey,
        signingKey: preview.signingKey,
        fingerprint: preview.fingerprint,
        confirmed: true,
      });
      onClose(added);
    } catch (caught) {
      setError(describeError(t, caught));
    }
  });
  return (
    <form
      className="form import-partner-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <p>{t('referrals.importDialog.fileSays', { organisation: preview.organisation })}</p>
      <p className="muted">{t('referrals.importDialog.intro', { organisation: preview.organisation })}</p>
      <div className="fingerprint-large">
        <Fingerprint value={preview.fingerprint} />
      </div>
      {preview.knownAs ? <Notice tone="warning">{t('referrals.importDialog.known', { name: preview.knownAs })}</Notice> : null}
      <Controller
        control={form.control}
        name="name"
        render={({ field, fieldState }) => (
          <TextField
            label={t('referrals.importDialog.name')}
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            name={field.name}
            maxLength={120}
            errorMessage={fieldState.error?.message ? t(fieldState.error.message) : undefined}
          />
        )}
      />
      <Controller
        control={form.control}
        name="confirmed"
        render={({ field, fieldState }) => (
          <div className="field">
            <Checkbox isSelected={field.value} onChange={field.onChange}>
              {t('referrals.importDialog.confirm')}
            </Checkbox>
            {fieldState.error?.message ? <p className="field-error">{t(fieldState.error.message)}</p> : null}
          </div>
        )}
      />
      {error ? <Notice tone="error">{error}</Notice> : null}
      <div className="actions">
        <Button variant="secondary" onPress={() => onClose(null)} isDisabled={form.formState.isSubmitting}>
          {t('common.cancel')}
        </Button>
        <Button variant="primary" type="submit" isPending={form.formState.isSubmitting} isDisabled={preview.knownAs !== null}>
          {t('referrals.importDialog.submit')}
        </Button>
      </div>
    </form>
  );
}
