import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { CaseHeader } from '../../../shared/case-file/case';
import { REASON_MAX } from '../../../shared/case-file/common';
import { useStaffStore } from '../../stores/staffStore';
import { Button } from '../../ui/Button';
import { CheckboxGroupField } from '../../ui/CheckboxGroupField';
import { Dialog } from '../../ui/Dialog';
import { Notice } from '../../ui/Notice';
import { reassign } from './actions';
import { useCaseStore } from './caseStore';
import { reassignCandidates } from './reassign';
import { WriteErrorNotice } from './errors';
import { ReasonField } from './ReasonField';
import { useLang } from './vocab';

const reassignForm = z.object({
  assignedIds: z.array(z.string()).min(1, 'caseView.reassign.pickOne'),
  reason: z.string().trim().min(1, 'validation.required').max(REASON_MAX, 'caseView.reassign.reasonTooLong'),
});
type ReassignValues = z.input<typeof reassignForm>;

interface Props {
  header: CaseHeader;
  supervisorId: string;
  isOpen: boolean;
  onClose: (reassignedTo: string[] | null) => void;
}

/** A supervisor changes who works on a case: one or more caseworkers of the team, and why. */
export function ReassignDialog({ header, supervisorId, isOpen, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Dialog isOpen={isOpen} onOpenChange={(open) => !open && onClose(null)} title={t('caseView.reassign.title', { code: header.code })}>
      <ReassignForm header={header} supervisorId={supervisorId} onClose={onClose} />
    </Dialog>
  );
}

function ReassignForm({ header, supervisorId, onClose }: Omit<Props, 'isOpen'>) {
  const { t } = useTranslation();
  const lang = useLang();
  const directory = useStaffStore((s) => s.directory);
  const teams = useStaffStore((s) => s.teams);
  const reload = useCaseStore((s) => s.reload);
  const [error, setError] = useState<unknown>(null);
  const candidates = directory && teams ? reassignCandidates(header, supervisorId, directory, teams) : [];
  const candidateIds = new Set(candidates.map((c) => c.id));
  const form = useForm<ReassignValues>({
    resolver: zodResolver(reassignForm),
    defaultValues: { assignedIds: header.assignedIds.filter((id) => candidateIds.has(id)), reason: '' },
  });
  const { isSubmitting } = form.formState;
  const chosen = useWatch({ control: form.control, name: 'assignedIds' });
  const list = (names: string[]) => new Intl.ListFormat(lang === 'es' ? 'es-419' : 'en', { type: 'conjunction' }).format(names);
  const nameOf = (id: string) => directory?.find((m) => m.id === id)?.displayName ?? t('caseView.someone');
  const removed = header.assignedIds.filter((id) => !chosen.includes(id));
  const added = chosen.filter((id) => !header.assignedIds.includes(id));

  // Once the names are known, and after a refused stale write and a reload: start from who is assigned now.
  const current = header.assignedIds.filter((id) => candidateIds.has(id)).join();
  useEffect(() => {
    form.setValue('assignedIds', current ? current.split(',') : []);
  }, [current, form]);

  const submit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      await reassign(header.stamp.version, values.assignedIds, values.reason.trim());
      onClose(values.assignedIds);
    } catch (caught) {
      setError(caught);
    }
  });

  const options = [...candidates]
    .sort((a, b) => a.displayName.localeCompare(b.displayName, lang))
    .map((m) => ({ id: m.id, label: header.assignedIds.includes(m.id) ? t('caseView.reassign.current', { name: m.displayName }) : m.displayName }));

  return (
    <form
      className="form reassign-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <p className="muted">{t('caseView.reassign.intro')}</p>
      {directory && teams && candidates.length === 0 ? <Notice tone="warning">{t('caseView.reassign.noCandidates')}</Notice> : null}
      <Controller
        control={form.control}
        name="assignedIds"
        render={({ field, fieldState }) => (
          <CheckboxGroupField<string>
            label={t('caseView.reassign.who')}
            description={t('caseView.reassign.whoHelp')}
            options={options}
            value={field.value}
            onChange={field.onChange}
            columns={1}
            errorMessage={fieldState.error?.message ? t(fieldState.error.message) : undefined}
          />
        )}
      />
      <ReasonField control={form.control} name="reason" label={t('caseView.reassign.reason')} description={t('caseView.reassign.reasonHelp')} />
      <Notice tone="warning" announce={false} title={t('caseView.reassign.accessTitle')}>
        <p>{t('caseView.reassign.access')}</p>
        {removed.length > 0 ? <p className="reassign-change">{t('caseView.reassign.removing', { names: list(removed.map(nameOf)) })}</p> : null}
        {added.length > 0 ? <p className="reassign-change">{t('caseView.reassign.adding', { names: list(added.map(nameOf)) })}</p> : null}
      </Notice>
      <WriteErrorNotice
        error={error}
        reloadLabel={t('caseView.stale.reloadHeader')}
        onReload={async () => {
          await reload();
          setError(null);
        }}
      />
      <div className="actions">
        <Button variant="secondary" onPress={() => onClose(null)} isDisabled={isSubmitting}>
          {t('common.cancel')}
        </Button>
        <Button variant="primary" type="submit" isPending={isSubmitting}>
          {t('caseView.reassign.submit')}
        </Button>
      </div>
    </form>
  );
}
