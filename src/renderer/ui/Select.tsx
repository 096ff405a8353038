import type { Key } from 'react-aria-components';
import { Button, FieldError, Label, ListBox, ListBoxItem, Popover, Select as AriaSelect, SelectValue, Text } from 'react-aria-components';
import type { ReactNode } from 'react';

export interface SelectOption<K extends string> {
  id: K;
  label: string;
}

export interface SelectProps<K extends string> {
  label: ReactNode;
  options: readonly SelectOption<K>[];
  value: K | null;
  onChange: (value: K) => void;
  description?: ReactNode;
  errorMessage?: string;
  isDisabled?: boolean;
  placeholder?: string;
  name?: string;
}

export function Select<K extends string>({ label, options, value, onChange, description, errorMessage, isDisabled, placeholder, name }: SelectProps<K>) {
  return (
    <AriaSelect
      className="field select"
      value={value}
      onChange={(key: Key | null) => {
        if (key !== null) onChange(String(key) as K);
      }}
      isDisabled={isDisabled}
      isInvalid={Boolean(errorMessage)}
      validationBehavior="aria"
      placeholder={placeholder}
      name={name}
    >
      <Label className="field-label">{label}</Label>
      <Button className="select-trigger">
        <SelectValue className="select-value" />
        <span className="select-chevron" aria-hidden="true">
          <svg viewBox="0 0 16 16" width="16" height="16" focusable="false">
            <path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </span>
      </Button>
      {description ? (
        <Text slot="description" className="field-help">
          {description}
        </Text>
      ) : null}
      <FieldError className="field-error">{errorMessage}</FieldError>
      <Popover className="popover">
        <ListBox className="listbox" items={options}>
          {(option) => (
            <ListBoxItem id={option.id} className="listbox-item" textValue={option.label}>
              {option.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </AriaSelect>
  );
}
