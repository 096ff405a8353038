import { Controller, type Control, type FieldValues, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { REASON_MAX } from '../../../shared/case-file/common';
import { MultilineField } from '../../ui/MultilineField';

/** The required reason of a case write (a reassignment, a deletion), as a form field. */
export function ReasonField<T extends FieldValues>({ control, name, label, description }: { control: Control<T>; name: Path<T>; label: string; description: string }) {
  const { t } = useTranslation();
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <MultilineField
          label={label}
          description={description}
          value={field.value as string}
          onChange={field.onChange}
          onBlur={field.onBlur}
          rows={3}
          maxLength={REASON_MAX}
          name={field.name}
          errorMessage={fieldState.error?.message ? t(fieldState.error.message, { max: REASON_MAX }) : undefined}
        />
      )}
    />
  );
}
