import { useTranslation } from 'react-i18next';
import { experienceSchema } from '../../../../shared/case-file/sections';
import { sectionSaver } from '../actions';
import { useCaseStore } from '../caseStore';
import { ChecksF, DateF, FieldRow, MultiF, SelectF, TextAreaF, TextF } from '../fields';
import { SectionForm } from '../SectionForm';
import { useVocab } from '../vocab';

const save = sectionSaver('experience');

export function ExperienceSection() {
  const { t } = useTranslation();
  const entry = useCaseStore((s) => s.file!.sections.experience);
  const L = (field: string) => t(`caseView.f.experience.${field}`);
  const recruitmentMethod = useVocab('recruitmentMethod');
  const relationship = useVocab('recruiterRelationship');
  const control_ = useVocab('methodOfControl');
  const exploitation = useVocab('exploitationType');
  const industry = useVocab('forcedLabourIndustry');
  const sexual = useVocab('sexualExploitationType');
  const country = useVocab('country');
  const roles = useVocab('perpetratorRole');

  return (
    <SectionForm
      formId="experience"
      title={t('caseView.tabs.experience')}
      intro={t('caseView.intro.experience')}
      schema={experienceSchema}
      data={entry.data}
      stamp={entry.stamp}
      save={save}
    >
      {({ control }) => (
        <>
          <fieldset className="fieldset">
            <legend>{t('caseView.groups.recruitment')}</legend>
            <ChecksF control={control} name="recruitmentMethods" label={L('recruitmentMethods')} options={recruitmentMethod} />
            <FieldRow>
              <TextF control={control} name="recruitmentPlace" label={L('recruitmentPlace')} />
              <TextF control={control} name="recruitmentWebsitesApps" label={L('recruitmentWebsitesApps')} />
            </FieldRow>
            <SelectF control={control} name="recruiterRelationship" label={L('recruiterRelationship')} options={relationship} />
            <MultiF control={control} name="countriesOfRecruitment" label={L('countriesOfRecruitment')} options={country} max={20} />
          </fieldset>
          <fieldset className="fieldset">
            <legend>{t('caseView.groups.exploitation')}</legend>
            <ChecksF control={control} name="exploitationTypes" label={L('exploitationTypes')} options={exploitation} />
            <ChecksF control={control} name="sexualExploitationTypes" label={L('sexualExploitationTypes')} options={sexual} />
            <MultiF control={control} name="forcedLabourIndustries" label={L('forcedLabourIndustries')} options={industry} max={50} />
            <ChecksF control={control} name="methodsOfControl" label={L('methodsOfControl')} options={control_} />
            <MultiF control={control} name="countriesOfTransit" label={L('countriesOfTransit')} options={country} max={20} />
            <MultiF control={control} name="countriesOfExploitation" label={L('countriesOfExploitation')} options={country} max={20} />
            <FieldRow>
              <DateF control={control} name="exploitationStartedOn" label={L('exploitationStartedOn')} />
              <DateF control={control} name="exploitationEndedOn" label={L('exploitationEndedOn')} />
            </FieldRow>
          </fieldset>
          <fieldset className="fieldset">
            <legend>{t('caseView.groups.perpetrators')}</legend>
            <ChecksF control={control} name="perpetratorRoles" label={L('perpetratorRoles')} options={roles} />
          </fieldset>
          <TextAreaF control={control} name="notes" label={L('notes')} rows={5} />
        </>
      )}
    </SectionForm>
  );
}
