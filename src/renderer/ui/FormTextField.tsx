import type { ReactNode } from 'react';
import { useController, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { TextField } from './TextField';

export interface FormTextFieldProps<T extends FieldValues> {
  control: Control<T>;
  name: FieldPath<T>;
  label: ReactNode;
  description?: ReactNode;
  type?: 'text' | 'password';
  autoComplete?: string;
  autoFocus?: boolean;
  monospace?: boolean;
  isDisabled?: boolean;
  isRequired?: boolean;
  placeholder?: string;
  /** Used when the schema's own message is not a translation key. */
  fallbackErrorKey?: string;
}

/**
 * A TextField bound to react-hook-form. Schema messages are translation keys (`validation.*`);
 * anything else (e.g. a message from a shared schema) falls back to `fallbackErrorKey`.
 */
export function FormTextField<T extends FieldValues>({ control, name, fallbackErrorKey, type = 'text', ...rest }: FormTextFieldProps<T>) {
  const { t } = useTranslation();
  const { field, fieldState } = useController({ control, name });
  const raw = fieldState.error?.message;
  let errorMessage: string | undefined;
  if (fieldState.error) {
    if (raw && /^(validation|errors)\./.test(raw)) errorMessage = t(raw);
    else errorMessage = t(fallbackErrorKey ?? 'validation.invalid');
  }
  return (
    <TextField
      {...rest}
      type={type}
      name={field.name}
      value={(field.value as string | undefined) ?? ''}
      onChange={field.onChange}
      onBlur={field.onBlur}
      inputRef={field.ref}
      errorMessage={errorMessage}
    />
  );
}
