import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { STATS_DEFAULT_PRIVACY_BUDGET, STATS_MAX_EPSILON, STATS_RULE_MAX, STATS_VAULT_DEFAULTS, type StatsVaultRules, type StatsVaultRulesView } from '../../../shared/statistics';
import { call } from '../../api/client';
import { describeError } from '../../api/errors';
import { Button } from '../../ui/Button';
import { Notice } from '../../ui/Notice';
import { NumberField } from '../../ui/NumberField';
import { OptionalNumberField } from '../../ui/OptionalNumberField';

const D = STATS_VAULT_DEFAULTS;

/** Stricter than the defaults, never looser (the core refuses it too: STATS_RULES_TOO_LOOSE). Messages are keys of `statistics.rulesAdmin`. */
const whole = (min: number) => z.number({ message: 'tooLoose' }).int('tooLoose').min(min, 'tooLoose').max(STATS_RULE_MAX, 'tooHigh');
/** The privacy budget: at most the default, at least what is already spent (read when checked: it grows with every noisy release). */
const rulesForm = (spent: () => number) =>
  z
    .object({
      threshold: whole(D.threshold),
      roundingBase: whole(D.roundingBase),
      k: whole(D.k),
      maxEpsilon: z.number({ message: 'tooLooseEpsilon' }).positive('tooLooseEpsilon').max(STATS_MAX_EPSILON, 'tooLooseEpsilon').nullable().refine((v) => v !== null, 'tooLooseEpsilon'),
      privacyBudgetTotal: z
        .number({ message: 'budgetRange' })
        .max(STATS_DEFAULT_PRIVACY_BUDGET, 'budgetRange')
        .nullable()
        .refine((v) => v !== null && v >= spent(), 'budgetRange'),
    })
    .refine((r) => r.threshold % r.roundingBase === 0, { path: ['threshold'], message: 'notMultiple' });

type FormValues = Omit<StatsVaultRules, 'maxEpsilon'> & { maxEpsilon: number | null; privacyBudgetTotal: number | null };

const formValues = (view: StatsVaultRulesView): FormValues => ({ ...view.rules, privacyBudgetTotal: view.privacyBudget.total });

/**
 * The administrator's statistics rules (issue 5): the defaults of DESIGN.md §6 made stricter for
 * the whole vault. Saved through `statistics.setRules`, which checks and audits them again.
 */
export function StatisticsRulesPanel() {
  const { t } = useTranslation();
  const [view, setView] = useState<StatsVaultRulesView | null>(null);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const spent = useRef(0);
  const schema = useMemo(() => rulesForm(() => spent.current), []);
  const { control, handleSubmit, formState, reset, watch } = useForm<FormValues>({
    resolver: zodResolver(schema),
    defaultValues: { ...D, privacyBudgetTotal: STATS_DEFAULT_PRIVACY_BUDGET },
    // A corrected number is taken when its field is left, i.e. as the save button is pressed: an
    // error vanishing then would move the button from under the pointer and lose the click.
    reValidateMode: 'onSubmit',
  });
  const base = watch('roundingBase');

  useEffect(() => {
    call('statistics.rules', {})
      .then((v) => {
        spent.current = v.privacyBudget.spent;
        setView(v);
        reset(formValues(v));
      })
      .catch((caught: unknown) => setError(describeError(t, caught)));
  }, [reset, t]);

  const onSubmit = handleSubmit(async (values) => {
    setSaved(false);
    setError(null);
    try {
      const next = await call('statistics.setRules', {
        ...values,
        maxEpsilon: values.maxEpsilon ?? D.maxEpsilon,
        privacyBudgetTotal: values.privacyBudgetTotal ?? STATS_DEFAULT_PRIVACY_BUDGET,
      });
      spent.current = next.privacyBudget.spent;
      setView(next);
      reset(formValues(next));
      setSaved(true);
    } catch (caught) {
      setError(describeError(t, caught));
    }
  });

  const message = (key: string | undefined, min: number) => (key ? t(`statistics.rulesAdmin.${key}`, { min, max: STATS_RULE_MAX, base }) : undefined);
  const fields = [
    { name: 'threshold', min: D.threshold },
    { name: 'roundingBase', min: D.roundingBase },
    { name: 'k', min: D.k },
  ] as const;

  return (
    <section className="panel" aria-labelledby="stats-rules-admin-title">
      <h2 id="stats-rules-admin-title">{t('statistics.rulesAdmin.title')}</h2>
      <p className="muted">{t('statistics.rulesAdmin.intro')}</p>
      <form className="form" onSubmit={onSubmit} noValidate>
        {fields.map(({ name, min }) => (
          <Controller
            key={name}
            control={control}
            name={name}
            render={({ field, fieldState }) => (
              <NumberField
                label={t(`statistics.rulesAdmin.${name}`)}
                description={t(`statistics.rulesAdmin.${name}Help`, { min })}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                // Not clamped to the default: a looser number is refused with its reason, not silently raised.
                minValue={1}
                maxValue={STATS_RULE_MAX}
                errorMessage={message(fieldState.error?.message, min)}
                name={field.name}
              />
            )}
          />
        ))}
        <Controller
          control={control}
          name="maxEpsilon"
          render={({ field, fieldState }) => (
            <OptionalNumberField
              label={t('statistics.rulesAdmin.maxEpsilon')}
              description={t('statistics.rulesAdmin.maxEpsilonHelp', { max: STATS_MAX_EPSILON })}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              fractionDigits={2}
              errorMessage={fieldState.error ? t('statistics.rulesAdmin.tooLooseEpsilon', { max: STATS_MAX_EPSILON }) : undefined}
              name={field.name}
            />
          )}
        />
        <Controller
          control={control}
          name="privacyBudgetTotal"
          render={({ field, fieldState }) => (
            <OptionalNumberField
              label={t('statistics.rulesAdmin.privacyBudgetTotal')}
              description={t('statistics.rulesAdmin.privacyBudgetTotalHelp', { max: STATS_DEFAULT_PRIVACY_BUDGET })}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              fractionDigits={2}
              errorMessage={fieldState.error ? t('statistics.rulesAdmin.budgetRange', { min: view?.privacyBudget.spent ?? 0, max: STATS_DEFAULT_PRIVACY_BUDGET }) : undefined}
              name={field.name}
            />
          )}
        />
        {view ? <p className="muted small">{t('statistics.rulesAdmin.budget', { spent: view.privacyBudget.spent, remaining: view.privacyBudget.remaining, total: view.privacyBudget.total })}</p> : null}
        {error ? <Notice tone="error">{error}</Notice> : null}
        {/* Until the next edit: a changed field makes the form dirty again. */}
        {saved && !formState.isDirty ? <Notice tone="success">{t('statistics.rulesAdmin.saved')}</Notice> : null}
        <div className="actions">
          <Button variant="primary" type="submit" isPending={formState.isSubmitting}>
            {t('statistics.rulesAdmin.save')}
          </Button>
        </div>
      </form>
    </section>
  );
}
