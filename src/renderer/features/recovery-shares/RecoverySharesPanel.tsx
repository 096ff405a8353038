import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { SHARES_DEFAULT, SHARES_MAX } from '../../../shared/recovery';
import type { SessionInfo } from '../../../shared/schemas';
import { call } from '../../api/client';
import { recoveryKeyField } from '../../forms/schemas';
import { useFormError } from '../../forms/useFormError';
import { Button } from '../../ui/Button';
import { FormTextField } from '../../ui/FormTextField';
import { Notice } from '../../ui/Notice';
import { NumberField } from '../../ui/NumberField';
import { TextField } from '../../ui/TextField';
import { SharePrintView, type PrintedShares } from './SharePrintView';

const SHARES_MIN = 2;
const count = z.number({ message: 'recoveryShares.create.counts' }).int('recoveryShares.create.counts').min(SHARES_MIN, 'recoveryShares.create.counts').max(SHARES_MAX, 'recoveryShares.create.counts');

const createSharesForm = z
  .object({
    recoveryKey: recoveryKeyField,
    threshold: count,
    shares: count,
    contact: z.string().trim().max(200),
  })
  .refine((v) => v.threshold <= v.shares, { message: 'recoveryShares.create.thresholdTooHigh', path: ['threshold'] });
type CreateSharesValues = z.input<typeof createSharesForm>;

/**
 * Settings → Recovery shares (administrators): the recovery key, k and n, and who to contact;
 * then the print view, one sheet per share. Nothing of it is kept once the view is closed.
 */
export function RecoverySharesPanel({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [printed, setPrinted] = useState<PrintedShares | null>(null);
  const { control, handleSubmit, setError, setValue } = useForm<CreateSharesValues>({
    resolver: zodResolver(createSharesForm),
    defaultValues: { recoveryKey: '', threshold: SHARES_DEFAULT.threshold, shares: SHARES_DEFAULT.shares, contact: session.displayName },
  });
  const { formError, setFormError, handleError } = useFormError(setError);
  const countError = (message: string | undefined) =>
    message ? t(message.startsWith('recoveryShares.') ? message : 'recoveryShares.create.counts', { min: SHARES_MIN, max: SHARES_MAX }) : undefined;

  const onSubmit = handleSubmit(async (values) => {
    setBusy(true);
    setFormError(null);
    try {
      const result = await call('recovery.createShares', { recoveryKey: values.recoveryKey.trim(), threshold: values.threshold, shares: values.shares });
      // The key is not kept in the form once it has done its work.
      setValue('recoveryKey', '');
      setPrinted({ shares: result.shares, threshold: result.threshold, contact: values.contact.trim(), createdAt: new Date().toISOString() });
    } catch (error) {
      handleError(error, { RECOVERY_KEY_MALFORMED: 'recoveryKey', RECOVERY_KEY_WRONG: 'recoveryKey' });
    } finally {
      setBusy(false);
    }
  });

  return (
    <section className="panel" aria-labelledby="recovery-shares-title">
      <h2 id="recovery-shares-title">{t('recoveryShares.create.title')}</h2>
      <p>{t('recoveryShares.create.intro')}</p>
      <p className="muted">{t('recoveryShares.create.earlier')}</p>
      <form className="form" onSubmit={onSubmit} noValidate>
        <FormTextField
          control={control}
          name="recoveryKey"
          label={t('fields.recoveryKey')}
          description={t('fields.recoveryKeyHelp')}
          autoComplete="off"
          monospace
          isRequired
        />
        <div className="share-counts" role="group" aria-describedby="share-counts-help">
          <Controller
            control={control}
            name="threshold"
            render={({ field, fieldState }) => (
              <NumberField
                label={t('recoveryShares.create.threshold')}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                minValue={SHARES_MIN}
                maxValue={SHARES_MAX}
                errorMessage={countError(fieldState.error?.message)}
                name={field.name}
              />
            )}
          />
          <Controller
            control={control}
            name="shares"
            render={({ field, fieldState }) => (
              <NumberField
                label={t('recoveryShares.create.total')}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                minValue={SHARES_MIN}
                maxValue={SHARES_MAX}
                errorMessage={countError(fieldState.error?.message)}
                name={field.name}
              />
            )}
          />
        </div>
        <p className="field-help" id="share-counts-help">
          {t('recoveryShares.create.countsHelp', { min: SHARES_MIN, max: SHARES_MAX })}
        </p>
        <Controller
          control={control}
          name="contact"
          render={({ field, fieldState }) => (
            <TextField
              label={t('recoveryShares.create.contact')}
              description={t('recoveryShares.create.contactHelp')}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              name={field.name}
              inputRef={field.ref}
              maxLength={200}
              errorMessage={fieldState.error ? t('validation.invalid') : undefined}
            />
          )}
        />
        {busy ? <Notice tone="info">{t('recoveryShares.create.working')}</Notice> : null}
        {formError ? <Notice tone="error">{formError}</Notice> : null}
        <div className="actions start">
          <Button variant="primary" type="submit" isPending={busy}>
            {t('recoveryShares.create.submit')}
          </Button>
        </div>
      </form>
      {printed ? <SharePrintView printed={printed} onClose={() => setPrinted(null)} /> : null}
    </section>
  );
}
