import '../styles/pickers.css';
import type { ReactNode } from 'react';
import { ToggleButton } from 'react-aria-components';

export interface FilterChipProps {
  children: ReactNode;
  isSelected: boolean;
  onChange: (selected: boolean) => void;
  /** A number shown after the label (e.g. how many cases have this status). */
  count?: number | null;
  countLabel?: string;
}

/** A toggle shown as a chip: pressed = the filter applies (aria-pressed). */
export function FilterChip({ children, isSelected, onChange, count, countLabel }: FilterChipProps) {
  return (
    <ToggleButton className="filter-chip" isSelected={isSelected} onChange={onChange}>
      <span className="filter-chip-check" aria-hidden="true">
        <svg viewBox="0 0 16 16" width="12" height="12" focusable="false">
          <path d="M3.5 8.5l3 3 6-7" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </span>
      <span className="filter-chip-label">{children}</span>
      {count !== undefined && count !== null ? (
        <span className="filter-chip-count">
          <span aria-hidden="true">{count}</span>
          {countLabel ? <span className="visually-hidden">{countLabel}</span> : null}
        </span>
      ) : null}
    </ToggleButton>
  );
}
