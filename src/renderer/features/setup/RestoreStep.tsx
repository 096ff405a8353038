import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { RestoreBackupForm } from '../backup/RestoreBackupForm';
import { useSetupStore } from './setupStore';

/** First run, instead of a new administrator: this computer gets the vault of a backup. */
export function RestoreStep() {
  const { t } = useTranslation();
  const setStep = useSetupStore((s) => s.setStep);
  return (
    <section className="card wizard" aria-labelledby="restore-title">
      <h1 id="restore-title" className="page-title">
        {t('backup.restore.setupTitle')}
      </h1>
      <p>{t('backup.restore.setupIntro')}</p>
      <RestoreBackupForm mode="setup" />
      <div className="card-footer">
        <Button variant="link" onPress={() => setStep('welcome')}>
          {t('backup.restore.back')}
        </Button>
      </div>
    </section>
  );
}
