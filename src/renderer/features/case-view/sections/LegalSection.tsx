import { useTranslation } from 'react-i18next';
import { legalSchema } from '../../../../shared/case-file/sections';
import { sectionSaver } from '../actions';
import { useCaseStore } from '../caseStore';
import { DateF, FieldRow, SelectF, TextAreaF, TextF } from '../fields';
import { SectionForm } from '../SectionForm';
import { useVocab } from '../vocab';

const save = sectionSaver('legal');

export function LegalSection() {
  const { t } = useTranslation();
  const entry = useCaseStore((s) => s.file!.sections.legal);
  const L = (field: string) => t(`caseView.f.legal.${field}`);
  const residence = useVocab('residenceStatus');
  const role = useVocab('legalRole');
  return (
    <SectionForm formId="legal" title={t('caseView.tabs.legal')} intro={t('caseView.intro.legal')} schema={legalSchema} data={entry.data} stamp={entry.stamp} save={save}>
      {({ control }) => (
        <>
          <FieldRow>
            <SelectF control={control} name="residenceStatus" label={L('residenceStatus')} options={residence} />
            <DateF control={control} name="residenceStatusUntil" label={L('residenceStatusUntil')} />
          </FieldRow>
          <FieldRow>
            <SelectF control={control} name="proceedingsRole" label={L('proceedingsRole')} options={role} />
            <TextF control={control} name="counsel" label={L('counsel')} />
          </FieldRow>
          <TextAreaF control={control} name="compensationClaim" label={L('compensationClaim')} rows={3} />
          <TextAreaF control={control} name="notes" label={L('notes')} />
        </>
      )}
    </SectionForm>
  );
}
