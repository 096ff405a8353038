import '../styles/choice-fields.css';
import type { ReactNode } from 'react';
import { CheckboxButton, CheckboxField, CheckboxGroup, FieldError, Label, Text } from 'react-aria-components';

export interface CheckboxGroupOption<K extends string> {
  id: K;
  label: string;
}

export interface CheckboxGroupFieldProps<K extends string> {
  label: ReactNode;
  options: readonly CheckboxGroupOption<K>[];
  value: readonly K[];
  onChange: (value: K[]) => void;
  description?: ReactNode;
  errorMessage?: string;
  /** Lay the options out in columns when there are many. */
  columns?: 1 | 2;
}

/** Several codes out of a short list, as checkboxes (methods of control, exploitation types…). */
export function CheckboxGroupField<K extends string>({ label, options, value, onChange, description, errorMessage, columns = 2 }: CheckboxGroupFieldProps<K>) {
  return (
    <CheckboxGroup
      className="field checkbox-group"
      value={[...value]}
      onChange={(next) => onChange(next as K[])}
      isInvalid={Boolean(errorMessage)}
      validationBehavior="aria"
    >
      <Label className="field-label">{label}</Label>
      {description ? (
        <Text slot="description" className="field-help">
          {description}
        </Text>
      ) : null}
      <div className={columns === 2 ? 'checkbox-options two-columns' : 'checkbox-options'}>
        {options.map((option) => (
          <CheckboxField key={option.id} value={option.id} className="checkbox-field">
            <CheckboxButton className="checkbox">
              <span className="checkbox-box" aria-hidden="true">
                <svg viewBox="0 0 16 16" width="14" height="14" focusable="false">
                  <path d="M3.5 8.5l3 3 6-7" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />
                </svg>
              </span>
              <span className="checkbox-label">{option.label}</span>
            </CheckboxButton>
          </CheckboxField>
        ))}
      </div>
      <FieldError className="field-error">{errorMessage}</FieldError>
    </CheckboxGroup>
  );
}
