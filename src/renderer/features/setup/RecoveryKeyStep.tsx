import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { Button } from '../../ui/Button';
import { Checkbox } from '../../ui/Checkbox';
import { StepIndicator } from './StepIndicator';
import { SETUP_STEPS, useSetupStore } from './setupStore';

/** Splits `7K3M-QX9D-…` into its groups of four, whatever the separators. */
export function keyGroups(recoveryKey: string): string[] {
  const compact = recoveryKey.toUpperCase().replace(/[^0-9A-Z]/g, '');
  return compact.match(/.{1,4}/g) ?? [];
}

/** Copying 36 characters by hand can take longer than the idle lock, and the key is shown once. */
const KEEP_ALIVE_MS = 30_000;
const KEEP_ALIVE_MAX_MS = 30 * 60_000;

function useKeepAliveWhileCopying(): void {
  useEffect(() => {
    const started = Date.now();
    const timer = window.setInterval(() => {
      if (Date.now() - started > KEEP_ALIVE_MAX_MS) {
        window.clearInterval(timer);
        return;
      }
      call('session.activity', {}).catch(() => undefined);
    }, KEEP_ALIVE_MS);
    return () => window.clearInterval(timer);
  }, []);
}

export function RecoveryKeyStep({ recoveryKey }: { recoveryKey: string }) {
  useKeepAliveWhileCopying();
  const { t } = useTranslation();
  const writtenDown = useSetupStore((s) => s.writtenDown);
  const setWrittenDown = useSetupStore((s) => s.setWrittenDown);
  const setStep = useSetupStore((s) => s.setStep);
  const groups = keyGroups(recoveryKey);

  return (
    <section className="card wizard wide" aria-labelledby="key-title">
      <StepIndicator current={3} total={SETUP_STEPS} />
      <h1 id="key-title" className="page-title">
        {t('setup.key.title')}
      </h1>
      <p className="lead">{t('setup.key.intro')}</p>
      <div className="recovery-key print-area">
        <h2 className="recovery-key-caption" id="key-caption">
          {t('setup.key.caption')}
        </h2>
        <p className="visually-hidden" data-testid="recovery-key">
          {recoveryKey}
        </p>
        <ol className="key-groups" aria-hidden="true">
          {groups.map((group, index) => (
            <li key={index} className="key-group">
              {group}
            </li>
          ))}
        </ol>
        <p className="recovery-key-print-note">{t('setup.key.printNote')}</p>
      </div>
      <ul className="instructions">
        <li>{t('setup.key.write')}</li>
        <li>{t('setup.key.store')}</li>
        <li>{t('setup.key.never')}</li>
      </ul>
      <div className="actions start">
        <Button variant="secondary" onPress={() => window.print()}>
          {t('setup.key.print')}
        </Button>
      </div>
      <Checkbox isSelected={writtenDown} onChange={setWrittenDown}>
        {t('setup.key.ack')}
      </Checkbox>
      <div className="actions">
        <Button variant="primary" isDisabled={!writtenDown} onPress={() => setStep('confirm')}>
          {t('common.continue')}
        </Button>
      </div>
    </section>
  );
}
