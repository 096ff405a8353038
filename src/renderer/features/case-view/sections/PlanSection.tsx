import { useFieldArray, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { planSchema } from '../../../../shared/case-file/sections';
import { Button } from '../../../ui/Button';
import { sectionSaver } from '../actions';
import { useCaseStore } from '../caseStore';
import { DateF, FieldRow, SelectF, TextAreaF, TextF } from '../fields';
import { SectionForm } from '../SectionForm';
import { useVocab } from '../vocab';

const save = sectionSaver('plan');
type PlanInput = z.input<typeof planSchema>;

function Objectives({ control }: { control: Control<PlanInput, unknown, z.output<typeof planSchema>> }) {
  const { t } = useTranslation();
  const tracks = useVocab('assistanceTrack');
  const { fields, append, remove } = useFieldArray({ control, name: 'objectives' });
  const L = (field: string) => t(`caseView.f.plan.${field}`);
  return (
    <>
      {fields.length === 0 ? <p className="empty-inline">{t('caseView.plan.empty')}</p> : null}
      {fields.map((item, index) => (
        <fieldset key={item.id} className="fieldset repeat">
          <legend>{t('caseView.plan.objectiveN', { n: index + 1 })}</legend>
          <FieldRow>
            <SelectF control={control} name={`objectives.${index}.track`} label={L('track')} options={tracks} nullable={false} />
            <TextF control={control} name={`objectives.${index}.objective`} label={L('objective')} isRequired />
          </FieldRow>
          <TextAreaF control={control} name={`objectives.${index}.actions`} label={L('actions')} rows={3} />
          <FieldRow>
            <DateF control={control} name={`objectives.${index}.plannedEndOn`} label={L('plannedEndOn')} />
            <DateF control={control} name={`objectives.${index}.actualEndOn`} label={L('actualEndOn')} />
          </FieldRow>
          <div className="actions start">
            <Button variant="quiet" size="small" onPress={() => remove(index)}>
              {t('caseView.plan.remove', { n: index + 1 })}
            </Button>
          </div>
        </fieldset>
      ))}
      <div className="actions start">
        <Button
          variant="secondary"
          onPress={() => append({ track: undefined as unknown as 'shelter', objective: '', actions: '', plannedEndOn: null, actualEndOn: null }, { shouldFocus: false })}
        >
          {t('caseView.plan.add')}
        </Button>
      </div>
    </>
  );
}

export function PlanSection() {
  const { t } = useTranslation();
  const entry = useCaseStore((s) => s.file!.sections.plan);
  return (
    <SectionForm formId="plan" title={t('caseView.tabs.plan')} intro={t('caseView.intro.plan')} schema={planSchema} data={entry.data} stamp={entry.stamp} save={save}>
      {({ control }) => <Objectives control={control} />}
    </SectionForm>
  );
}
