import { useMemo, type ComponentType } from 'react';
import { useFieldArray, useWatch } from 'react-hook-form';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../../shared/case-file/case';
import type { RecordData, RecordKind } from '../../../../shared/case-file/records';
import { SERVICE_TYPE_ITEMS, serviceTypesOf, type AssistanceTrack, type VocabularyLang } from '../../../../shared/vocabularies';
import { useAppStore } from '../../../app/appStore';
import { Button } from '../../../ui/Button';
import { Notice } from '../../../ui/Notice';
import { useCaseStore } from '../caseStore';
import { DateF, FieldRow, MultiF, NumberF, RadioF, SelectF, SwitchF, TextAreaF, TextF } from '../fields';
import { formatDate, todayIso, useLang, useVocab, vocabLabel, vocabOptions, type Option } from '../vocab';
import type { RecordFieldsProps } from './RecordDialog';

export type Tone = 'neutral' | 'ok' | 'warning' | 'danger' | 'muted';
export interface Summary {
  title: string;
  tags: { label: string; tone: Tone }[];
  details: [string, string][];
  text?: string;
}

export interface KindConfig {
  kind: RecordKind;
  defaults: () => Record<string, unknown>;
  /** The record's own date, for "most recent first". */
  dateOf: (data: Record<string, unknown>) => string | null;
  Fields: ComponentType<RecordFieldsProps>;
  summary: (record: CaseRecord, t: TFunction, lang: VocabularyLang) => Summary;
}

const F = (t: TFunction, kind: string, field: string) => t(`caseView.f.${kind}.${field}`);

// ---------------------------------------------------------------- consent

function ConsentFields({ control }: RecordFieldsProps) {
  const { t } = useTranslation();
  const purposes = useVocab('consentPurpose');
  const methods = useVocab('consentMethod');
  const purpose = useWatch({ control, name: 'purpose' }) as string | undefined;
  const L = (f: string) => F(t, 'consent', f);
  const namesOrganisation = purpose === 'sharing' || purpose === 'referral';
  return (
    <>
      <SelectF control={control} name="purpose" label={L('purpose')} options={purposes} nullable={false} />
      <TextF
        control={control}
        name="organisation"
        label={L('organisation')}
        description={namesOrganisation ? t('caseView.help.consentOrganisationNeeded') : t('caseView.help.consentOrganisation')}
      />
      <FieldRow>
        <TextF control={control} name="givenBy" label={L('givenBy')} description={t('caseView.help.givenBy')} isRequired />
        <DateF control={control} name="givenOn" label={L('givenOn')} isRequired />
      </FieldRow>
      <FieldRow>
        <SelectF control={control} name="method" label={L('method')} options={methods} nullable={false} />
        <TextF control={control} name="formVersion" label={L('formVersion')} />
      </FieldRow>
      <FieldRow>
        <DateF control={control} name="withdrawnOn" label={L('withdrawnOn')} description={t('caseView.help.withdrawnOn')} />
      </FieldRow>
    </>
  );
}

const consent: KindConfig = {
  kind: 'consent',
  defaults: () => ({ purpose: undefined, organisation: '', givenBy: '', givenOn: todayIso(), method: undefined, formVersion: '', withdrawnOn: null }),
  dateOf: (d) => (d.givenOn as string) ?? null,
  Fields: ConsentFields,
  summary: (r, t, lang) => {
    const d = r.data as RecordData<'consent'>;
    return {
      title: [vocabLabel('consentPurpose', d.purpose, lang), d.organisation].filter(Boolean).join(' — '),
      tags: d.withdrawnOn ? [{ label: t('caseView.consent.withdrawn', { date: formatDate(d.withdrawnOn, lang) }), tone: 'danger' }] : [{ label: t('caseView.consent.active'), tone: 'ok' }],
      details: [
        [F(t, 'consent', 'givenBy'), d.givenBy],
        [F(t, 'consent', 'givenOn'), formatDate(d.givenOn, lang)],
        [F(t, 'consent', 'method'), vocabLabel('consentMethod', d.method, lang)],
        ...(d.formVersion ? ([[F(t, 'consent', 'formVersion'), d.formVersion]] as [string, string][]) : []),
      ],
    };
  },
};

// ---------------------------------------------------------------- risk

function RiskFields({ control }: RecordFieldsProps) {
  const { t } = useTranslation();
  const levels = useVocab('riskLevel');
  const factorLevels = useVocab('riskFactorLevel');
  const { fields, append, remove } = useFieldArray({ control, name: 'factors' });
  const L = (f: string) => F(t, 'risk', f);
  return (
    <>
      <FieldRow>
        <DateF control={control} name="assessedOn" label={L('assessedOn')} isRequired />
        <SelectF control={control} name="level" label={L('level')} options={levels} nullable={false} />
      </FieldRow>
      <fieldset className="fieldset repeat-list">
        <legend>{L('factors')}</legend>
        {fields.length === 0 ? <p className="empty-inline">{t('caseView.risk.noFactors')}</p> : null}
        {fields.map((item, index) => (
          <div className="repeat-row" key={item.id}>
            <SelectF control={control} name={`factors.${index}.level`} label={t('caseView.risk.factorLevelN', { n: index + 1 })} options={factorLevels} nullable={false} />
            <TextF control={control} name={`factors.${index}.description`} label={t('caseView.risk.factorN', { n: index + 1 })} isRequired />
            <Button variant="quiet" size="small" onPress={() => remove(index)}>
              {t('caseView.risk.removeFactor', { n: index + 1 })}
            </Button>
          </div>
        ))}
        <div className="actions start">
          <Button variant="secondary" size="small" onPress={() => append({ level: 'individual', description: '' }, { shouldFocus: false })}>
            {t('caseView.risk.addFactor')}
          </Button>
        </div>
      </fieldset>
      <SwitchF control={control} name="urgentProtection" label={L('urgentProtection')} description={t('caseView.help.urgentProtection')} />
      <TextAreaF control={control} name="safetyPlan" label={L('safetyPlan')} />
      <FieldRow>
        <DateF control={control} name="nextReviewOn" label={L('nextReviewOn')} />
      </FieldRow>
    </>
  );
}

const risk: KindConfig = {
  kind: 'risk',
  defaults: () => ({ assessedOn: todayIso(), level: undefined, factors: [], urgentProtection: false, safetyPlan: '', nextReviewOn: null }),
  dateOf: (d) => (d.assessedOn as string) ?? null,
  Fields: RiskFields,
  summary: (r, t, lang) => {
    const d = r.data as RecordData<'risk'>;
    const tone: Tone = d.level === 'high' ? 'danger' : d.level === 'medium' ? 'warning' : 'ok';
    return {
      title: t('caseView.risk.title', { date: formatDate(d.assessedOn, lang) }),
      tags: [
        { label: t('caseView.risk.levelTag', { level: vocabLabel('riskLevel', d.level, lang) }), tone },
        ...(d.urgentProtection ? [{ label: F(t, 'risk', 'urgentProtection'), tone: 'danger' as Tone }] : []),
      ],
      details: [
        ...d.factors.map((f) => [vocabLabel('riskFactorLevel', f.level, lang), f.description] as [string, string]),
        ...(d.nextReviewOn ? ([[F(t, 'risk', 'nextReviewOn'), formatDate(d.nextReviewOn, lang)]] as [string, string][]) : []),
      ],
      text: d.safetyPlan || undefined,
    };
  },
};

// ---------------------------------------------------------------- service

function ServiceFields({ control, form }: RecordFieldsProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const tracks = useVocab('assistanceTrack');
  const statuses = useVocab('serviceStatus');
  const track = useWatch({ control, name: 'track' }) as AssistanceTrack | undefined;
  const provider = useWatch({ control, name: 'provider' }) as string | undefined;
  const types = useMemo(() => (track ? serviceTypesOf(track).map((i) => ({ id: i.code, label: i[lang] })) : []), [track, lang]);
  const providers: Option[] = [
    { id: 'internal', label: t('caseView.service.internal') },
    { id: 'external', label: t('caseView.service.external') },
  ];
  const L = (f: string) => F(t, 'service', f);
  return (
    <>
      <FieldRow>
        <SelectF
          control={control}
          name="track"
          label={L('track')}
          options={tracks}
          nullable={false}
          onValueChange={(next) => {
            const current = form.getValues('serviceType') as string | null;
            if (current && !serviceTypesOf(next as AssistanceTrack).some((i) => i.code === current)) form.setValue('serviceType', null, { shouldDirty: true });
          }}
        />
        <SelectF
          control={control}
          name="serviceType"
          label={L('serviceType')}
          options={types}
          nullable={false}
          isDisabled={!track}
          description={track ? undefined : t('caseView.service.trackFirst')}
        />
      </FieldRow>
      <FieldRow>
        <SelectF control={control} name="status" label={L('status')} options={statuses} nullable={false} />
      </FieldRow>
      <RadioF control={control} name="provider" label={L('provider')} options={providers} />
      <TextF
        control={control}
        name="providerName"
        label={provider === 'external' ? t('caseView.service.externalName') : t('caseView.service.internalName')}
      />
      <FieldRow>
        <DateF control={control} name="startedOn" label={L('startedOn')} />
        <DateF control={control} name="endedOn" label={L('endedOn')} />
      </FieldRow>
      <FieldRow>
        <NumberF control={control} name="cost" label={L('cost')} minValue={0} maxValue={1e9} fractionDigits={2} />
        <TextF control={control} name="currency" label={L('currency')} description={t('caseView.help.currency')} kind="currency" />
      </FieldRow>
      <TextAreaF control={control} name="notes" label={L('notes')} rows={3} />
    </>
  );
}

const service: KindConfig = {
  kind: 'service',
  defaults: () => ({
    track: undefined,
    serviceType: null,
    provider: 'internal',
    providerName: '',
    status: 'planned',
    startedOn: todayIso(),
    endedOn: null,
    cost: null,
    currency: null,
    notes: '',
  }),
  dateOf: (d) => (d.startedOn as string | null) ?? null,
  Fields: ServiceFields,
  summary: (r, t, lang) => {
    const d = r.data as RecordData<'service'>;
    const tone: Tone = d.status === 'delivered' ? 'ok' : d.status === 'in-progress' ? 'neutral' : d.status === 'planned' ? 'warning' : 'muted';
    // (declined and cancelled are muted: nothing is pending)
    const money =
      d.cost !== null
        ? d.currency
          ? new Intl.NumberFormat(lang === 'es' ? 'es-419' : 'en', { style: 'currency', currency: d.currency }).format(d.cost)
          : String(d.cost)
        : '';
    return {
      title: vocabLabel('serviceType', d.serviceType, lang),
      tags: [
        { label: vocabLabel('assistanceTrack', d.track, lang), tone: 'muted' },
        { label: vocabLabel('serviceStatus', d.status, lang), tone },
      ],
      details: [
        [F(t, 'service', 'provider'), [t(`caseView.service.${d.provider}`), d.providerName].filter(Boolean).join(' — ')],
        ...(d.startedOn || d.endedOn
          ? ([[t('caseView.service.dates'), [formatDate(d.startedOn, lang), formatDate(d.endedOn, lang)].filter(Boolean).join(' – ')]] as [string, string][])
          : []),
        ...(money ? ([[F(t, 'service', 'cost'), money]] as [string, string][]) : []),
      ],
      text: d.notes || undefined,
    };
  },
};

// ---------------------------------------------------------------- referral

function ReferralFields({ control, form }: RecordFieldsProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const statuses = useVocab('referralStatus');
  const organisationTypes = useVocab('organisationType');
  const role = useAppStore((s) => s.status?.session?.role);
  const records = useCaseStore((s) => s.file!.records);
  const direction = useWatch({ control, name: 'direction' }) as string | undefined;
  const organisation = (useWatch({ control, name: 'organisation' }) as string | undefined) ?? '';
  const consentId = useWatch({ control, name: 'consentId' }) as string | null | undefined;
  const services = useMemo(
    () => vocabOptions('serviceType', lang).map((o) => ({ ...o, label: `${o.label} (${vocabLabel('assistanceTrack', serviceTypeTrack(o.id), lang)})` })),
    [lang],
  );
  const consents = records.filter((r) => {
    if (r.kind !== 'consent') return false;
    const d = r.data as RecordData<'consent'>;
    return (d.purpose === 'sharing' || d.purpose === 'referral') && !d.withdrawnOn;
  });
  const consentOptions = consents.map((r) => {
    const d = r.data as RecordData<'consent'>;
    return { id: r.id, label: t('caseView.referral.consentOption', { purpose: vocabLabel('consentPurpose', d.purpose, lang), organisation: d.organisation || '—', date: formatDate(d.givenOn, lang) }) };
  });
  const chosen = consents.find((r) => r.id === consentId);
  const chosenOrg = chosen ? (chosen.data as RecordData<'consent'>).organisation : '';
  const mismatch = chosen && organisation.trim() !== '' && chosenOrg.trim().localeCompare(organisation.trim(), undefined, { sensitivity: 'base' }) !== 0;
  const directions: Option[] = [
    { id: 'out', label: t('caseView.referral.out') },
    { id: 'in', label: t('caseView.referral.in') },
  ];
  const L = (f: string) => F(t, 'referral', f);
  const isOut = direction === 'out';
  return (
    <>
      <RadioF control={control} name="direction" label={L('direction')} options={directions} />
      <FieldRow>
        <TextF control={control} name="organisation" label={L('organisation')} isRequired />
        <SelectF control={control} name="status" label={L('status')} options={statuses} nullable={false} />
      </FieldRow>
      <FieldRow>
        <SelectF control={control} name="organisationType" label={L('organisationType')} options={organisationTypes} description={t('caseView.referral.organisationTypeHelp')} />
        <DateF control={control} name="referredOn" label={L('referredOn')} isRequired />
      </FieldRow>
      <MultiF control={control} name="servicesRequested" label={L('servicesRequested')} options={services} max={20} />
      <TextAreaF control={control} name="reason" label={L('reason')} rows={3} />
      {isOut ? (
        <fieldset className="fieldset consent-fieldset">
          <legend>{t('caseView.referral.consentLegend')}</legend>
          <p className="field-help">{t('caseView.referral.consentHelp')}</p>
          {consents.length === 0 ? <Notice tone="warning">{t('caseView.referral.noConsent')}</Notice> : null}
          <SelectF
            control={control}
            name="consentId"
            label={L('consentId')}
            options={consentOptions}
            onValueChange={(next) => {
              if (next) form.setValue('overrideReason', '', { shouldDirty: true });
            }}
          />
          {mismatch ? (
            <Notice tone="warning" announce={false}>
              {t('caseView.referral.mismatch', { consentOrg: chosenOrg || '—', organisation })}
            </Notice>
          ) : null}
          {role === 'supervisor' ? (
            <TextF control={control} name="overrideReason" label={L('overrideReason')} description={t('caseView.referral.overrideHelp')} />
          ) : null}
        </fieldset>
      ) : null}
    </>
  );
}

function serviceTypeTrack(code: string): string {
  return SERVICE_TYPE_ITEMS.find((item) => item.code === code)?.group ?? '';
}

const referral: KindConfig = {
  kind: 'referral',
  defaults: () => ({ direction: 'out', organisation: '', organisationType: null, servicesRequested: [], referredOn: todayIso(), status: 'pending', reason: '', consentId: null, overrideReason: '' }),
  dateOf: (d) => (d.referredOn as string) ?? null,
  Fields: ReferralFields,
  summary: (r, t, lang) => {
    const d = r.data as RecordData<'referral'>;
    return {
      title: t(d.direction === 'out' ? 'caseView.referral.titleOut' : 'caseView.referral.titleIn', { organisation: d.organisation }),
      tags: [{ label: vocabLabel('referralStatus', d.status, lang), tone: d.status === 'rejected' || d.status === 'revoked' ? 'muted' : d.status === 'pending' ? 'warning' : 'ok' }],
      details: [
        [F(t, 'referral', 'referredOn'), formatDate(d.referredOn, lang)],
        ...(d.organisationType ? ([[F(t, 'referral', 'organisationType'), vocabLabel('organisationType', d.organisationType, lang)]] as [string, string][]) : []),
        ...(d.servicesRequested.length
          ? ([[F(t, 'referral', 'servicesRequested'), d.servicesRequested.map((s) => vocabLabel('serviceType', s, lang)).join(', ')]] as [string, string][])
          : []),
        ...(d.direction === 'out'
          ? ([[t('caseView.referral.basis'), d.consentId ? t('caseView.referral.basisConsent') : d.overrideReason ? t('caseView.referral.basisOverride', { reason: d.overrideReason }) : '—']] as [
              string,
              string,
            ][])
          : []),
      ],
      text: d.reason || undefined,
    };
  },
};

// ---------------------------------------------------------------- follow-up

function FollowUpFields({ control }: RecordFieldsProps) {
  const { t } = useTranslation();
  const types = useVocab('followUpType');
  const L = (f: string) => F(t, 'followUp', f);
  return (
    <>
      <FieldRow>
        <DateF control={control} name="dueOn" label={L('dueOn')} isRequired />
        <SelectF control={control} name="type" label={L('type')} options={types} nullable={false} />
      </FieldRow>
      <FieldRow>
        <DateF control={control} name="doneOn" label={L('doneOn')} description={t('caseView.help.doneOn')} />
      </FieldRow>
      <TextAreaF control={control} name="outcome" label={L('outcome')} rows={3} />
    </>
  );
}

const followUp: KindConfig = {
  kind: 'followUp',
  defaults: () => ({ dueOn: todayIso(), type: undefined, doneOn: null, outcome: '' }),
  dateOf: (d) => (d.dueOn as string) ?? null,
  Fields: FollowUpFields,
  summary: (r, t, lang) => {
    const d = r.data as RecordData<'followUp'>;
    const today = todayIso();
    const tag: { label: string; tone: Tone } = d.doneOn
      ? { label: t('caseView.followUp.done', { date: formatDate(d.doneOn, lang) }), tone: 'ok' }
      : d.dueOn < today
        ? { label: t('caseView.followUp.overdue'), tone: 'danger' }
        : d.dueOn === today
          ? { label: t('caseView.followUp.today'), tone: 'warning' }
          : { label: t('caseView.followUp.upcoming'), tone: 'neutral' };
    return {
      title: t('caseView.followUp.title', { type: vocabLabel('followUpType', d.type, lang), date: formatDate(d.dueOn, lang) }),
      tags: [tag],
      details: [],
      text: d.outcome || undefined,
    };
  },
};

// ---------------------------------------------------------------- note

function NoteFields({ control }: RecordFieldsProps) {
  const { t } = useTranslation();
  const L = (f: string) => F(t, 'note', f);
  return (
    <>
      <FieldRow>
        <DateF control={control} name="writtenOn" label={L('writtenOn')} isRequired />
      </FieldRow>
      <TextAreaF control={control} name="body" label={L('body')} rows={8} isRequired />
    </>
  );
}

const note: KindConfig = {
  kind: 'note',
  defaults: () => ({ writtenOn: todayIso(), body: '' }),
  dateOf: (d) => (d.writtenOn as string) ?? null,
  Fields: NoteFields,
  summary: (r, t, lang) => {
    const d = r.data as RecordData<'note'>;
    return { title: t('caseView.note.title', { date: formatDate(d.writtenOn, lang), author: r.createdBy }), tags: [], details: [], text: d.body };
  },
};

// ---------------------------------------------------------------- clinical

function ClinicalFields({ control }: RecordFieldsProps) {
  const { t } = useTranslation();
  const types = useVocab('clinicalRecordType');
  const disciplines: Option[] = [
    { id: 'medical', label: t('caseView.clinical.medical') },
    { id: 'psychological', label: t('caseView.clinical.psychological') },
  ];
  const L = (f: string) => F(t, 'clinical', f);
  return (
    <>
      <FieldRow>
        <RadioF control={control} name="discipline" label={L('discipline')} options={disciplines} />
        <SelectF control={control} name="type" label={L('type')} options={types} nullable={false} />
      </FieldRow>
      <FieldRow>
        <DateF control={control} name="occurredOn" label={L('occurredOn')} isRequired />
        <TextF control={control} name="provider" label={L('provider')} />
      </FieldRow>
      <TextAreaF control={control} name="notes" label={L('notes')} description={t('caseView.help.clinicalNotes')} rows={6} />
    </>
  );
}

const clinical: KindConfig = {
  kind: 'clinical',
  defaults: () => ({ discipline: 'medical', type: undefined, occurredOn: todayIso(), provider: '', notes: '' }),
  dateOf: (d) => (d.occurredOn as string) ?? null,
  Fields: ClinicalFields,
  summary: (r, t, lang) => {
    const d = r.data as RecordData<'clinical'>;
    return {
      title: `${vocabLabel('clinicalRecordType', d.type, lang)} — ${formatDate(d.occurredOn, lang)}`,
      tags: [{ label: t(`caseView.clinical.${d.discipline}`), tone: 'neutral' }],
      details: d.provider ? [[F(t, 'clinical', 'provider'), d.provider]] : [],
      text: d.notes || undefined,
    };
  },
};

export const KINDS: Record<RecordKind, KindConfig> = { consent, risk, service, referral, followUp, note, clinical };
