import type { ReactNode } from 'react';
import { CheckboxButton, CheckboxField } from 'react-aria-components';

export interface CheckboxProps {
  children: ReactNode;
  isSelected: boolean;
  onChange: (selected: boolean) => void;
  isDisabled?: boolean;
}

export function Checkbox({ children, isSelected, onChange, isDisabled }: CheckboxProps) {
  return (
    <CheckboxField className="checkbox-field" isSelected={isSelected} onChange={onChange} isDisabled={isDisabled}>
      <CheckboxButton className="checkbox">
        <span className="checkbox-box" aria-hidden="true">
          <svg viewBox="0 0 16 16" width="14" height="14" focusable="false">
            <path d="M3.5 8.5l3 3 6-7" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </span>
        <span className="checkbox-label">{children}</span>
      </CheckboxButton>
    </CheckboxField>
  );
}
