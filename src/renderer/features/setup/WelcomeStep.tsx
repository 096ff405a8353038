import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { LanguageSwitch } from '../../ui/LanguageSwitch';
import { StepIndicator } from './StepIndicator';
import { SETUP_STEPS, useSetupStore } from './setupStore';

export function WelcomeStep() {
  const { t } = useTranslation();
  const setStep = useSetupStore((s) => s.setStep);
  return (
    <section className="card wizard" aria-labelledby="welcome-title">
      <StepIndicator current={1} total={SETUP_STEPS} />
      <h1 id="welcome-title" className="page-title">
        {t('setup.welcome.title')}
      </h1>
      <p className="lead">{t('setup.welcome.intro1')}</p>
      <p>{t('setup.welcome.intro2')}</p>
      <div className="wizard-language">
        <LanguageSwitch />
      </div>
      <div className="actions">
        <Button variant="primary" onPress={() => setStep('admin')}>
          {t('setup.welcome.start')}
        </Button>
      </div>
      <div className="card-footer">
        <Button variant="link" onPress={() => setStep('restore')}>
          {t('backup.restore.fromSetup')}
        </Button>
      </div>
    </section>
  );
}
