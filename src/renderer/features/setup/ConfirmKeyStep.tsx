import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { useAppStore } from '../../app/appStore';
import { confirmKeyForm, type ConfirmKeyValues } from '../../forms/schemas';
import { useFormError } from '../../forms/useFormError';
import { Button } from '../../ui/Button';
import { FormTextField } from '../../ui/FormTextField';
import { Notice } from '../../ui/Notice';
import { StepIndicator } from './StepIndicator';
import { SETUP_STEPS, useSetupStore } from './setupStore';

/**
 * The person types the key back from paper. With the key still in memory (first run) they may go
 * back to it; after a reload it is gone and only the confirmation remains.
 */
export function ConfirmKeyStep({ keyInMemory }: { keyInMemory: boolean }) {
  const { t } = useTranslation();
  const setStep = useSetupStore((s) => s.setStep);
  const finish = useSetupStore((s) => s.finish);
  const defer = useSetupStore((s) => s.defer);
  const refresh = useAppStore((s) => s.refresh);
  const [busy, setBusy] = useState(false);
  const { control, handleSubmit, setError } = useForm<ConfirmKeyValues>({
    resolver: zodResolver(confirmKeyForm),
    defaultValues: { recoveryKey: '' },
  });
  const { formError, setFormError, handleError } = useFormError(setError);

  const onSubmit = handleSubmit(async (values) => {
    setBusy(true);
    setFormError(null);
    try {
      await call('vault.confirmRecoveryKey', { recoveryKey: values.recoveryKey.trim() });
      finish();
      await refresh();
    } catch (error) {
      handleError(error, { RECOVERY_KEY_MALFORMED: 'recoveryKey', RECOVERY_KEY_WRONG: 'recoveryKey' });
    } finally {
      setBusy(false);
    }
  });

  return (
    <section className="card wizard" aria-labelledby="confirm-title">
      {keyInMemory ? <StepIndicator current={4} total={SETUP_STEPS} /> : null}
      <h1 id="confirm-title" className="page-title">
        {t('setup.confirm.title')}
      </h1>
      <p>{keyInMemory ? t('setup.confirm.intro') : t('setup.confirm.pendingIntro')}</p>
      <form className="form" onSubmit={onSubmit} noValidate>
        <FormTextField
          control={control}
          name="recoveryKey"
          label={t('fields.recoveryKey')}
          description={t('fields.recoveryKeyHelp')}
          autoComplete="off"
          fallbackErrorKey="validation.required"
          monospace
          autoFocus
          isRequired
        />
        {formError ? <Notice tone="error">{formError}</Notice> : null}
        <div className="actions">
          {keyInMemory ? (
            <Button variant="secondary" onPress={() => setStep('key')} isDisabled={busy}>
              {t('setup.confirm.backToKey')}
            </Button>
          ) : (
            <Button variant="secondary" onPress={defer} isDisabled={busy}>
              {t('setup.confirm.later')}
            </Button>
          )}
          <Button variant="primary" type="submit" isPending={busy}>
            {t('setup.confirm.submit')}
          </Button>
        </div>
      </form>
      {!keyInMemory ? <p className="muted small">{t('setup.confirm.laterHelp')}</p> : null}
    </section>
  );
}
