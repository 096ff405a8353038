import type { ReactNode } from 'react';
import { SwitchButton, SwitchField, Text } from 'react-aria-components';

export interface SwitchProps {
  children: ReactNode;
  isSelected: boolean;
  onChange?: (selected: boolean) => void;
  isDisabled?: boolean;
  isReadOnly?: boolean;
  description?: ReactNode;
}

export function Switch({ children, isSelected, onChange, isDisabled, isReadOnly, description }: SwitchProps) {
  return (
    <SwitchField className="switch-field" isSelected={isSelected} onChange={onChange} isDisabled={isDisabled} isReadOnly={isReadOnly}>
      <SwitchButton className="switch">
        <span className="switch-track" aria-hidden="true">
          <span className="switch-thumb" />
        </span>
        <span className="switch-label">{children}</span>
      </SwitchButton>
      {description ? (
        <Text slot="description" className="field-help">
          {description}
        </Text>
      ) : null}
    </SwitchField>
  );
}
