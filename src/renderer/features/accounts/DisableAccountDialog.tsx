import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../shared/schemas';
import { describeError } from '../../api/errors';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Notice } from '../../ui/Notice';
import { useAccountsStore } from './accountsStore';

interface Props {
  account: Account | null;
  onClose: () => void;
  onDisabled: (account: Account) => void;
}

export function DisableAccountDialog({ account, onClose, onDisabled }: Props) {
  const { t } = useTranslation();
  const disable = useAccountsStore((s) => s.disable);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    setError(null);
    onClose();
  };

  return (
    <Dialog
      isOpen={account !== null}
      onOpenChange={(open) => !open && close()}
      title={t('accounts.disableDialog.title', { name: account?.displayName ?? '' })}
      role="alertdialog"
      isBusy={busy}
    >
      <p>{t('accounts.disableDialog.body', { name: account?.displayName ?? '', username: account?.username ?? '' })}</p>
      {error ? <Notice tone="error">{error}</Notice> : null}
      <div className="actions">
        <Button variant="secondary" onPress={close} isDisabled={busy} autoFocus>
          {t('common.cancel')}
        </Button>
        <Button
          variant="danger"
          isPending={busy}
          onPress={async () => {
            if (!account) return;
            setBusy(true);
            setError(null);
            try {
              onDisabled(await disable(account.id));
            } catch (caught) {
              setError(describeError(t, caught));
            } finally {
              setBusy(false);
            }
          }}
        >
          {t('accounts.disableDialog.confirm')}
        </Button>
      </div>
    </Dialog>
  );
}
