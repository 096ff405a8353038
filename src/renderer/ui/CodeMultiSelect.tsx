import '../styles/pickers.css';
import { useMemo, useState, type ReactNode } from 'react';
import { Button, ComboBox, FieldError, Group, Input, Label, ListBox, ListBoxItem, Popover, Tag, TagGroup, TagList, Text, type Key } from 'react-aria-components';
import type { SelectOption } from './Select';

export interface CodeMultiSelectProps<K extends string> {
  label: ReactNode;
  options: readonly SelectOption<K>[];
  values: readonly K[];
  onChange: (values: K[]) => void;
  /** The accessible name of the list of chosen items, e.g. "Chosen citizenships". */
  chosenLabel: string;
  max?: number;
  description?: ReactNode;
  errorMessage?: string;
  placeholder?: string;
  emptyText?: string;
}

/**
 * Several codes from a long list: a text box to find them (arrows and Enter pick or unpick one;
 * Escape closes the list), and the chosen ones as tags, each removable with its button or
 * Delete/Backspace.
 */
export function CodeMultiSelect<K extends string>({
  label,
  options,
  values,
  onChange,
  chosenLabel,
  max,
  description,
  errorMessage,
  placeholder,
  emptyText,
}: CodeMultiSelectProps<K>) {
  const [input, setInput] = useState('');
  const chosen = useMemo(() => values.map((code) => options.find((o) => o.id === code) ?? { id: code, label: code }), [options, values]);
  const full = max !== undefined && values.length >= max;
  // At the maximum, only the chosen ones can still be picked (to take them out).
  const disabledKeys = useMemo(() => (full ? options.filter((o) => !values.includes(o.id)).map((o) => o.id) : []), [full, options, values]);

  return (
    <div className="field multi-select">
      <ComboBox
        className="combo"
        selectionMode="multiple"
        defaultItems={options}
        value={values as K[]}
        onChange={(keys: Key[]) => {
          onChange(keys.map((k) => String(k) as K));
          setInput('');
        }}
        inputValue={input}
        onInputChange={setInput}
        disabledKeys={disabledKeys}
        isInvalid={Boolean(errorMessage)}
        validationBehavior="aria"
        allowsEmptyCollection={Boolean(emptyText)}
      >
        <Label className="field-label">{label}</Label>
        <Group className="combo-group">
          <Input className="field-input combo-input" placeholder={placeholder} />
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
      {chosen.length > 0 ? (
        <TagGroup className="tag-group" aria-label={chosenLabel} onRemove={(keys) => onChange(values.filter((v) => !keys.has(v)))}>
          <TagList className="tag-list" items={chosen}>
            {(item) => (
              <Tag id={item.id} className="chosen-tag" textValue={item.label}>
                <span>{item.label}</span>
                <Button slot="remove" className="chosen-tag-remove">
                  <span aria-hidden="true">×</span>
                </Button>
              </Tag>
            )}
          </TagList>
        </TagGroup>
      ) : null}
    </div>
  );
}
