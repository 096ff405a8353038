import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ForcedPassphraseChange } from '../features/auth/ForcedPassphraseChange';
import { LockScreen } from '../features/auth/LockScreen';
import { NeutralScreen } from '../features/lock/NeutralScreen';
import { SetupWizard } from '../features/setup/SetupWizard';
import { useSetupStore } from '../features/setup/setupStore';
import { useAppStore } from './appStore';
import { BootError } from './BootError';
import { Shell } from './Shell';
import { useActivityPing } from './useActivityPing';
import { useGlobalShortcuts } from './useGlobalShortcuts';

/** Chooses the screen from the app state (`app.status`); nothing else decides what is shown. */
export function App() {
  const { t } = useTranslation();
  const status = useAppStore((s) => s.status);
  const bootFailed = useAppStore((s) => s.bootFailed);
  const neutral = useAppStore((s) => s.neutral);
  const recoveryDeferred = useSetupStore((s) => s.deferred);

  useGlobalShortcuts();
  useActivityPing(status?.state === 'unlocked' && neutral === 'off');

  useEffect(() => {
    if (neutral === 'off') document.title = t('app.name');
  }, [neutral, t]);

  if (neutral !== 'off') return <NeutralScreen dismissable={neutral === 'after-reload'} />;
  if (bootFailed) return <BootError />;
  if (!status) return <div className="boot" aria-busy="true" />;

  if (status.state === 'no-vault') return <SetupWizard />;
  if (status.state === 'locked' || !status.session) return <LockScreen retryAfterSeconds={status.retryAfterSeconds} />;

  const session = status.session;
  if (session.mustChangePassphrase) return <ForcedPassphraseChange session={session} />;
  if (status.recoveryKeyPending && session.role === 'administrator' && !recoveryDeferred) return <SetupWizard />;
  return <Shell session={session} />;
}
