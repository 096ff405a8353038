import '../styles/pickers.css';
import type { ReactNode } from 'react';
import { FieldError, Label, Text, TextArea, TextField } from 'react-aria-components';

export interface MultilineFieldProps {
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  description?: ReactNode;
  errorMessage?: string;
  rows?: number;
  maxLength?: number;
  name?: string;
}

/** A labelled text area for narrative text (safety plans, notes). */
export function MultilineField({ label, value, onChange, onBlur, description, errorMessage, rows = 4, maxLength, name }: MultilineFieldProps) {
  return (
    <TextField className="field" value={value} onChange={onChange} onBlur={onBlur} isInvalid={Boolean(errorMessage)} validationBehavior="aria" name={name}>
      <Label className="field-label">{label}</Label>
      <TextArea className="field-input field-textarea" rows={rows} maxLength={maxLength} autoComplete="off" />
      {description ? (
        <Text slot="description" className="field-help">
          {description}
        </Text>
      ) : null}
      <FieldError className="field-error">{errorMessage}</FieldError>
    </TextField>
  );
}
