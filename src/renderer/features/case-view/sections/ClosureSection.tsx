import { useTranslation } from 'react-i18next';
import { closureSchema } from '../../../../shared/case-file/sections';
import { sectionSaver } from '../actions';
import { useCaseStore } from '../caseStore';
import { DateF, FieldRow, SelectF, TextAreaF } from '../fields';
import { SectionForm } from '../SectionForm';
import { useVocab } from '../vocab';

const save = sectionSaver('closure');

export function ClosureSection() {
  const { t } = useTranslation();
  const entry = useCaseStore((s) => s.file!.sections.closure);
  const L = (field: string) => t(`caseView.f.closure.${field}`);
  const reasons = useVocab('closureReason');
  return (
    <SectionForm formId="closure" title={t('caseView.tabs.closure')} intro={t('caseView.intro.closure')} schema={closureSchema} data={entry.data} stamp={entry.stamp} save={save}>
      {({ control }) => (
        <>
          <FieldRow>
            <SelectF control={control} name="reason" label={L('reason')} options={reasons} />
            <DateF control={control} name="closedOn" label={L('closedOn')} />
          </FieldRow>
          <TextAreaF control={control} name="notes" label={L('notes')} />
        </>
      )}
    </SectionForm>
  );
}
