import type { ReactNode, Ref } from 'react';
import { FieldError, Input, Label, Text, TextField as AriaTextField, type TextFieldProps as AriaTextFieldProps } from 'react-aria-components';

export interface TextFieldProps extends Omit<AriaTextFieldProps, 'className' | 'children'> {
  label: ReactNode;
  description?: ReactNode;
  errorMessage?: string;
  className?: string;
  monospace?: boolean;
  placeholder?: string;
  inputRef?: Ref<HTMLInputElement>;
}

/** Label, input, help text and error, wired together for assistive technology. */
export function TextField({ label, description, errorMessage, className, monospace, placeholder, inputRef, ...props }: TextFieldProps) {
  return (
    <AriaTextField
      {...props}
      validationBehavior="aria"
      isInvalid={Boolean(errorMessage) || props.isInvalid}
      className={['field', className ?? ''].filter(Boolean).join(' ')}
    >
      <Label className="field-label">{label}</Label>
      <Input ref={inputRef} className={monospace ? 'field-input mono' : 'field-input'} placeholder={placeholder} />
      {description ? (
        <Text slot="description" className="field-help">
          {description}
        </Text>
      ) : null}
      <FieldError className="field-error">{errorMessage}</FieldError>
    </AriaTextField>
  );
}
