import { useController, useFieldArray, useWatch, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { identitySchema, type Identity } from '../../../../shared/case-file/identity';
import type { z } from 'zod';
import { useAppStore } from '../../../app/appStore';
import { staffName, useStaffStore } from '../../../stores/staffStore';
import { Button } from '../../../ui/Button';
import { TextField } from '../../../ui/TextField';
import { saveIdentity } from '../actions';
import { useCaseStore } from '../caseStore';
import { ComboF, DateF, FieldRow, NumberF, SelectF, TextF, useErrorText } from '../fields';
import { SectionForm } from '../SectionForm';
import { SensitiveBanner } from '../SensitiveBanner';
import { isSealedPhoto } from '../photo';
import { useVocab } from '../vocab';

type IdentityInput = z.input<typeof identitySchema>;
type IdentityControl = Control<IdentityInput, unknown, Identity>;

const INLINE_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

function Aliases({ control }: { control: IdentityControl }) {
  const { t } = useTranslation();
  const { field, fieldState } = useController({ control, name: 'aliases' });
  const errorText = useErrorText();
  const aliases = (field.value as string[] | undefined) ?? [];
  const set = (next: string[]) => field.onChange(next);
  const errors = fieldState.error as unknown as ({ type: string; message?: string } | undefined)[] | undefined;
  return (
    <fieldset className="fieldset repeat-list">
      <legend>{t('caseView.f.identity.aliases')}</legend>
      {aliases.length === 0 ? <p className="empty-inline">{t('caseView.identity.noAliases')}</p> : null}
      {aliases.map((alias, index) => (
        <div className="repeat-row" key={index}>
          <TextField
            label={t('caseView.identity.aliasN', { n: index + 1 })}
            value={alias}
            onChange={(value) => set(aliases.map((a, i) => (i === index ? value : a)))}
            onBlur={field.onBlur}
            errorMessage={errorText(Array.isArray(errors) ? (errors[index] as never) : undefined, 'text')}
          />
          <Button variant="quiet" size="small" onPress={() => set(aliases.filter((_, i) => i !== index))}>
            {t('caseView.identity.removeAlias', { n: index + 1 })}
          </Button>
        </div>
      ))}
      <div className="actions start">
        <Button variant="secondary" size="small" onPress={() => set([...aliases, ''])} isDisabled={aliases.length >= 20}>
          {t('caseView.identity.addAlias')}
        </Button>
      </div>
    </fieldset>
  );
}

function Contacts({ control }: { control: IdentityControl }) {
  const { t } = useTranslation();
  const { fields, append, remove } = useFieldArray({ control, name: 'contacts' });
  const kinds = (['phone', 'email', 'messaging', 'other'] as const).map((id) => ({ id, label: t(`caseView.identity.contactKind.${id}`) }));
  return (
    <fieldset className="fieldset repeat-list">
      <legend>{t('caseView.f.identity.contacts')}</legend>
      {fields.length === 0 ? <p className="empty-inline">{t('caseView.identity.noContacts')}</p> : null}
      {fields.map((item, index) => (
        <div className="repeat-row" key={item.id}>
          <SelectF control={control} name={`contacts.${index}.kind`} label={t('caseView.identity.contactKindN', { n: index + 1 })} options={kinds} nullable={false} />
          <TextF control={control} name={`contacts.${index}.value`} label={t('caseView.identity.contactValueN', { n: index + 1 })} isRequired />
          <Button variant="quiet" size="small" onPress={() => remove(index)}>
            {t('caseView.identity.removeContact', { n: index + 1 })}
          </Button>
        </div>
      ))}
      <div className="actions start">
        <Button variant="secondary" size="small" onPress={() => append({ kind: 'phone', value: '' }, { shouldFocus: false })} isDisabled={fields.length >= 20}>
          {t('caseView.identity.addContact')}
        </Button>
      </div>
    </fieldset>
  );
}

function FamilyContacts({ control }: { control: IdentityControl }) {
  const { t } = useTranslation();
  const { fields, append, remove } = useFieldArray({ control, name: 'familyContacts' });
  return (
    <fieldset className="fieldset repeat-list">
      <legend>{t('caseView.f.identity.familyContacts')}</legend>
      {fields.length === 0 ? <p className="empty-inline">{t('caseView.identity.noFamily')}</p> : null}
      {fields.map((item, index) => (
        <div className="repeat-block" key={item.id}>
          <FieldRow>
            <TextF control={control} name={`familyContacts.${index}.name`} label={t('caseView.identity.familyNameN', { n: index + 1 })} isRequired />
            <TextF control={control} name={`familyContacts.${index}.relation`} label={t('caseView.identity.familyRelationN', { n: index + 1 })} />
          </FieldRow>
          <FieldRow>
            <TextF control={control} name={`familyContacts.${index}.contact`} label={t('caseView.identity.familyContactN', { n: index + 1 })} />
          </FieldRow>
          <div className="actions start">
            <Button variant="quiet" size="small" onPress={() => remove(index)}>
              {t('caseView.identity.removeFamily', { n: index + 1 })}
            </Button>
          </div>
        </div>
      ))}
      <div className="actions start">
        <Button variant="secondary" size="small" onPress={() => append({ name: '', relation: '', contact: '' }, { shouldFocus: false })} isDisabled={fields.length >= 20}>
          {t('caseView.identity.addFamily')}
        </Button>
      </div>
    </fieldset>
  );
}

function Documents({ control }: { control: IdentityControl }) {
  const { t } = useTranslation();
  const country = useVocab('country');
  const { fields, append, remove } = useFieldArray({ control, name: 'documents' });
  return (
    <fieldset className="fieldset repeat-list">
      <legend>{t('caseView.f.identity.documents')}</legend>
      {fields.length === 0 ? <p className="empty-inline">{t('caseView.identity.noDocuments')}</p> : null}
      {fields.map((item, index) => (
        <div className="repeat-block" key={item.id}>
          <FieldRow>
            <TextF control={control} name={`documents.${index}.type`} label={t('caseView.identity.documentTypeN', { n: index + 1 })} isRequired />
            <TextF control={control} name={`documents.${index}.number`} label={t('caseView.identity.documentNumberN', { n: index + 1 })} />
          </FieldRow>
          <FieldRow>
            <ComboF control={control} name={`documents.${index}.country`} label={t('caseView.identity.documentCountryN', { n: index + 1 })} options={country} />
          </FieldRow>
          <div className="actions start">
            <Button variant="quiet" size="small" onPress={() => remove(index)}>
              {t('caseView.identity.removeDocument', { n: index + 1 })}
            </Button>
          </div>
        </div>
      ))}
      <div className="actions start">
        <Button variant="secondary" size="small" onPress={() => append({ type: '', number: '', country: null }, { shouldFocus: false })} isDisabled={fields.length >= 20}>
          {t('caseView.identity.addDocument')}
        </Button>
      </div>
    </fieldset>
  );
}

function Photo({ control }: { control: IdentityControl }) {
  const { t } = useTranslation();
  const attachments = useCaseStore((s) => s.file!.attachments);
  const images = attachments.filter((a) => INLINE_IMAGES.has(a.mime));
  const chosen = useWatch({ control, name: 'photoAttachmentId' });
  const photo = images.find((a) => a.id === chosen);
  return (
    <div className="photo-field">
      <SelectF
        control={control}
        name="photoAttachmentId"
        label={t('caseView.f.identity.photoAttachmentId')}
        description={images.length === 0 ? t('caseView.identity.photoHelpNone') : t('caseView.identity.photoHelp')}
        options={images.map((a) => ({ id: a.id, label: isSealedPhoto(a) ? t('caseView.identity.sealedPhoto') : a.name }))}
      />
      {photo ? <img className="identity-photo" src={`attachment/${photo.id}`} alt={t('caseView.identity.photoAlt')} /> : null}
    </div>
  );
}

/**
 * Shown instead of the form when this account holds no key for the case: calm, and no field
 * that could be mistaken for an empty identity (saving it would be refused anyway).
 */
function SealedIdentity() {
  const { t } = useTranslation();
  const supervisorId = useCaseStore((s) => s.file!.header.supervisorId);
  const supervisor = staffName(useStaffStore((s) => s.directory), supervisorId);
  const isSupervisor = useAppStore((s) => s.status?.session?.accountId) === supervisorId;
  return (
    <section className="case-section" aria-labelledby="section-identity-title">
      <div className="case-section-header">
        <h2 id="section-identity-title">{t('caseView.tabs.identity')}</h2>
      </div>
      <div className="sealed-notice" data-testid="identity-sealed">
        <svg className="sealed-icon" viewBox="0 0 20 20" width="28" height="28" aria-hidden="true" focusable="false">
          <rect x="4" y="9" width="12" height="9" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
          <path d="M7 9V6.5a3 3 0 0 1 6 0V9" fill="none" stroke="currentColor" strokeWidth="1.6" />
        </svg>
        <div>
          <h3 className="sealed-title">{t('caseView.sealed.title')}</h3>
          <p>{t('caseView.sealed.body')}</p>
          <p className="muted">{t('caseView.sealed.rest')}</p>
          <p className="muted">{isSupervisor ? t('caseView.sealed.askSelf') : supervisor ? t('caseView.sealed.askNamed', { name: supervisor }) : t('caseView.sealed.ask')}</p>
        </div>
      </div>
    </section>
  );
}

export function IdentitySection() {
  const data = useCaseStore((s) => s.file!.identity.data);
  return data === null ? <SealedIdentity /> : <IdentityForm data={data} />;
}

function IdentityForm({ data }: { data: Identity }) {
  const { t } = useTranslation();
  const stamp = useCaseStore((s) => s.file!.identity.stamp);
  const L = (field: string) => t(`caseView.f.identity.${field}`);
  return (
    <SectionForm
      formId="identity"
      title={t('caseView.tabs.identity')}
      banner={<SensitiveBanner title={t('caseView.sensitive.identity')}>{t('caseView.sensitive.identityBody')}</SensitiveBanner>}
      schema={identitySchema}
      data={data}
      stamp={stamp}
      save={saveIdentity}
    >
      {({ control }) => (
        <>
          <fieldset className="fieldset">
            <legend>{t('caseView.groups.names')}</legend>
            <FieldRow>
              <TextF control={control} name="givenNames" label={L('givenNames')} />
              <TextF control={control} name="familyNames" label={L('familyNames')} />
            </FieldRow>
            <FieldRow>
              <DateF control={control} name="dateOfBirth" label={L('dateOfBirth')} />
              <NumberF control={control} name="estimatedAge" label={L('estimatedAge')} description={t('caseView.help.estimatedAge')} minValue={0} maxValue={120} />
            </FieldRow>
          </fieldset>
          <Aliases control={control} />
          <fieldset className="fieldset">
            <legend>{t('caseView.groups.whereabouts')}</legend>
            <FieldRow>
              <TextF control={control} name="currentLocation" label={L('currentLocation')} />
              <TextF control={control} name="shelter" label={L('shelter')} />
            </FieldRow>
          </fieldset>
          <Contacts control={control} />
          <FamilyContacts control={control} />
          <Documents control={control} />
          <Photo control={control} />
        </>
      )}
    </SectionForm>
  );
}
