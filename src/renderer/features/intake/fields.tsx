import type { ReactNode } from 'react';
import { useController, useFormContext, type FieldPath } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Checkbox } from '../../ui/Checkbox';
import { CodeMultiSelect } from '../../ui/CodeMultiSelect';
import { IsoDatePicker } from '../../ui/IsoDatePicker';
import { MultilineField } from '../../ui/MultilineField';
import { NumberField } from '../../ui/NumberField';
import { RadioChoice } from '../../ui/RadioChoice';
import { SearchableSelect } from '../../ui/SearchableSelect';
import { Select, type SelectOption } from '../../ui/Select';
import { TextField } from '../../ui/TextField';
import type { IntakeValues } from './intakeForm';

/** Form fields of the intake wizard, bound to its react-hook-form context by name. */
type Name = FieldPath<IntakeValues>;

function useField(name: Name) {
  const { t } = useTranslation();
  const { control } = useFormContext<IntakeValues>();
  const { field, fieldState } = useController({ control, name });
  const message = fieldState.error?.message;
  const errorMessage = fieldState.error ? t(message && /^(intake|validation)\./.test(message) ? message : 'validation.invalid') : undefined;
  return { field, errorMessage };
}

const NONE = '__none';

/** A "sensitive" mark beside a label (decorative: the field's description says it in words). */
export function SensitiveLabel({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      {children}
      <span className="sensitive-tag" aria-hidden="true">
        <svg viewBox="0 0 16 16" width="12" height="12" focusable="false">
          <rect x="3" y="7" width="10" height="7" rx="1.5" fill="currentColor" />
          <path d="M5.5 7V5a2.5 2.5 0 015 0v2" fill="none" stroke="currentColor" strokeWidth="1.6" />
        </svg>
        {t('intake.sensitive')}
      </span>
    </>
  );
}

export function TextInput({ name, label, description, maxLength = 200 }: { name: Name; label: ReactNode; description?: ReactNode; maxLength?: number }) {
  const { field, errorMessage } = useField(name);
  return (
    <TextField
      label={label}
      description={description}
      name={field.name}
      value={(field.value as string | undefined) ?? ''}
      onChange={field.onChange}
      onBlur={field.onBlur}
      inputRef={field.ref}
      errorMessage={errorMessage}
      maxLength={maxLength}
      // Nothing of a case file is remembered by the browser's autofill or form restore.
      autoComplete="off"
    />
  );
}

export function AgeInput({ name, label, description }: { name: Name; label: ReactNode; description?: ReactNode }) {
  const { field, errorMessage } = useField(name);
  const value = field.value as number | null;
  return (
    <NumberField
      label={label}
      description={description}
      name={field.name}
      value={value ?? Number.NaN}
      onChange={(n) => field.onChange(Number.isNaN(n) ? null : n)}
      onBlur={field.onBlur}
      minValue={0}
      maxValue={120}
      errorMessage={errorMessage}
    />
  );
}

export function DateInput({ name, label, description, maxValue, minValue }: { name: Name; label: ReactNode; description?: ReactNode; maxValue?: string; minValue?: string }) {
  const { field, errorMessage } = useField(name);
  return (
    <IsoDatePicker
      label={label}
      description={description}
      name={field.name}
      value={(field.value as string | null) ?? null}
      onChange={field.onChange}
      onBlur={field.onBlur}
      errorMessage={errorMessage}
      maxValue={maxValue}
      minValue={minValue}
    />
  );
}

/** A choice from a code list; `noneLabel` adds an option for "not recorded" (null). */
export function ChoiceSelect({ name, label, options, noneLabel, description }: { name: Name; label: ReactNode; options: SelectOption<string>[]; noneLabel?: string; description?: ReactNode }) {
  const { field, errorMessage } = useField(name);
  const value = (field.value as string | null) ?? null;
  const all = noneLabel ? [{ id: NONE, label: noneLabel }, ...options] : options;
  return (
    <Select
      label={label}
      description={description}
      options={all}
      value={value ?? (noneLabel ? NONE : null)}
      onChange={(v) => field.onChange(v === NONE ? null : v)}
      errorMessage={errorMessage}
      name={field.name}
      placeholder={noneLabel}
    />
  );
}

export function SearchChoice({ name, label, options, description, placeholder, emptyText }: { name: Name; label: ReactNode; options: SelectOption<string>[]; description?: ReactNode; placeholder?: string; emptyText?: string }) {
  const { field, errorMessage } = useField(name);
  return (
    <SearchableSelect
      label={label}
      description={description}
      options={options}
      value={(field.value as string | null) ?? null}
      onChange={field.onChange}
      errorMessage={errorMessage}
      placeholder={placeholder}
      emptyText={emptyText}
    />
  );
}

export function MultiChoice({
  name,
  label,
  options,
  chosenLabel,
  max,
  description,
  placeholder,
  emptyText,
}: {
  name: Name;
  label: ReactNode;
  options: SelectOption<string>[];
  chosenLabel: string;
  max: number;
  description?: ReactNode;
  placeholder?: string;
  emptyText?: string;
}) {
  const { field, errorMessage } = useField(name);
  return (
    <CodeMultiSelect
      label={label}
      description={description}
      options={options}
      values={(field.value as string[] | undefined) ?? []}
      onChange={field.onChange}
      chosenLabel={chosenLabel}
      max={max}
      errorMessage={errorMessage}
      placeholder={placeholder}
      emptyText={emptyText}
    />
  );
}

export function RadioInput<K extends string>({ name, label, options, description, nullAs }: { name: Name; label: ReactNode; options: { id: K; label: string }[]; description?: ReactNode; nullAs?: K }) {
  const { field, errorMessage } = useField(name);
  const value = ((field.value as K | null) ?? nullAs) as K;
  return (
    <RadioChoice
      label={label}
      description={description}
      options={options}
      value={value}
      onChange={(v) => field.onChange(nullAs !== undefined && v === nullAs ? null : v)}
      errorMessage={errorMessage}
    />
  );
}

export function LongTextInput({ name, label, description }: { name: Name; label: ReactNode; description?: ReactNode }) {
  const { field, errorMessage } = useField(name);
  return (
    <MultilineField
      label={label}
      description={description}
      name={field.name}
      value={(field.value as string | undefined) ?? ''}
      onChange={field.onChange}
      onBlur={field.onBlur}
      errorMessage={errorMessage}
      maxLength={20_000}
    />
  );
}

export function CheckInput({ name, children }: { name: Name; children: ReactNode }) {
  const { field } = useField(name);
  return (
    <Checkbox isSelected={Boolean(field.value)} onChange={field.onChange}>
      {children}
    </Checkbox>
  );
}
