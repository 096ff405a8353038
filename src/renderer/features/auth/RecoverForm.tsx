import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { recoverForm, type RecoverValues, errorsOn, PASSPHRASE_POLICY_CODES, RECOVERY_KEY_CODES } from '../../forms/schemas';
import { useFormError } from '../../forms/useFormError';
import { Button } from '../../ui/Button';
import { FormTextField } from '../../ui/FormTextField';
import { Notice } from '../../ui/Notice';

/** `auth.recover`: the recovery key sets a new passphrase for one account; nobody is signed in after. */
export function RecoverForm({ onCancel, onDone, onUseShares }: { onCancel: () => void; onDone: () => void; onUseShares?: () => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const { control, handleSubmit, setError } = useForm<RecoverValues>({
    resolver: zodResolver(recoverForm),
    defaultValues: { recoveryKey: '', username: '', newPassphrase: '', confirm: '' },
  });
  const { formError, setFormError, handleError } = useFormError(setError);

  const onSubmit = handleSubmit(async (values) => {
    setBusy(true);
    setFormError(null);
    try {
      await call('auth.recover', {
        recoveryKey: values.recoveryKey.trim(),
        username: values.username.trim().toLowerCase(),
        newPassphrase: values.newPassphrase,
      });
      onDone();
    } catch (error) {
      handleError(error, {
        ...errorsOn(RECOVERY_KEY_CODES, 'recoveryKey'),
        NOT_FOUND: 'username',
        ...errorsOn(PASSPHRASE_POLICY_CODES, 'newPassphrase'),
      });
      setBusy(false);
    }
  });

  return (
    <section className="card" aria-labelledby="recover-title">
      <h1 id="recover-title" className="page-title">
        {t('auth.recover.title')}
      </h1>
      <p>{t('auth.recover.intro')}</p>
      {onUseShares ? (
        <p>
          <Button variant="link" onPress={onUseShares} isDisabled={busy}>
            {t('recoveryShares.recover.useShares')}
          </Button>
        </p>
      ) : null}
      <form className="form" onSubmit={onSubmit} noValidate>
        <FormTextField
          control={control}
          name="recoveryKey"
          label={t('fields.recoveryKey')}
          description={t('fields.recoveryKeyHelp')}
          autoComplete="off"
          monospace
          autoFocus
          isRequired
        />
        <FormTextField
          control={control}
          name="username"
          label={t('auth.recover.username')}
          autoComplete="username"
          fallbackErrorKey="validation.username"
          isRequired
        />
        <FormTextField
          control={control}
          name="newPassphrase"
          type="password"
          label={t('fields.newPassphrase')}
          description={t('passphrasePolicy')}
          autoComplete="new-password"
          isRequired
        />
        <FormTextField
          control={control}
          name="confirm"
          type="password"
          label={t('fields.confirmNewPassphrase')}
          autoComplete="new-password"
          isRequired
        />
        {busy ? <Notice tone="info">{t('auth.recover.working')}</Notice> : null}
        {formError ? <Notice tone="error">{formError}</Notice> : null}
        <div className="actions">
          <Button variant="secondary" onPress={onCancel} isDisabled={busy}>
            {t('auth.recover.back')}
          </Button>
          <Button variant="primary" type="submit" isPending={busy}>
            {t('auth.recover.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}
