import '../styles/pickers.css';
import type { ReactNode } from 'react';
import { FieldError, Label, RadioButton, RadioField, RadioGroup, Text } from 'react-aria-components';

export interface RadioChoiceProps<K extends string> {
  label: ReactNode;
  options: readonly { id: K; label: string }[];
  value: K;
  onChange: (value: K) => void;
  description?: ReactNode;
  errorMessage?: string;
}

/** A few exclusive options side by side (arrows move between them), as the language switch. */
export function RadioChoice<K extends string>({ label, options, value, onChange, description, errorMessage }: RadioChoiceProps<K>) {
  return (
    <RadioGroup
      className="field radio-choice"
      orientation="horizontal"
      value={value}
      onChange={(v) => onChange(v as K)}
      isInvalid={Boolean(errorMessage)}
      validationBehavior="aria"
    >
      <Label className="field-label">{label}</Label>
      <div className="segmented">
        {options.map((option) => (
          <RadioField key={option.id} value={option.id} className="segmented-option">
            <RadioButton className="segmented-button">{option.label}</RadioButton>
          </RadioField>
        ))}
      </div>
      {description ? (
        <Text slot="description" className="field-help">
          {description}
        </Text>
      ) : null}
      <FieldError className="field-error">{errorMessage}</FieldError>
    </RadioGroup>
  );
}
