import { useTranslation } from 'react-i18next';
import { profileSchema } from '../../../../shared/case-file/sections';
import { sectionSaver } from '../actions';
import { useCaseStore } from '../caseStore';
import { DateF, FieldRow, MultiF, NumberF, SelectF, TextF } from '../fields';
import { SectionForm } from '../SectionForm';
import { useVocab } from '../vocab';

const save = sectionSaver('profile');

export function ProfileSection() {
  const { t } = useTranslation();
  const entry = useCaseStore((s) => s.file!.sections.profile);
  const L = (field: string) => t(`caseView.f.profile.${field}`);
  const gender = useVocab('gender');
  const country = useVocab('country');
  const language = useVocab('language');
  const education = useVocab('education');
  const marital = useVocab('maritalStatus');
  const trafficking = useVocab('traffickingStatus');
  const determinedBy = useVocab('determinedBy');
  const referralSource = useVocab('referralSource');

  return (
    <SectionForm formId="profile" title={t('caseView.tabs.profile')} intro={t('caseView.intro.profile')} schema={profileSchema} data={entry.data} stamp={entry.stamp} save={save}>
      {({ control }) => (
        <>
          <fieldset className="fieldset">
            <legend>{t('caseView.groups.person')}</legend>
            <FieldRow>
              <SelectF control={control} name="gender" label={L('gender')} options={gender} />
              <NumberF control={control} name="ageAtIdentification" label={L('ageAtIdentification')} minValue={0} maxValue={120} />
            </FieldRow>
            <MultiF control={control} name="citizenship" label={L('citizenship')} options={country} max={5} />
            <MultiF control={control} name="languages" label={L('languages')} options={language} max={10} />
            <FieldRow>
              <SelectF control={control} name="education" label={L('education')} options={education} />
              <SelectF control={control} name="maritalStatus" label={L('maritalStatus')} options={marital} />
            </FieldRow>
            <FieldRow>
              <NumberF control={control} name="children" label={L('children')} minValue={0} maxValue={30} />
            </FieldRow>
          </fieldset>
          <fieldset className="fieldset">
            <legend>{t('caseView.groups.identification')}</legend>
            <FieldRow>
              <SelectF control={control} name="traffickingStatus" label={L('traffickingStatus')} options={trafficking} />
              <SelectF control={control} name="statusDeterminedBy" label={L('statusDeterminedBy')} options={determinedBy} />
            </FieldRow>
            <FieldRow>
              <DateF control={control} name="identifiedOn" label={L('identifiedOn')} />
              <SelectF control={control} name="referralSource" label={L('referralSource')} options={referralSource} />
            </FieldRow>
            <TextF control={control} name="referralSourceDetail" label={L('referralSourceDetail')} description={t('caseView.help.referralSourceDetail')} />
          </fieldset>
        </>
      )}
    </SectionForm>
  );
}
