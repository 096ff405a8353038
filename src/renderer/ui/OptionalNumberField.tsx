import '../styles/choice-fields.css';
import type { ReactNode } from 'react';
import { FieldError, Input, Label, NumberField as AriaNumberField, Text } from 'react-aria-components';

export interface OptionalNumberFieldProps {
  label: ReactNode;
  /** Null when nothing is entered. */
  value: number | null;
  onChange: (value: number | null) => void;
  onBlur?: () => void;
  minValue?: number;
  maxValue?: number;
  /** Digits after the decimal separator (0 for whole numbers). */
  fractionDigits?: number;
  description?: ReactNode;
  errorMessage?: string;
  name?: string;
}

/** A number that may be left empty (age, children, cost), formatted in the current language. */
export function OptionalNumberField({ label, value, onChange, onBlur, minValue, maxValue, fractionDigits = 0, description, errorMessage, name }: OptionalNumberFieldProps) {
  return (
    <AriaNumberField
      className="field number-field optional-number"
      value={value ?? Number.NaN}
      onChange={(next) => onChange(Number.isNaN(next) ? null : next)}
      onBlur={onBlur}
      minValue={minValue}
      maxValue={maxValue}
      isInvalid={Boolean(errorMessage)}
      validationBehavior="aria"
      formatOptions={{ maximumFractionDigits: fractionDigits, minimumFractionDigits: 0, useGrouping: fractionDigits > 0 }}
      name={name}
    >
      <Label className="field-label">{label}</Label>
      <Input className="field-input number-plain" />
      {description ? (
        <Text slot="description" className="field-help">
          {description}
        </Text>
      ) : null}
      <FieldError className="field-error">{errorMessage}</FieldError>
    </AriaNumberField>
  );
}
