import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../shared/schemas';
import { call } from '../../api/client';
import { changePassphraseForm, type ChangePassphraseValues, errorsOn, PASSPHRASE_POLICY_CODES } from '../../forms/schemas';
import { useFormError } from '../../forms/useFormError';
import { Button } from '../../ui/Button';
import { FormTextField } from '../../ui/FormTextField';
import { Notice } from '../../ui/Notice';

interface ChangePassphraseFormProps {
  /** Label of the current passphrase field (e.g. "Temporary passphrase" when forced). */
  currentLabel: string;
  submitLabel: string;
  onChanged: (session: SessionInfo) => Promise<void> | void;
  autoFocus?: boolean;
}

/** `session.changePassphrase`, used by the forced change and by Settings. */
export function ChangePassphraseForm({ currentLabel, submitLabel, onChanged, autoFocus }: ChangePassphraseFormProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const { control, handleSubmit, setError, reset } = useForm<ChangePassphraseValues>({
    resolver: zodResolver(changePassphraseForm),
    defaultValues: { currentPassphrase: '', newPassphrase: '', confirm: '' },
  });
  const { formError, setFormError, handleError } = useFormError(setError);

  const onSubmit = handleSubmit(async (values) => {
    setBusy(true);
    setDone(false);
    setFormError(null);
    try {
      const session = await call('session.changePassphrase', {
        currentPassphrase: values.currentPassphrase,
        newPassphrase: values.newPassphrase,
      });
      reset();
      setDone(true);
      await onChanged(session);
    } catch (error) {
      handleError(error, {
        WRONG_CREDENTIALS: 'currentPassphrase',
        ...errorsOn(PASSPHRASE_POLICY_CODES, 'newPassphrase'),
      });
    } finally {
      setBusy(false);
    }
  });

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <FormTextField
        control={control}
        name="currentPassphrase"
        type="password"
        label={currentLabel}
        autoComplete="current-password"
        autoFocus={autoFocus}
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
      {formError ? <Notice tone="error">{formError}</Notice> : null}
      {done ? <Notice tone="success">{t('passphraseChange.done')}</Notice> : null}
      <div className="actions">
        <Button variant="primary" type="submit" isPending={busy}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
