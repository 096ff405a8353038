import { zodResolver } from '@hookform/resolvers/zod';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { Account } from '../../../shared/schemas';
import type { Team } from '../../../shared/staff';
import { displayNameField } from '../../forms/schemas';
import { useFormError } from '../../forms/useFormError';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { FormTextField } from '../../ui/FormTextField';
import { Notice } from '../../ui/Notice';
import { Select } from '../../ui/Select';
import { useAccountsStore } from './accountsStore';

const createTeamForm = z.object({
  name: displayNameField,
  supervisorId: z.string().min(1, 'validation.required'),
});
type CreateTeamValues = z.input<typeof createTeamForm>;

interface Props {
  isOpen: boolean;
  /** The active supervisors, who may lead a team. */
  supervisors: Account[];
  onClose: () => void;
  onCreated: (team: Team) => void;
}

/** A team: a name and the supervisor who leads it. */
export function CreateTeamDialog({ isOpen, supervisors, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  return (
    <Dialog isOpen={isOpen} onOpenChange={(open) => !open && onClose()} title={t('teams.createDialog.title')}>
      <CreateTeamForm supervisors={supervisors} onClose={onClose} onCreated={onCreated} />
    </Dialog>
  );
}

function CreateTeamForm({ supervisors, onClose, onCreated }: Omit<Props, 'isOpen'>) {
  const { t } = useTranslation();
  const createTeam = useAccountsStore((s) => s.createTeam);
  const { control, handleSubmit, setError, formState } = useForm<CreateTeamValues>({
    resolver: zodResolver(createTeamForm),
    // With a single supervisor there is nothing to choose.
    defaultValues: { name: '', supervisorId: supervisors.length === 1 ? supervisors[0]!.id : '' },
  });
  const { formError, setFormError, handleError } = useFormError(setError);
  const options = supervisors.map((s) => ({ id: s.id, label: s.displayName }));

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      onCreated(await createTeam({ name: values.name.trim(), supervisorId: values.supervisorId }));
    } catch (error) {
      handleError(error);
    }
  });

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <p className="muted">{t('teams.createDialog.intro')}</p>
      <FormTextField
        control={control}
        name="name"
        label={t('teams.createDialog.name')}
        description={t('teams.createDialog.nameHelp')}
        autoComplete="off"
        fallbackErrorKey="validation.displayName"
        autoFocus
        isRequired
      />
      <Controller
        control={control}
        name="supervisorId"
        render={({ field, fieldState }) => (
          <Select<string>
            label={t('teams.createDialog.supervisor')}
            options={options}
            value={field.value || null}
            onChange={field.onChange}
            placeholder={t('teams.createDialog.chooseSupervisor')}
            description={t('teams.createDialog.supervisorHelp')}
            errorMessage={fieldState.error ? t('validation.required') : undefined}
            name={field.name}
          />
        )}
      />
      {formError ? <Notice tone="error">{formError}</Notice> : null}
      <div className="actions">
        <Button variant="secondary" onPress={onClose} isDisabled={formState.isSubmitting}>
          {t('common.cancel')}
        </Button>
        <Button variant="primary" type="submit" isPending={formState.isSubmitting}>
          {t('teams.createDialog.submit')}
        </Button>
      </div>
    </form>
  );
}
