import { useTranslation } from 'react-i18next';
import type { Account } from '../../../shared/schemas';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { useAccountsStore } from './accountsStore';

interface Props {
  account: Account | null;
  onClose: () => void;
  onDisabled: (account: Account) => void;
}

export function DisableAccountDialog({ account, onClose, onDisabled }: Props) {
  const { t } = useTranslation();
  const disable = useAccountsStore((s) => s.disable);
  return (
    <ConfirmDialog
      isOpen={account !== null}
      title={t('accounts.disableDialog.title', { name: account?.displayName ?? '' })}
      confirmLabel={t('accounts.disableDialog.confirm')}
      onCancel={onClose}
      onConfirm={async () => {
        if (account) onDisabled(await disable(account.id));
      }}
    >
      <p>{t('accounts.disableDialog.body', { name: account?.displayName ?? '', username: account?.username ?? '' })}</p>
    </ConfirmDialog>
  );
}
