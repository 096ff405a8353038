import '../styles/pickers.css';
import { parseDate, type CalendarDate } from '@internationalized/date';
import type { ReactNode } from 'react';
import {
  Button,
  Calendar,
  CalendarCell,
  CalendarGrid,
  DateInput,
  DatePicker,
  DateSegment,
  Dialog,
  FieldError,
  Group,
  Heading,
  Label,
  Popover,
  Text,
} from 'react-aria-components';

export interface IsoDatePickerProps {
  label: ReactNode;
  /** YYYY-MM-DD, or null for no date. */
  value: string | null;
  onChange: (value: string | null) => void;
  onBlur?: () => void;
  description?: ReactNode;
  errorMessage?: string;
  isRequired?: boolean;
  /** YYYY-MM-DD bounds. */
  minValue?: string;
  maxValue?: string;
  name?: string;
}

function toDate(iso: string | null | undefined): CalendarDate | null {
  if (!iso) return null;
  try {
    return parseDate(iso.slice(0, 10));
  } catch {
    return null;
  }
}

/**
 * A calendar date: typed segment by segment in the order of the current language (day first in
 * Spanish), or picked from a calendar. The value is an ISO date, as the contract wants it.
 */
export function IsoDatePicker({ label, value, onChange, onBlur, description, errorMessage, isRequired, minValue, maxValue, name }: IsoDatePickerProps) {
  return (
    <DatePicker
      className="field date-picker"
      value={toDate(value)}
      onChange={(date) => onChange(date ? date.toString() : null)}
      onBlur={onBlur}
      isInvalid={Boolean(errorMessage)}
      isRequired={isRequired}
      validationBehavior="aria"
      minValue={toDate(minValue) ?? undefined}
      maxValue={toDate(maxValue) ?? undefined}
      granularity="day"
      name={name}
    >
      <Label className="field-label">{label}</Label>
      <Group className="date-group">
        <DateInput className="date-input">{(segment) => <DateSegment segment={segment} className="date-segment" />}</DateInput>
        <Button className="date-button">
          <svg viewBox="0 0 16 16" width="16" height="16" focusable="false" aria-hidden="true">
            <rect x="2" y="3" width="12" height="11" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
            <path d="M2 6.5h12M5 1.5v3M11 1.5v3" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
          </svg>
        </Button>
      </Group>
      {description ? (
        <Text slot="description" className="field-help">
          {description}
        </Text>
      ) : null}
      <FieldError className="field-error">{errorMessage}</FieldError>
      <Popover className="popover date-popover">
        <Dialog className="date-dialog">
          <Calendar className="calendar">
            <header className="calendar-header">
              <Button slot="previous" className="calendar-nav">
                <span aria-hidden="true">‹</span>
              </Button>
              <Heading className="calendar-heading" />
              <Button slot="next" className="calendar-nav">
                <span aria-hidden="true">›</span>
              </Button>
            </header>
            <CalendarGrid className="calendar-grid">{(date) => <CalendarCell date={date} className="calendar-cell" />}</CalendarGrid>
          </Calendar>
        </Dialog>
      </Popover>
    </DatePicker>
  );
}
