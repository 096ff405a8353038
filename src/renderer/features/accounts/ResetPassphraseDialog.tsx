import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../shared/schemas';
import { resetPassphraseForm, type ResetPassphraseValues, errorsOn, PASSPHRASE_POLICY_CODES, RECOVERY_KEY_CODES } from '../../forms/schemas';
import { useFormError } from '../../forms/useFormError';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { FormTextField } from '../../ui/FormTextField';
import { Notice } from '../../ui/Notice';
import { useAccountsStore } from './accountsStore';

interface Props {
  account: Account | null;
  isSelf: boolean;
  onClose: () => void;
  onReset: (account: Account, wasDisabled: boolean) => void;
}

export function ResetPassphraseDialog({ account, isSelf, onClose, onReset }: Props) {
  const { t } = useTranslation();
  return (
    <Dialog
      isOpen={account !== null}
      onOpenChange={(open) => !open && onClose()}
      title={t(account?.disabled ? 'accounts.resetDialog.reenableTitle' : 'accounts.resetDialog.title', { name: account?.displayName ?? '' })}
    >
      {account ? <ResetForm account={account} isSelf={isSelf} onClose={onClose} onReset={onReset} /> : null}
    </Dialog>
  );
}

function ResetForm({ account, isSelf, onClose, onReset }: Props & { account: Account }) {
  const { t } = useTranslation();
  const resetPassphrase = useAccountsStore((s) => s.resetPassphrase);
  const { control, handleSubmit, setError, formState } = useForm<ResetPassphraseValues>({
    resolver: zodResolver(resetPassphraseForm),
    defaultValues: { recoveryKey: '', newPassphrase: '' },
  });
  const { formError, setFormError, handleError } = useFormError(setError);

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const updated = await resetPassphrase({ accountId: account.id, recoveryKey: values.recoveryKey.trim(), newPassphrase: values.newPassphrase });
      onReset(updated, account.disabled);
    } catch (error) {
      handleError(error, {
        ...errorsOn(RECOVERY_KEY_CODES, 'recoveryKey'),
        ...errorsOn(PASSPHRASE_POLICY_CODES, 'newPassphrase'),
      });
    }
  });

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <p className="muted">
        {isSelf
          ? t('accounts.resetDialog.introSelf')
          : t(account.disabled ? 'accounts.resetDialog.reenableIntro' : 'accounts.resetDialog.intro', { name: account.displayName })}
      </p>
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
        name="newPassphrase"
        type="password"
        label={isSelf ? t('fields.newPassphrase') : t('accounts.resetDialog.temporary')}
        description={t('passphrasePolicy')}
        autoComplete="new-password"
        isRequired
      />
      {formSubmittingNotice(formState.isSubmitting, t('accounts.resetDialog.working'))}
      {formError ? <Notice tone="error">{formError}</Notice> : null}
      <div className="actions">
        <Button variant="secondary" onPress={onClose} isDisabled={formState.isSubmitting}>
          {t('common.cancel')}
        </Button>
        <Button variant="primary" type="submit" isPending={formState.isSubmitting}>
          {t(account.disabled ? 'accounts.resetDialog.reenableSubmit' : 'accounts.resetDialog.submit')}
        </Button>
      </div>
    </form>
  );
}

function formSubmittingNotice(submitting: boolean, text: string) {
  return submitting ? <Notice tone="info">{text}</Notice> : null;
}
