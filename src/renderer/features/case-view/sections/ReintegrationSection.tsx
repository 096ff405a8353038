import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { reintegrationSchema } from '../../../../shared/case-file/sections';
import { sectionSaver } from '../actions';
import { useCaseStore } from '../caseStore';
import { ChecksF, TextAreaF } from '../fields';
import { SectionForm } from '../SectionForm';
import { useLang, useVocab, vocabOptions } from '../vocab';

const save = sectionSaver('reintegration');

export function ReintegrationSection() {
  const { t } = useTranslation();
  const lang = useLang();
  const entry = useCaseStore((s) => s.file!.sections.reintegration);
  const L = (field: string) => t(`caseView.f.reintegration.${field}`);
  const dimensions = useVocab('reintegrationDimension');
  // The reintegration track's activities, plus any other type already recorded here.
  const recorded = entry.data.activities;
  const activities = useMemo(
    () => vocabOptions('serviceType', lang, (code, group) => group === 'reintegration' || recorded.includes(code as never)),
    [lang, recorded],
  );
  return (
    <SectionForm
      formId="reintegration"
      title={t('caseView.tabs.reintegration')}
      intro={t('caseView.intro.reintegration')}
      schema={reintegrationSchema}
      data={entry.data}
      stamp={entry.stamp}
      save={save}
    >
      {({ control }) => (
        <>
          <ChecksF control={control} name="dimensions" label={L('dimensions')} options={dimensions} columns={1} />
          <ChecksF control={control} name="activities" label={L('activities')} options={activities} />
          <TextAreaF control={control} name="sustainability" label={L('sustainability')} description={t('caseView.help.sustainability')} />
          <TextAreaF control={control} name="notes" label={L('notes')} />
        </>
      )}
    </SectionForm>
  );
}
