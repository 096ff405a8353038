import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Partner } from '../../../shared/referrals';
import { call } from '../../api/client';
import { describeError } from '../../api/errors';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Notice } from '../../ui/Notice';

/** Administrators: removes a partner organisation from the directory (`partners.remove`, audited as `partner.removed`). */
export function RemovePartnerDialog({ partner, onClose }: { partner: Partner | null; onClose: (removed: Partner | null) => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = partner?.name ?? '';

  const close = (removed: Partner | null) => {
    setError(null);
    onClose(removed);
  };

  return (
    <Dialog isOpen={partner !== null} onOpenChange={(open) => !open && close(null)} title={t('referrals.removeDialog.title', { name })} role="alertdialog" isBusy={busy}>
      <p>{t('referrals.removeDialog.body', { name })}</p>
      <p className="muted">{t('referrals.removeDialog.again')}</p>
      {error ? <Notice tone="error">{error}</Notice> : null}
      <div className="actions">
        <Button variant="secondary" onPress={() => close(null)} isDisabled={busy} autoFocus>
          {t('common.cancel')}
        </Button>
        <Button
          variant="danger"
          isPending={busy}
          onPress={async () => {
            if (!partner) return;
            setBusy(true);
            setError(null);
            try {
              await call('partners.remove', { partnerId: partner.id });
              close(partner);
            } catch (caught) {
              setError(describeError(t, caught));
            } finally {
              setBusy(false);
            }
          }}
        >
          {t('referrals.removeDialog.confirm')}
        </Button>
      </div>
    </Dialog>
  );
}
