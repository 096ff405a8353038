import '../styles/pickers.css';
import type { ReactNode } from 'react';
import { Button, ComboBox, FieldError, Group, Input, Label, ListBox, ListBoxItem, Popover, Text, type Key } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { SelectOption } from './Select';

export interface SearchableSelectProps<K extends string> {
  label: ReactNode;
  options: readonly SelectOption<K>[];
  value: K | null;
  onChange: (value: K | null) => void;
  description?: ReactNode;
  errorMessage?: string;
  placeholder?: string;
  /** A small "clear" button (e.g. for filters); its accessible name. */
  clearLabel?: string;
  className?: string;
  isDisabled?: boolean;
  /** Shown in the list when nothing matches what was typed. */
  emptyText?: string;
}

/**
 * A select with a text box to narrow a long list (countries, languages): type a few letters,
 * pick with the arrows and Enter. Matching ignores case and accents ("peru" finds "Perú").
 */
export function SearchableSelect<K extends string>({
  label,
  options,
  value,
  onChange,
  description,
  errorMessage,
  placeholder,
  clearLabel,
  className,
  isDisabled,
  emptyText,
}: SearchableSelectProps<K>) {
  const { i18n } = useTranslation();
  return (
    <ComboBox
      // The text shown is the label in the current language: start afresh when it changes.
      key={i18n.language}
      className={['field combo', className ?? ''].filter(Boolean).join(' ')}
      defaultItems={options}
      selectedKey={value}
      onSelectionChange={(key: Key | null) => onChange(key === null ? null : (String(key) as K))}
      isInvalid={Boolean(errorMessage)}
      isDisabled={isDisabled}
      validationBehavior="aria"
      allowsEmptyCollection={Boolean(emptyText)}
    >
      <Label className="field-label">{label}</Label>
      <Group className="combo-group">
        <Input className="field-input combo-input" placeholder={placeholder} />
        {clearLabel && value !== null ? (
          // A plain button: every React Aria Button inside a ComboBox would become its trigger.
          <button type="button" className="combo-clear" aria-label={clearLabel} onClick={() => onChange(null)}>
            <span aria-hidden="true">×</span>
          </button>
        ) : null}
        <Button className="combo-button">
          <svg viewBox="0 0 16 16" width="16" height="16" focusable="false" aria-hidden="true">
            <path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </Button>
      </Group>
      {description ? (
        <Text slot="description" className="field-help">
          {description}
        </Text>
      ) : null}
      <FieldError className="field-error">{errorMessage}</FieldError>
      <Popover className="popover combo-popover">
        <ListBox<SelectOption<K>> className="listbox" renderEmptyState={() => <p className="listbox-empty">{emptyText}</p>}>
          {(option) => (
            <ListBoxItem id={option.id} className="listbox-item" textValue={option.label}>
              {option.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
