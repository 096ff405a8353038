import type { ReactNode } from 'react';
import { useController, type Control, type FieldError, type FieldPath, type FieldValues } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { CheckboxGroupField } from '../../ui/CheckboxGroupField';
import { CodeMultiSelect } from '../../ui/CodeMultiSelect';
import { IsoDatePicker } from '../../ui/IsoDatePicker';
import { MultilineField } from '../../ui/MultilineField';
import { OptionalNumberField } from '../../ui/OptionalNumberField';
import { RadioChoice } from '../../ui/RadioChoice';
import { SearchableSelect } from '../../ui/SearchableSelect';
import { Select } from '../../ui/Select';
import { Switch } from '../../ui/Switch';
import { TextField } from '../../ui/TextField';
import type { Option } from './vocab';

/**
 * Form fields bound to react-hook-form, for the section and record forms. Validation comes from
 * the contract's own zod schemas; their English issues are turned into messages a person can act
 * on, by the kind of field.
 */
type Kind = 'text' | 'choice' | 'date' | 'number' | 'list' | 'currency';

export function useErrorText() {
  const { t } = useTranslation();
  return (error: FieldError | undefined, kind: Kind): string | undefined => {
    if (!error) return undefined;
    const message = error.message ?? '';
    if (/^(caseView|validation)\./.test(message)) return t(message);
    switch (error.type) {
      case 'too_big':
        return t(kind === 'list' ? 'caseView.validation.tooMany' : kind === 'number' ? 'caseView.validation.number' : 'caseView.validation.tooLong');
      case 'too_small':
        return t(kind === 'number' ? 'caseView.validation.number' : 'caseView.validation.required');
      case 'invalid_format':
        return t(kind === 'currency' ? 'caseView.validation.currency' : kind === 'date' ? 'caseView.validation.date' : 'validation.invalid');
      case 'invalid_type':
      case 'invalid_value':
        return t(
          kind === 'choice' ? 'caseView.validation.choose' : kind === 'date' ? 'caseView.validation.dateRequired' : kind === 'number' ? 'caseView.validation.number' : 'caseView.validation.required',
        );
      default:
        return t('validation.invalid');
    }
  };
}

// The forms' value types differ from their parsed types (zod defaults); fields only need the values.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyControl<T extends FieldValues> = Control<T, any, any>;

interface BaseProps<T extends FieldValues> {
  control: AnyControl<T>;
  name: FieldPath<T>;
  label: ReactNode;
  description?: ReactNode;
  isRequired?: boolean;
}

export function TextF<T extends FieldValues>({ control, name, label, description, isRequired, kind = 'text' }: BaseProps<T> & { kind?: 'text' | 'currency' }) {
  const { field, fieldState } = useController({ control, name });
  const errorText = useErrorText();
  return (
    <TextField
      label={label}
      description={description}
      isRequired={isRequired}
      name={field.name}
      value={(field.value as string | null | undefined) ?? ''}
      onChange={(value) => field.onChange(kind === 'currency' ? value.toUpperCase() || null : value)}
      onBlur={field.onBlur}
      inputRef={field.ref}
      errorMessage={errorText(fieldState.error, kind)}
      maxLength={kind === 'currency' ? 3 : undefined}
    />
  );
}

export function TextAreaF<T extends FieldValues>({ control, name, label, description, rows }: BaseProps<T> & { rows?: number }) {
  const { field, fieldState } = useController({ control, name });
  const errorText = useErrorText();
  return (
    <MultilineField
      label={label}
      description={description}
      name={field.name}
      value={(field.value as string | undefined) ?? ''}
      onChange={field.onChange}
      onBlur={field.onBlur}
      rows={rows}
      errorMessage={errorText(fieldState.error, 'text')}
    />
  );
}

const NONE = '__none';

/** A coded value from a list; `nullable` adds "Not recorded" to clear it. */
export function SelectF<T extends FieldValues>({
  control,
  name,
  label,
  description,
  options,
  nullable = true,
  isDisabled,
  onValueChange,
}: BaseProps<T> & { options: readonly Option[]; nullable?: boolean; isDisabled?: boolean; onValueChange?: (value: string | null) => void }) {
  const { t } = useTranslation();
  const { field, fieldState } = useController({ control, name });
  const errorText = useErrorText();
  const all = nullable ? [{ id: NONE, label: t('caseView.none') }, ...options] : options;
  const value = (field.value as string | null | undefined) ?? null;
  return (
    <Select<string>
      label={label}
      description={description}
      options={all}
      value={value}
      placeholder={nullable ? t('caseView.none') : t('caseView.choose')}
      onChange={(next) => {
        const v = next === NONE ? null : next;
        field.onChange(v);
        onValueChange?.(v);
      }}
      isDisabled={isDisabled}
      errorMessage={errorText(fieldState.error, 'choice')}
      name={field.name}
    />
  );
}

/** One code out of a long list (a country), found by typing. */
export function ComboF<T extends FieldValues>({ control, name, label, description, options }: BaseProps<T> & { options: readonly Option[] }) {
  const { t } = useTranslation();
  const { field, fieldState } = useController({ control, name });
  const errorText = useErrorText();
  return (
    <SearchableSelect<string>
      label={label}
      description={description}
      options={options}
      value={(field.value as string | null | undefined) ?? null}
      onChange={field.onChange}
      placeholder={t('caseView.typeToSearch')}
      emptyText={t('caseView.noMatches')}
      clearLabel={t('caseView.clear', { label: typeof label === 'string' ? label : '' })}
      errorMessage={errorText(fieldState.error, 'choice')}
    />
  );
}

/** A few exclusive options side by side. */
export function RadioF<T extends FieldValues>({ control, name, label, description, options }: BaseProps<T> & { options: readonly Option[] }) {
  const { field, fieldState } = useController({ control, name });
  const errorText = useErrorText();
  return (
    <RadioChoice<string>
      label={label}
      description={description}
      options={options}
      value={(field.value as string | undefined) ?? ''}
      onChange={field.onChange}
      errorMessage={errorText(fieldState.error, 'choice')}
    />
  );
}

export function MultiF<T extends FieldValues>({ control, name, label, description, options, max }: BaseProps<T> & { options: readonly Option[]; max?: number }) {
  const { t } = useTranslation();
  const { field, fieldState } = useController({ control, name });
  const errorText = useErrorText();
  const value = (field.value as string[] | undefined) ?? [];
  return (
    <CodeMultiSelect<string>
      label={label}
      description={description ?? (max ? t('caseView.atMost', { count: max }) : undefined)}
      options={options}
      values={value}
      onChange={field.onChange}
      max={max}
      placeholder={t('caseView.typeToSearch')}
      emptyText={t('caseView.noMatches')}
      chosenLabel={t('caseView.chosen', { label: typeof label === 'string' ? label : '' })}
      errorMessage={errorText(fieldState.error, 'list')}
    />
  );
}

export function ChecksF<T extends FieldValues>({ control, name, label, description, options, columns }: BaseProps<T> & { options: readonly Option[]; columns?: 1 | 2 }) {
  const { field, fieldState } = useController({ control, name });
  const errorText = useErrorText();
  return (
    <CheckboxGroupField<string>
      label={label}
      description={description}
      options={options}
      value={(field.value as string[] | undefined) ?? []}
      onChange={field.onChange}
      columns={columns}
      errorMessage={errorText(fieldState.error, 'list')}
    />
  );
}

export function DateF<T extends FieldValues>({ control, name, label, description, isRequired }: BaseProps<T>) {
  const { field, fieldState } = useController({ control, name });
  const errorText = useErrorText();
  return (
    <IsoDatePicker
      label={label}
      description={description}
      isRequired={isRequired}
      value={(field.value as string | null | undefined) ?? null}
      onChange={field.onChange}
      onBlur={field.onBlur}
      errorMessage={errorText(fieldState.error, 'date')}
      name={field.name}
    />
  );
}

export function NumberF<T extends FieldValues>({
  control,
  name,
  label,
  description,
  minValue,
  maxValue,
  fractionDigits,
}: BaseProps<T> & { minValue?: number; maxValue?: number; fractionDigits?: number }) {
  const { field, fieldState } = useController({ control, name });
  const errorText = useErrorText();
  return (
    <OptionalNumberField
      label={label}
      description={description}
      value={(field.value as number | null | undefined) ?? null}
      onChange={field.onChange}
      onBlur={field.onBlur}
      minValue={minValue}
      maxValue={maxValue}
      fractionDigits={fractionDigits}
      errorMessage={errorText(fieldState.error, 'number')}
      name={field.name}
    />
  );
}

export function SwitchF<T extends FieldValues>({ control, name, label, description }: BaseProps<T>) {
  const { field } = useController({ control, name });
  return (
    <Switch isSelected={Boolean(field.value)} onChange={field.onChange} description={description}>
      {label}
    </Switch>
  );
}

/** A row of fields side by side on wide screens. */
export function FieldRow({ children }: { children: ReactNode }) {
  return <div className="field-row">{children}</div>;
}
