import '../../styles/referrals.css';
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { PackagePart, Partner } from '../../../shared/referrals';
import { call } from '../../api/client';
import { describeError } from '../../api/errors';
import { useAppStore } from '../../app/appStore';
import { Button } from '../../ui/Button';
import { CheckboxGroupField } from '../../ui/CheckboxGroupField';
import { Dialog } from '../../ui/Dialog';
import { MultilineField } from '../../ui/MultilineField';
import { Notice } from '../../ui/Notice';
import { Select } from '../../ui/Select';
import { TextField } from '../../ui/TextField';
import { useCaseStore } from '../case-view/caseStore';
import { formatDate, useLang } from '../case-view/vocab';
import { consentFor, PART_ORDER } from './referralsApi';

const sendForm = z.object({
  partnerId: z.string().min(1, 'validation.required'),
  parts: z.array(z.string()).min(1, 'referrals.send.pickOne'),
  reason: z.string().max(2000),
  overrideReason: z.string().max(200),
});
type SendValues = z.input<typeof sendForm>;

type Outcome = { tone: 'success' | 'info'; text: string } | null;

/** "Send referral package…" on the case's Referrals tab, and what it says after. */
export function SendReferral() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  return (
    <div className="send-referral">
      <div className="actions start">
        <Button
          variant="secondary"
          onPress={() => {
            setOutcome(null);
            setOpen(true);
          }}
        >
          {t('referrals.send.open')}
        </Button>
      </div>
      {outcome ? <Notice tone={outcome.tone}>{outcome.text}</Notice> : null}
      <SendReferralDialog
        isOpen={open}
        onClose={(result) => {
          setOpen(false);
          if (result) setOutcome(result);
        }}
      />
    </div>
  );
}

function SendReferralDialog({ isOpen, onClose }: { isOpen: boolean; onClose: (outcome: Outcome) => void }) {
  const { t } = useTranslation();
  const code = useCaseStore((s) => s.file?.header.code ?? '');
  return (
    <Dialog isOpen={isOpen} onOpenChange={(o) => !o && onClose(null)} title={t('referrals.send.title', { code })}>
      <SendForm onClose={onClose} />
    </Dialog>
  );
}

function SendForm({ onClose }: { onClose: (outcome: Outcome) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const file = useCaseStore((s) => s.file!);
  const reload = useCaseStore((s) => s.reload);
  const isSupervisor = useAppStore((s) => s.status?.session?.role === 'supervisor');
  const [partners, setPartners] = useState<Partner[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const identityOpen = file.identity.data !== null;
  const form = useForm<SendValues>({
    resolver: zodResolver(sendForm),
    defaultValues: { partnerId: '', parts: ['profile'], reason: '', overrideReason: '' },
  });
  const partnerId = useWatch({ control: form.control, name: 'partnerId' });
  const partner = partners?.find((p) => p.id === partnerId) ?? null;
  const consent = partner ? consentFor(file.records, partner.name) : null;

  useEffect(() => {
    call('partners.list', {}).then(
      (list) => {
        setPartners(list);
        if (list.length === 1) form.setValue('partnerId', list[0]!.id);
      },
      (caught: unknown) => setError(describeError(t, caught)),
    );
  }, [form, t]);

  const submit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      const sent = await call('referrals.send', {
        caseId: file.header.id,
        partnerId: values.partnerId,
        parts: values.parts as PackagePart[],
        reason: values.reason.trim(),
        overrideReason: isSupervisor ? values.overrideReason.trim() : '',
      });
      if (!sent) {
        onClose({ tone: 'info', text: t('referrals.send.cancelled') });
        return;
      }
      await reload();
      const done = t('referrals.send.done', { organisation: partner?.name ?? '' });
      onClose({ tone: 'success', text: sent.identityLeftOut ? `${done} ${t('referrals.send.doneIdentityLeftOut')}` : done });
    } catch (caught) {
      setError(describeError(t, caught));
    }
  });

  const partOptions = PART_ORDER.filter((p) => p !== 'identity' || identityOpen).map((p) => ({ id: p, label: t(`referrals.parts.${p}`) }));

  return (
    <form
      className="form send-referral-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <p className="muted">{t('referrals.send.intro')}</p>
      {partners && partners.length === 0 ? <Notice tone="warning">{t('referrals.send.noPartners')}</Notice> : null}
      <Controller
        control={form.control}
        name="partnerId"
        render={({ field, fieldState }) => (
          <Select<string>
            label={t('referrals.send.partner')}
            options={(partners ?? []).map((p) => ({ id: p.id, label: p.name }))}
            value={field.value || null}
            onChange={field.onChange}
            isDisabled={!partners || partners.length === 0}
            errorMessage={fieldState.error?.message ? t(fieldState.error.message) : undefined}
          />
        )}
      />
      {partner ? (
        consent ? (
          <Notice tone="success" announce={false}>
            {t('referrals.send.consentFound', { date: formatDate(consent.givenOn, lang), organisation: partner.name })}
          </Notice>
        ) : (
          <Notice tone="warning" announce={false}>
            {t('referrals.send.consentMissing', { organisation: partner.name })}
          </Notice>
        )
      ) : null}
      <Controller
        control={form.control}
        name="parts"
        render={({ field, fieldState }) => (
          <CheckboxGroupField<string>
            label={t('referrals.send.parts')}
            description={t('referrals.send.partsHelp')}
            options={partOptions}
            value={field.value}
            onChange={field.onChange}
            errorMessage={fieldState.error?.message ? t(fieldState.error.message) : undefined}
          />
        )}
      />
      {!identityOpen ? <p className="muted">{t('referrals.send.identitySealed')}</p> : null}
      <Controller
        control={form.control}
        name="reason"
        render={({ field }) => (
          <MultilineField label={t('referrals.send.reason')} description={t('referrals.send.reasonHelp')} value={field.value} onChange={field.onChange} onBlur={field.onBlur} rows={3} maxLength={2000} name={field.name} />
        )}
      />
      {isSupervisor && partner && !consent ? (
        <Controller
          control={form.control}
          name="overrideReason"
          render={({ field }) => (
            <TextField label={t('referrals.send.override')} description={t('referrals.send.overrideHelp')} value={field.value} onChange={field.onChange} onBlur={field.onBlur} name={field.name} maxLength={200} />
          )}
        />
      ) : null}
      {error ? <Notice tone="error">{error}</Notice> : null}
      <div className="actions">
        <Button variant="secondary" onPress={() => onClose(null)} isDisabled={form.formState.isSubmitting}>
          {t('common.cancel')}
        </Button>
        <Button variant="primary" type="submit" isPending={form.formState.isSubmitting} isDisabled={!partners || partners.length === 0}>
          {t('referrals.send.submit')}
        </Button>
      </div>
    </form>
  );
}
