import { zodResolver } from '@hookform/resolvers/zod';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../shared/roles';
import type { Account } from '../../../shared/schemas';
import { createAccountForm, type CreateAccountValues } from '../../forms/schemas';
import { useFormError } from '../../forms/useFormError';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { FormTextField } from '../../ui/FormTextField';
import { Notice } from '../../ui/Notice';
import { Select } from '../../ui/Select';
import { useAccountsStore } from './accountsStore';

interface Props {
  isOpen: boolean;
  onClose: () => void;
  onCreated: (account: Account) => void;
}

export function AddAccountDialog({ isOpen, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  return (
    <Dialog isOpen={isOpen} onOpenChange={(open) => !open && onClose()} title={t('accounts.addDialog.title')}>
      <AddAccountForm onClose={onClose} onCreated={onCreated} />
    </Dialog>
  );
}

function AddAccountForm({ onClose, onCreated }: Omit<Props, 'isOpen'>) {
  const { t } = useTranslation();
  const create = useAccountsStore((s) => s.create);
  const { control, handleSubmit, setError, formState } = useForm<CreateAccountValues>({
    resolver: zodResolver(createAccountForm),
    defaultValues: { displayName: '', username: '', role: 'caseworker', initialPassphrase: '' },
  });
  const { formError, setFormError, handleError } = useFormError(setError);
  const roleOptions = ROLES.map((id) => ({ id, label: t(`roles.${id}`) }));

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const account = await create({
        displayName: values.displayName.trim(),
        username: values.username.trim().toLowerCase(),
        role: values.role,
        initialPassphrase: values.initialPassphrase,
      });
      onCreated(account);
    } catch (error) {
      handleError(error, {
        USERNAME_TAKEN: 'username',
        PASSPHRASE_TOO_SHORT: 'initialPassphrase',
        PASSPHRASE_TOO_LONG: 'initialPassphrase',
        PASSPHRASE_COMMON: 'initialPassphrase',
        PASSPHRASE_CONTAINS_USERNAME: 'initialPassphrase',
      });
    }
  });

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <p className="muted">{t('accounts.addDialog.intro')}</p>
      <FormTextField
        control={control}
        name="displayName"
        label={t('fields.displayName')}
        autoComplete="off"
        fallbackErrorKey="validation.displayName"
        autoFocus
        isRequired
      />
      <FormTextField
        control={control}
        name="username"
        label={t('fields.username')}
        description={t('fields.usernameHelp')}
        autoComplete="off"
        fallbackErrorKey="validation.username"
        isRequired
      />
      <Controller
        control={control}
        name="role"
        render={({ field, fieldState }) => (
          <Select<Role>
            label={t('fields.role')}
            options={roleOptions}
            value={field.value}
            onChange={field.onChange}
            description={t(`roleHelp.${field.value}`)}
            errorMessage={fieldState.error ? t('validation.role') : undefined}
            name={field.name}
          />
        )}
      />
      <FormTextField
        control={control}
        name="initialPassphrase"
        type="password"
        label={t('accounts.addDialog.initialPassphrase')}
        description={t('accounts.addDialog.initialPassphraseHelp')}
        autoComplete="new-password"
        isRequired
      />
      {formError ? <Notice tone="error">{formError}</Notice> : null}
      <div className="actions">
        <Button variant="secondary" onPress={onClose} isDisabled={formState.isSubmitting}>
          {t('common.cancel')}
        </Button>
        <Button variant="primary" type="submit" isPending={formState.isSubmitting}>
          {t('accounts.addDialog.submit')}
        </Button>
      </div>
    </form>
  );
}
