import { useCallback, useState } from 'react';
import type { FieldPath, FieldValues, UseFormSetError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { describeError } from '../api/errors';

/**
 * Routes an error from the core: codes that belong to one field are shown on that field (and
 * focus moves there); anything else becomes the form's message.
 */
export function useFormError<T extends FieldValues>(setError: UseFormSetError<T>) {
  const { t } = useTranslation();
  const [formError, setFormError] = useState<string | null>(null);

  const handle = useCallback(
    (error: unknown, fields: Partial<Record<string, FieldPath<T>>> = {}) => {
      if (isApiError(error)) {
        const field = fields[error.code];
        if (field) {
          setFormError(null);
          setError(field, { type: 'server', message: `errors.${error.code}` }, { shouldFocus: true });
          return;
        }
      }
      setFormError(describeError(t, error));
    },
    [setError, t],
  );

  return { formError, setFormError, handleError: handle };
}
