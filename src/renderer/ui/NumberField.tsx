import type { ReactNode } from 'react';
import { Button, FieldError, Group, Input, Label, NumberField as AriaNumberField, Text } from 'react-aria-components';

export interface NumberFieldProps {
  label: ReactNode;
  value: number;
  onChange?: (value: number) => void;
  onBlur?: () => void;
  minValue: number;
  maxValue: number;
  description?: ReactNode;
  errorMessage?: string;
  isReadOnly?: boolean;
  name?: string;
}

export function NumberField({ label, value, onChange, onBlur, minValue, maxValue, description, errorMessage, isReadOnly, name }: NumberFieldProps) {
  return (
    <AriaNumberField
      className="field number-field"
      value={value}
      onChange={onChange}
      onBlur={onBlur}
      minValue={minValue}
      maxValue={maxValue}
      step={1}
      isReadOnly={isReadOnly}
      isInvalid={Boolean(errorMessage)}
      validationBehavior="aria"
      formatOptions={{ maximumFractionDigits: 0, useGrouping: false }}
      name={name}
    >
      <Label className="field-label">{label}</Label>
      <Group className="number-group">
        {!isReadOnly ? (
          <Button slot="decrement" className="number-step">
            <span aria-hidden="true">−</span>
          </Button>
        ) : null}
        <Input className="field-input number-input" />
        {!isReadOnly ? (
          <Button slot="increment" className="number-step">
            <span aria-hidden="true">+</span>
          </Button>
        ) : null}
      </Group>
      {description ? (
        <Text slot="description" className="field-help">
          {description}
        </Text>
      ) : null}
      <FieldError className="field-error">{errorMessage}</FieldError>
    </AriaNumberField>
  );
}
