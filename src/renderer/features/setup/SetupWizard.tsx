import { useAppStore } from '../../app/appStore';
import { TopBar } from '../../ui/TopBar';
import { AdminStep } from './AdminStep';
import { ConfirmKeyStep } from './ConfirmKeyStep';
import { RecoveryKeyStep } from './RecoveryKeyStep';
import { RestoreStep } from './RestoreStep';
import { useSetupStore } from './setupStore';
import { WelcomeStep } from './WelcomeStep';



/**
 * First run: welcome and language → the administrator → the recovery key, shown once →
 * the key typed back; or, from the welcome, the vault of a backup (a new laptop). Also shown to a signed-in administrator while the key is unconfirmed;
 * the key itself is then gone from memory, so only the confirmation remains.
 */
export function SetupWizard() {
  const state = useAppStore((s) => s.status?.state);
  const step = useSetupStore((s) => s.step);
  const recoveryKey = useSetupStore((s) => s.recoveryKey);

  let content;
  if (state === 'no-vault') {
    content = step === 'admin' ? <AdminStep /> : step === 'restore' ? <RestoreStep /> : <WelcomeStep />;
  } else if (recoveryKey && step === 'key') {
    content = <RecoveryKeyStep recoveryKey={recoveryKey} />;
  } else {
    content = <ConfirmKeyStep keyInMemory={recoveryKey !== null} />;
  }

  return (
    <div className="standalone">
      <TopBar
        showLanguage={!(state === 'no-vault' && step === 'welcome')}
        // While the key is on screen a stray click on Lock would lose it for good.
        showLock={state === 'unlocked' && !(recoveryKey && step === 'key')}
      />
      <main className="centered-page" id="main">
        {content}
      </main>
    </div>
  );
}
