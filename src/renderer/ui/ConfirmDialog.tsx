import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../api/errors';
import { Button } from './Button';
import { Dialog } from './Dialog';
import { Notice } from './Notice';

interface Props {
  isOpen: boolean;
  title: string;
  /** What will happen, in words. */
  children: ReactNode;
  confirmLabel: string;
  onCancel: () => void;
  /** Does the thing; a refusal stays in the dialog as a message, and the dialog stays open. */
  onConfirm: () => Promise<void>;
}

/** An alert dialog for one irreversible action: Cancel (focused first) or the danger button. */
export function ConfirmDialog({ isOpen, title, children, confirmLabel, onCancel, onConfirm }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cancel = () => {
    setError(null);
    onCancel();
  };
  return (
    <Dialog isOpen={isOpen} onOpenChange={(open) => !open && cancel()} title={title} role="alertdialog" isBusy={busy}>
      {children}
      {error ? <Notice tone="error">{error}</Notice> : null}
      <div className="actions">
        <Button variant="secondary" onPress={cancel} isDisabled={busy} autoFocus>
          {t('common.cancel')}
        </Button>
        <Button
          variant="danger"
          isPending={busy}
          onPress={async () => {
            setBusy(true);
            setError(null);
            try {
              await onConfirm();
            } catch (caught) {
              setError(describeError(t, caught));
            } finally {
              setBusy(false);
            }
          }}
        >
          {confirmLabel}
        </Button>
      </div>
    </Dialog>
  );
}
