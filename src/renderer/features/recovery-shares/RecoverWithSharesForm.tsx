import '../../styles/recovery-shares.css';
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useController, useFieldArray, useForm, useWatch, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { SHARES_DEFAULT, SHARES_MAX } from '../../../shared/recovery';
import { call, isApiError } from '../../api/client';
import { passphraseField, usernameField, errorsOn, PASSPHRASE_POLICY_CODES } from '../../forms/schemas';
import { useFormError } from '../../forms/useFormError';
import { Button } from '../../ui/Button';
import { FormTextField } from '../../ui/FormTextField';
import { Notice } from '../../ui/Notice';
import { TextField } from '../../ui/TextField';
import { labelOf, shareCount } from './shares';

/** Each typed share is checked at once: its checksum catches a typo before anything is sent. */
const shareValue = z.string().superRefine((value, ctx) => {
  if (!value.trim()) return;
  const read = labelOf(value);
  if (!read.ok) ctx.addIssue({ code: 'custom', message: read.problem === 'typo' ? 'recoveryShares.recover.typo' : 'recoveryShares.recover.malformed' });
});

const recoverWithSharesForm = z
  .object({
    shares: z.array(z.object({ value: shareValue })).min(1).max(SHARES_MAX),
    username: usernameField,
    newPassphrase: passphraseField,
    confirm: z.string().min(1, 'validation.required'),
  })
  .superRefine((v, ctx) => {
    if (!v.shares.some((s) => s.value.trim())) ctx.addIssue({ code: 'custom', message: 'validation.required', path: ['shares', 0, 'value'] });
    if (v.confirm && v.newPassphrase !== v.confirm) ctx.addIssue({ code: 'custom', message: 'validation.passphraseMismatch', path: ['confirm'] });
  });
type RecoverWithSharesValues = z.input<typeof recoverWithSharesForm>;

function ShareField({ control, index }: { control: Control<RecoverWithSharesValues>; index: number }) {
  const { t } = useTranslation();
  const { field, fieldState } = useController({ control, name: `shares.${index}.value` });
  const message = fieldState.error?.message;
  return (
    <TextField
      label={t('recoveryShares.recover.share', { number: index + 1 })}
      description={index === 0 ? t('recoveryShares.recover.shareHelp') : undefined}
      value={field.value}
      onChange={field.onChange}
      onBlur={field.onBlur}
      name={field.name}
      inputRef={field.ref}
      autoComplete="off"
      autoFocus={index === 0}
      monospace
      isRequired={index === 0}
      errorMessage={message ? t(/^(validation|recoveryShares)\./.test(message) ? message : 'validation.invalid') : undefined}
    />
  );
}

/**
 * `auth.recoverWithShares`: k of the printed shares (typed one per field, more fields added as
 * needed) set a new passphrase for one account; nobody is signed in after.
 */
export function RecoverWithSharesForm({ onCancel, onDone, onUseKey }: { onCancel: () => void; onDone: () => void; onUseKey: () => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const { control, handleSubmit, setError } = useForm<RecoverWithSharesValues>({
    resolver: zodResolver(recoverWithSharesForm),
    defaultValues: { shares: Array.from({ length: SHARES_DEFAULT.threshold }, () => ({ value: '' })), username: '', newPassphrase: '', confirm: '' },
  });
  const { fields, append } = useFieldArray({ control, name: 'shares' });
  const typed = useWatch({ control, name: 'shares' });
  const { formError, setFormError, handleError } = useFormError(setError);

  // The first share read says how many are needed: offer that many fields.
  const first = typed.map((s) => labelOf(s.value)).find((r) => r.ok);
  const label = first?.ok ? first.label : null;
  const needed = label?.threshold ?? 0;
  useEffect(() => {
    if (fields.length < needed) append(Array.from({ length: needed - fields.length }, () => ({ value: '' })), { shouldFocus: false });
  }, [needed, fields.length, append]);

  const onSubmit = handleSubmit(async (values) => {
    setBusy(true);
    setFormError(null);
    const shares = values.shares.map((s) => s.value.trim()).filter(Boolean);
    try {
      await call('auth.recoverWithShares', { shares, username: values.username.trim().toLowerCase(), newPassphrase: values.newPassphrase });
      onDone();
    } catch (error) {
      const counted = shareCount(shares);
      if (isApiError(error) && error.code === 'SHARES_TOO_FEW' && counted) {
        setFormError(t('recoveryShares.recover.tooFew', { needed: counted.needed, count: counted.given }));
      } else {
        handleError(error, {
          NOT_FOUND: 'username',
          ...errorsOn(PASSPHRASE_POLICY_CODES, 'newPassphrase'),
        });
      }
      setBusy(false);
    }
  });

  return (
    <section className="card wide" aria-labelledby="recover-shares-title">
      <h1 id="recover-shares-title" className="page-title">
        {t('recoveryShares.recover.title')}
      </h1>
      <p>{t('recoveryShares.recover.intro')}</p>
      <p>
        <Button variant="link" onPress={onUseKey} isDisabled={busy}>
          {t('recoveryShares.recover.useKey')}
        </Button>
      </p>
      <form className="form" onSubmit={onSubmit} noValidate>
        <div className="share-fields">
          {fields.map((f, index) => (
            <ShareField key={f.id} control={control} index={index} />
          ))}
        </div>
        {label ? (
          <p className="muted" role="status">
            {t('recoveryShares.recover.summary', { vault: label.vault, threshold: label.threshold, total: label.total })}
          </p>
        ) : null}
        {fields.length < SHARES_MAX ? (
          <div className="actions start">
            <Button variant="secondary" size="small" onPress={() => append({ value: '' })} isDisabled={busy}>
              {t('recoveryShares.recover.add')}
            </Button>
          </div>
        ) : null}
        <FormTextField control={control} name="username" label={t('auth.recover.username')} autoComplete="username" fallbackErrorKey="validation.username" isRequired />
        <FormTextField
          control={control}
          name="newPassphrase"
          type="password"
          label={t('fields.newPassphrase')}
          description={t('passphrasePolicy')}
          autoComplete="new-password"
          isRequired
        />
        <FormTextField control={control} name="confirm" type="password" label={t('fields.confirmNewPassphrase')} autoComplete="new-password" isRequired />
        {busy ? <Notice tone="info">{t('recoveryShares.recover.working')}</Notice> : null}
        {formError ? <Notice tone="error">{formError}</Notice> : null}
        <div className="actions">
          <Button variant="secondary" onPress={onCancel} isDisabled={busy}>
            {t('auth.recover.back')}
          </Button>
          <Button variant="primary" type="submit" isPending={busy}>
            {t('auth.recover.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}
