import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { useAppStore } from '../../app/appStore';
import { createAdminForm, type CreateAdminValues, errorsOn, PASSPHRASE_POLICY_CODES } from '../../forms/schemas';
import { useFormError } from '../../forms/useFormError';
import { Button } from '../../ui/Button';
import { FormTextField } from '../../ui/FormTextField';
import { Notice } from '../../ui/Notice';
import { StepIndicator } from './StepIndicator';
import { SETUP_STEPS, useSetupStore } from './setupStore';

export function AdminStep() {
  const { t } = useTranslation();
  const setStep = useSetupStore((s) => s.setStep);
  const keyCreated = useSetupStore((s) => s.keyCreated);
  const refresh = useAppStore((s) => s.refresh);
  const [busy, setBusy] = useState(false);
  const { control, handleSubmit, setError } = useForm<CreateAdminValues>({
    resolver: zodResolver(createAdminForm),
    defaultValues: { displayName: '', username: '', newPassphrase: '', confirm: '' },
  });
  const { formError, setFormError, handleError } = useFormError(setError);

  const onSubmit = handleSubmit(async (values) => {
    setBusy(true);
    setFormError(null);
    try {
      const result = await call('vault.create', {
        displayName: values.displayName.trim(),
        username: values.username.trim().toLowerCase(),
        passphrase: values.newPassphrase,
      });
      keyCreated(result.recoveryKey);
      await refresh();
    } catch (error) {
      handleError(error, {
        ...errorsOn(PASSPHRASE_POLICY_CODES, 'newPassphrase'),
      });
    } finally {
      setBusy(false);
    }
  });

  return (
    <section className="card wizard" aria-labelledby="admin-title">
      <StepIndicator current={2} total={SETUP_STEPS} />
      <h1 id="admin-title" className="page-title">
        {t('setup.admin.title')}
      </h1>
      <p>{t('setup.admin.intro')}</p>
      <form className="form" onSubmit={onSubmit} noValidate>
        <FormTextField
          control={control}
          name="displayName"
          label={t('setup.admin.displayName')}
          description={t('setup.admin.displayNameHelp')}
          autoComplete="name"
          fallbackErrorKey="validation.displayName"
          autoFocus
          isRequired
        />
        <FormTextField
          control={control}
          name="username"
          label={t('fields.username')}
          description={t('setup.admin.usernameHelp')}
          autoComplete="username"
          fallbackErrorKey="validation.username"
          isRequired
        />
        <FormTextField
          control={control}
          name="newPassphrase"
          type="password"
          label={t('fields.passphrase')}
          description={t('passphrasePolicy')}
          autoComplete="new-password"
          isRequired
        />
        <FormTextField
          control={control}
          name="confirm"
          type="password"
          label={t('fields.confirmPassphrase')}
          autoComplete="new-password"
          isRequired
        />
        {busy ? <Notice tone="info">{t('setup.admin.creating')}</Notice> : null}
        {formError ? <Notice tone="error">{formError}</Notice> : null}
        <div className="actions">
          <Button variant="secondary" onPress={() => setStep('welcome')} isDisabled={busy}>
            {t('common.back')}
          </Button>
          <Button variant="primary" type="submit" isPending={busy}>
            {t('setup.admin.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}
