import type { TFunction } from 'i18next';
import { isApiError } from './client';

/** A person-readable message for any error: translated by code, the core's message as fallback. */
export function describeError(t: TFunction, error: unknown, values: Record<string, unknown> = {}): string {
  if (isApiError(error)) {
    return t(`errors.${error.code}`, { ...values, defaultValue: error.message || t('errors.INTERNAL') });
  }
  return t('errors.INTERNAL');
}
