import { useTranslation } from 'react-i18next';
import { returnSchema } from '../../../../shared/case-file/sections';
import { sectionSaver } from '../actions';
import { useCaseStore } from '../caseStore';
import { ComboF, DateF, FieldRow, SwitchF, TextAreaF, TextF } from '../fields';
import { SectionForm } from '../SectionForm';
import { useVocab } from '../vocab';

const save = sectionSaver('return');

export function ReturnSection() {
  const { t } = useTranslation();
  const entry = useCaseStore((s) => s.file!.sections.return);
  const L = (field: string) => t(`caseView.f.return.${field}`);
  const country = useVocab('country');
  return (
    <SectionForm formId="return" title={t('caseView.tabs.return')} intro={t('caseView.intro.return')} schema={returnSchema} data={entry.data} stamp={entry.stamp} save={save}>
      {({ control }) => (
        <>
          <FieldRow>
            <ComboF control={control} name="destinationCountry" label={L('destinationCountry')} options={country} />
            <TextF control={control} name="destinationPlace" label={L('destinationPlace')} />
          </FieldRow>
          <TextF control={control} name="travelDocuments" label={L('travelDocuments')} />
          <TextF control={control} name="receivingOrganisation" label={L('receivingOrganisation')} />
          <FieldRow>
            <DateF control={control} name="returnedOn" label={L('returnedOn')} />
          </FieldRow>
          <SwitchF control={control} name="escort" label={L('escort')} />
          <TextAreaF control={control} name="notes" label={L('notes')} />
        </>
      )}
    </SectionForm>
  );
}
