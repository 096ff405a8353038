import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { AUDIT_ACTIONS, type AuditAction, type AuditFilter } from '../../../shared/audit';
import type { StaffMember } from '../../../shared/staff';
import { Button } from '../../ui/Button';
import { FormTextField } from '../../ui/FormTextField';
import { IsoDatePicker } from '../../ui/IsoDatePicker';
import { Select } from '../../ui/Select';

const ANY = 'any';

/** The form's values: "any" for no person or action, '' for no case code, null for no date. */
const auditFilterForm = z
  .object({
    actorId: z.string(),
    caseCode: z.string().trim().max(40, 'audit.filters.caseCodeTooLong'),
    action: z.string(),
    from: z.string().nullable(),
    to: z.string().nullable(),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: 'audit.filters.rangeInvalid', path: ['to'] });
type FilterValues = z.input<typeof auditFilterForm>;

const EMPTY: FilterValues = { actorId: ANY, caseCode: '', action: ANY, from: null, to: null };

function toValues(filter: AuditFilter): FilterValues {
  return { actorId: filter.actorId ?? ANY, caseCode: filter.caseCode ?? '', action: filter.action ?? ANY, from: filter.from ?? null, to: filter.to ?? null };
}

function toFilter(values: z.output<typeof auditFilterForm>): AuditFilter {
  return {
    ...(values.actorId !== ANY ? { actorId: values.actorId } : {}),
    ...(values.caseCode ? { caseCode: values.caseCode } : {}),
    ...(values.action !== ANY ? { action: values.action as AuditAction } : {}),
    ...(values.from ? { from: values.from } : {}),
    ...(values.to ? { to: values.to } : {}),
  };
}

export const actionLabelKey = (action: string) => `audit.actions.${action}`;

/** Person, case code, action and days; applied with the button (or Enter), cleared at once. */
export function AuditFilters({ value, staff, onApply }: { value: AuditFilter; staff: StaffMember[] | null; onApply: (filter: AuditFilter) => void }) {
  const { t } = useTranslation();
  const { control, handleSubmit, reset } = useForm<FilterValues, unknown, z.output<typeof auditFilterForm>>({
    resolver: zodResolver(auditFilterForm),
    defaultValues: toValues(value),
  });

  const people = useMemo(
    () => [
      { id: ANY, label: t('audit.filters.anyone') },
      ...(staff ?? []).map((m) => ({
        id: m.id,
        label: t(m.active ? 'audit.filters.personOption' : 'audit.filters.personOptionDisabled', { name: m.displayName, role: t(`roles.${m.role}`) }),
      })),
    ],
    [staff, t],
  );
  const actions = useMemo(() => [{ id: ANY, label: t('audit.filters.anyAction') }, ...AUDIT_ACTIONS.map((a) => ({ id: a, label: t(actionLabelKey(a)) }))], [t]);

  return (
    <form className="case-filters audit-filters" aria-label={t('audit.filters.label')} onSubmit={handleSubmit((values) => onApply(toFilter(values)))} noValidate>
      <div className="filter-row filter-fields">
        <Controller
          control={control}
          name="actorId"
          render={({ field }) => <Select label={t('audit.filters.person')} options={people} value={field.value} onChange={field.onChange} name={field.name} />}
        />
        <FormTextField control={control} name="caseCode" label={t('audit.filters.caseCode')} placeholder={t('audit.filters.caseCodePlaceholder')} monospace />
        <Controller
          control={control}
          name="action"
          render={({ field }) => <Select label={t('audit.filters.action')} options={actions} value={field.value} onChange={field.onChange} name={field.name} />}
        />
        <Controller
          control={control}
          name="from"
          render={({ field, fieldState }) => (
            <IsoDatePicker
              label={t('audit.filters.from')}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              name={field.name}
              errorMessage={fieldState.error?.message ? t(fieldState.error.message) : undefined}
            />
          )}
        />
        <Controller
          control={control}
          name="to"
          render={({ field, fieldState }) => (
            <IsoDatePicker
              label={t('audit.filters.to')}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              name={field.name}
              errorMessage={fieldState.error?.message ? t(fieldState.error.message) : undefined}
            />
          )}
        />
        <div className="audit-filter-actions">
          <Button variant="primary" type="submit">
            {t('audit.filters.apply')}
          </Button>
          <Button
            variant="link"
            size="small"
            onPress={() => {
              reset(EMPTY);
              onApply({});
            }}
          >
            {t('audit.filters.clear')}
          </Button>
        </div>
      </div>
    </form>
  );
}
