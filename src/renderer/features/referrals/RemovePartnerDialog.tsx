import { useTranslation } from 'react-i18next';
import type { Partner } from '../../../shared/referrals';
import { call } from '../../api/client';
import { ConfirmDialog } from '../../ui/ConfirmDialog';

/** Administrators: removes a partner organisation from the directory (`partners.remove`, audited as `partner.removed`). */
export function RemovePartnerDialog({ partner, onClose }: { partner: Partner | null; onClose: (removed: Partner | null) => void }) {
  const { t } = useTranslation();
  const name = partner?.name ?? '';
  return (
    <ConfirmDialog
      isOpen={partner !== null}
      title={t('referrals.removeDialog.title', { name })}
      confirmLabel={t('referrals.removeDialog.confirm')}
      onCancel={() => onClose(null)}
      onConfirm={async () => {
        if (!partner) return;
        await call('partners.remove', { partnerId: partner.id });
        onClose(partner);
      }}
    >
      <p>{t('referrals.removeDialog.body', { name })}</p>
      <p className="muted">{t('referrals.removeDialog.again')}</p>
    </ConfirmDialog>
  );
}
