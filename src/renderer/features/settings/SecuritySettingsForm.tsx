import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { IDLE_MINUTES_MAX, IDLE_MINUTES_MIN, settingsSchema, type Settings } from '../../../shared/schemas';
import { describeError } from '../../api/errors';
import { Button } from '../../ui/Button';
import { Notice } from '../../ui/Notice';
import { NumberField } from '../../ui/NumberField';
import { Switch } from '../../ui/Switch';
import { useSettingsStore } from './settingsStore';

/** The contract's own schema, with the message a person can act on. */
const securityForm = z.object({
  idleMinutes: z.number({ message: 'validation.idleMinutes' }).pipe(settingsSchema.shape.idleMinutes),
  contentProtection: settingsSchema.shape.contentProtection,
});

/** The fields of this form (other settings, e.g. the backup reminder, have their own panels). */
type SecurityValues = Pick<Settings, 'idleMinutes' | 'contentProtection'>;
const securityValues = (s: Settings): SecurityValues => ({ idleMinutes: s.idleMinutes, contentProtection: s.contentProtection });

export function SecuritySettingsForm({ settings, isAdmin }: { settings: Settings; isAdmin: boolean }) {
  const { t } = useTranslation();
  const update = useSettingsStore((s) => s.update);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { control, handleSubmit, formState, reset } = useForm<SecurityValues>({
    resolver: zodResolver(securityForm),
    defaultValues: securityValues(settings),
  });

  const onSubmit = handleSubmit(async (values) => {
    setSaved(false);
    setError(null);
    try {
      const next = await update(values);
      reset(securityValues(next));
      setSaved(true);
    } catch (caught) {
      setError(describeError(t, caught));
    }
  });

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <Controller
        control={control}
        name="idleMinutes"
        render={({ field, fieldState }) => (
          <NumberField
            label={t('settings.security.idleMinutes')}
            description={t('settings.security.idleHelp', { min: IDLE_MINUTES_MIN, max: IDLE_MINUTES_MAX })}
            value={field.value}
            onChange={(value) => {
              setSaved(false);
              field.onChange(value);
            }}
            onBlur={field.onBlur}
            minValue={IDLE_MINUTES_MIN}
            maxValue={IDLE_MINUTES_MAX}
            isReadOnly={!isAdmin}
            errorMessage={fieldState.error ? t('validation.idleMinutes', { min: IDLE_MINUTES_MIN, max: IDLE_MINUTES_MAX }) : undefined}
            name={field.name}
          />
        )}
      />
      <Controller
        control={control}
        name="contentProtection"
        render={({ field }) => (
          <Switch
            isSelected={field.value}
            onChange={(value) => {
              setSaved(false);
              field.onChange(value);
            }}
            isReadOnly={!isAdmin}
            description={t('settings.security.contentProtectionHelp')}
          >
            {t('settings.security.contentProtection')}
          </Switch>
        )}
      />
      {error ? <Notice tone="error">{error}</Notice> : null}
      {saved ? <Notice tone="success">{t('settings.security.saved')}</Notice> : null}
      {isAdmin ? (
        <div className="actions">
          <Button variant="primary" type="submit" isPending={formState.isSubmitting}>
            {t('settings.security.save')}
          </Button>
        </div>
      ) : null}
    </form>
  );
}
