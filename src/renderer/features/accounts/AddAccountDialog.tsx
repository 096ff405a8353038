import { zodResolver } from '@hookform/resolvers/zod';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ROLES, type Role } from '../../../shared/roles';
import type { Account } from '../../../shared/schemas';
import { createAccountForm, errorsOn, PASSPHRASE_POLICY_CODES } from '../../forms/schemas';
import { useFormError } from '../../forms/useFormError';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { FormTextField } from '../../ui/FormTextField';
import { Notice } from '../../ui/Notice';
import { Select } from '../../ui/Select';
import { useAccountsStore } from './accountsStore';

const NO_TEAM = '__none';
/** The account, and for a caseworker the team they join (NO_TEAM: none yet). */
const addAccountForm = createAccountForm.extend({ teamId: z.string() });
type AddAccountValues = z.input<typeof addAccountForm>;

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
  const teams = useAccountsStore((s) => s.teams) ?? [];
  const { control, handleSubmit, setError, formState } = useForm<AddAccountValues>({
    resolver: zodResolver(addAccountForm),
    defaultValues: { displayName: '', username: '', role: 'caseworker', initialPassphrase: '', teamId: NO_TEAM },
  });
  const { formError, setFormError, handleError } = useFormError(setError);
  const roleOptions = ROLES.map((id) => ({ id, label: t(`roles.${id}`) }));
  const role = useWatch({ control, name: 'role' });
  const teamOptions = [{ id: NO_TEAM, label: t('teams.none') }, ...teams.map((team) => ({ id: team.id, label: team.name }))];

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const account = await create({
        displayName: values.displayName.trim(),
        username: values.username.trim().toLowerCase(),
        role: values.role,
        initialPassphrase: values.initialPassphrase,
        ...(values.role === 'caseworker' && values.teamId !== NO_TEAM ? { teamId: values.teamId } : {}),
      });
      onCreated(account);
    } catch (error) {
      handleError(error, {
        USERNAME_TAKEN: 'username',
        ...errorsOn(PASSPHRASE_POLICY_CODES, 'initialPassphrase'),
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
      {role === 'caseworker' ? (
        <Controller
          control={control}
          name="teamId"
          render={({ field }) => (
            <Select<string>
              label={t('teams.addDialog.team')}
              options={teamOptions}
              value={field.value}
              onChange={field.onChange}
              description={teams.length === 0 ? t('teams.addDialog.teamHelpNone') : t('teams.addDialog.teamHelp')}
              isDisabled={teams.length === 0}
              name={field.name}
            />
          )}
        />
      ) : null}
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
