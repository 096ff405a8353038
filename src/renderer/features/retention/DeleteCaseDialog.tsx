import { useEffect, useState } from 'react';
import { REASON_MAX } from '../../../shared/case-file/common';
import { useTranslation } from 'react-i18next';
import type { RetentionCase } from '../../../shared/retention';
import { describeError } from '../../api/errors';
import { call } from '../../api/client';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { MultilineField } from '../../ui/MultilineField';
import { Notice } from '../../ui/Notice';
import { TextField } from '../../ui/TextField';

interface Props {
  item: RetentionCase | null;
  onClose: () => void;
  onDeleted: (code: string) => void;
}

/**
 * The confirmation of a deletion that cannot be undone: the person types the case's code and
 * gives a reason. The reason makes the act deliberate; it is not stored (it may name the person).
 */
export function DeleteCaseDialog({ item, onClose, onDeleted }: Props) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setTyped('');
    setReason('');
    setTried(false);
    setError(null);
  }, [item?.caseId]);

  const codeMatches = item !== null && typed.trim().toUpperCase() === item.code.toUpperCase();
  const reasonGiven = reason.trim().length > 0;

  const submit = async () => {
    if (!item) return;
    setTried(true);
    setError(null);
    if (!codeMatches || !reasonGiven) return;
    setBusy(true);
    try {
      await call('retention.delete', { caseId: item.caseId, reason: reason.trim() });
      onDeleted(item.code);
    } catch (caught) {
      setError(describeError(t, caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog isOpen={item !== null} onOpenChange={(open) => !open && !busy && onClose()} title={t('retention.dialog.title', { code: item?.code ?? '' })} role="alertdialog" isBusy={busy}>
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Notice tone="warning" announce={false}>
          <p>{t('retention.dialog.irreversible')}</p>
          <p>{t('retention.dialog.what')}</p>
        </Notice>
        <TextField
          label={t('retention.dialog.typeCode', { code: item?.code ?? '' })}
          value={typed}
          onChange={setTyped}
          monospace
          autoComplete="off"
          spellCheck="false"
          isDisabled={busy}
          errorMessage={tried && !codeMatches ? t('retention.dialog.codeMismatch') : undefined}
          name="confirmCode"
          autoFocus
        />
        <MultilineField
          label={t('retention.dialog.reason')}
          description={t('retention.dialog.reasonHelp')}
          value={reason}
          onChange={setReason}
          rows={3}
          maxLength={REASON_MAX}
          errorMessage={tried && !reasonGiven ? t('retention.dialog.reasonRequired') : undefined}
          name="reason"
        />
        {busy ? (
          <p role="status" className="muted">
            {t('retention.dialog.working')}
          </p>
        ) : null}
        {error ? <Notice tone="error">{error}</Notice> : null}
        <div className="actions">
          <Button variant="secondary" onPress={onClose} isDisabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button variant="danger" type="submit" isPending={busy}>
            {t('retention.dialog.confirm')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
