import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { Notice } from '../../ui/Notice';
import { localToday, useVocabLang, vocabOptions } from '../cases/labels';
import { AgeInput, ChoiceSelect, CheckInput, DateInput, LongTextInput, MultiChoice, RadioInput, SensitiveLabel, TextInput } from './fields';
import { NAMES_ORGANISATION, newConsent, type IntakeValues } from './intakeForm';

/** Step 1: who the person is and where they are now — sealed, never searchable. */
export function IdentityStep() {
  const { t } = useTranslation();
  const ageKind = useWatch<IntakeValues, 'identity.ageKind'>({ name: 'identity.ageKind' });
  return (
    <>
      <Notice tone="info" announce={false} title={t('intake.identity.sealedTitle')}>
        <p>{t('intake.identity.sealed')}</p>
      </Notice>
      <div className="form-row">
        <TextInput name="identity.givenNames" label={t('intake.identity.givenNames')} />
        <TextInput name="identity.familyNames" label={t('intake.identity.familyNames')} />
      </div>
      <p className="muted small form-note">{t('intake.identity.namesHelp')}</p>
      <RadioInput
        name="identity.ageKind"
        label={t('intake.identity.ageKind')}
        options={[
          { id: 'estimated', label: t('intake.identity.ageEstimated') },
          { id: 'dob', label: t('intake.identity.ageDob') },
        ]}
      />
      {ageKind === 'dob' ? (
        <DateInput name="identity.dateOfBirth" label={t('intake.identity.dateOfBirth')} maxValue={localToday()} />
      ) : (
        <AgeInput name="identity.estimatedAge" label={t('intake.identity.estimatedAge')} description={t('intake.identity.estimatedAgeHelp')} />
      )}
      <div className="form-row">
        <TextInput
          name="identity.currentLocation"
          label={<SensitiveLabel>{t('intake.identity.currentLocation')}</SensitiveLabel>}
          description={t('intake.identity.whereaboutsHelp')}
        />
        <TextInput name="identity.shelter" label={<SensitiveLabel>{t('intake.identity.shelter')}</SensitiveLabel>} description={t('intake.identity.whereaboutsHelp')} />
      </div>
    </>
  );
}

/** Step 2: the profile (HTCDS codes). */
export function ProfileStep() {
  const { t } = useTranslation();
  const lang = useVocabLang();
  const notRecorded = t('intake.notRecorded');
  return (
    <>
      <div className="form-row">
        <ChoiceSelect name="profile.gender" label={t('intake.profile.gender')} options={vocabOptions('gender', lang)} noneLabel={notRecorded} />
        <AgeInput name="profile.ageAtIdentification" label={t('intake.profile.ageAtIdentification')} />
      </div>
      <div className="form-row">
        <MultiChoice
          name="profile.citizenship"
          label={t('intake.profile.citizenship')}
          chosenLabel={t('intake.profile.chosenCitizenship')}
          options={vocabOptions('country', lang)}
          max={5}
          placeholder={t('intake.profile.typeCountry')}
          emptyText={t('intake.noMatch')}
        />
        <MultiChoice
          name="profile.languages"
          label={t('intake.profile.languages')}
          chosenLabel={t('intake.profile.chosenLanguages')}
          options={vocabOptions('language', lang)}
          max={10}
          placeholder={t('intake.profile.typeLanguage')}
          emptyText={t('intake.noMatch')}
        />
      </div>
      <div className="form-row">
        <ChoiceSelect name="profile.traffickingStatus" label={t('intake.profile.traffickingStatus')} options={vocabOptions('traffickingStatus', lang)} noneLabel={notRecorded} />
        <DateInput name="profile.identifiedOn" label={t('intake.profile.identifiedOn')} maxValue={localToday()} />
      </div>
      <div className="form-row">
        <ChoiceSelect name="profile.referralSource" label={t('intake.profile.referralSource')} options={vocabOptions('referralSource', lang)} noneLabel={notRecorded} />
        <TextInput name="profile.referralSourceDetail" label={t('intake.profile.referralSourceDetail')} description={t('intake.searchableHelp')} />
      </div>
    </>
  );
}

/** Step 3: consent, one record per purpose. */
export function ConsentStep() {
  const { t } = useTranslation();
  const lang = useVocabLang();
  const { control } = useFormContext<IntakeValues>();
  const { fields, append, remove } = useFieldArray({ control, name: 'consents' });
  const consents = useWatch<IntakeValues, 'consents'>({ name: 'consents' });
  return (
    <>
      <p className="muted">{t('intake.consents.intro')}</p>
      {fields.length === 0 ? (
        <div className="empty-state">
          <p className="empty-title">{t('intake.consents.none')}</p>
          <p className="muted">{t('intake.consents.noneHelp')}</p>
        </div>
      ) : null}
      {fields.map((item, index) => {
        const purpose = consents?.[index]?.purpose ?? null;
        return (
          <fieldset key={item.id} className="consent-card">
            <legend className="consent-legend">{t('intake.consents.legend', { number: index + 1 })}</legend>
            <div className="form-row">
              <ChoiceSelect name={`consents.${index}.purpose`} label={t('intake.consents.purpose')} options={vocabOptions('consentPurpose', lang)} />
              {NAMES_ORGANISATION.has(purpose ?? '') ? (
                <TextInput name={`consents.${index}.organisation`} label={t('intake.consents.organisation')} description={t('intake.consents.organisationHelp')} />
              ) : null}
            </div>
            <div className="form-row">
              <TextInput name={`consents.${index}.givenBy`} label={t('intake.consents.givenBy')} description={t('intake.consents.givenByHelp')} />
              <DateInput name={`consents.${index}.givenOn`} label={t('intake.consents.givenOn')} maxValue={localToday()} />
            </div>
            <div className="form-row">
              <ChoiceSelect name={`consents.${index}.method`} label={t('intake.consents.method')} options={vocabOptions('consentMethod', lang)} />
              <TextInput name={`consents.${index}.formVersion`} label={t('intake.consents.formVersion')} description={t('intake.consents.formVersionHelp')} />
            </div>
            <div className="actions start">
              <Button variant="quiet" size="small" onPress={() => remove(index)} aria-label={t('intake.consents.removeNumbered', { number: index + 1 })}>
                {t('intake.consents.remove')}
              </Button>
            </div>
          </fieldset>
        );
      })}
      {fields.length < 20 ? (
        <div className="actions start">
          <Button variant="secondary" onPress={() => append({ ...newConsent(), purpose: null })}>
            {fields.length === 0 ? t('intake.consents.add') : t('intake.consents.addAnother')}
          </Button>
        </div>
      ) : null}
    </>
  );
}

/** Step 4: immediate risk. Left at "not assessed yet", no assessment is recorded. */
export function RiskStep() {
  const { t } = useTranslation();
  const lang = useVocabLang();
  const level = useWatch<IntakeValues, 'risk.level'>({ name: 'risk.level' });
  return (
    <>
      <p className="muted">{t('intake.risk.intro')}</p>
      <RadioInput
        name="risk.level"
        label={t('intake.risk.level')}
        nullAs="none"
        options={[{ id: 'none', label: t('intake.risk.notAssessed') }, ...vocabOptions('riskLevel', lang).reverse()]}
      />
      {level === 'high' ? (
        <Notice tone="warning" announce={false}>
          <p>{t('intake.risk.highAdvice')}</p>
        </Notice>
      ) : null}
      <div className="form-row">
        <DateInput name="risk.assessedOn" label={t('intake.risk.assessedOn')} maxValue={localToday()} />
        <DateInput name="risk.nextReviewOn" label={t('intake.risk.nextReviewOn')} description={t('intake.risk.nextReviewHelp')} minValue={localToday()} />
      </div>
      <CheckInput name="risk.urgentProtection">{t('intake.risk.urgentProtection')}</CheckInput>
      <LongTextInput name="risk.safetyPlan" label={t('intake.risk.safetyPlan')} description={t('intake.risk.safetyPlanHelp')} />
    </>
  );
}
