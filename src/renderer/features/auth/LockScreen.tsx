import { useState } from 'react';
import { TopBar } from '../../ui/TopBar';
import { LoginForm } from './LoginForm';
import { RecoverForm } from './RecoverForm';
import { RecoverWithSharesForm } from '../recovery-shares/RecoverWithSharesForm';

/** The locked state: sign in, or set a new passphrase with the recovery key or recovery shares. */
export function LockScreen({ retryAfterSeconds }: { retryAfterSeconds: number }) {
  const [mode, setMode] = useState<'login' | 'recover' | 'recover-shares'>('login');
  const [recovered, setRecovered] = useState(false);

  return (
    <div className="standalone">
      <TopBar />
      <main className="centered-page" id="main">
        {mode === 'login' ? (
          <LoginForm
            retryAfterSeconds={retryAfterSeconds}
            recovered={recovered}
            onForgot={() => {
              setRecovered(false);
              setMode('recover');
            }}
          />
        ) : mode === 'recover' ? (
          <RecoverForm
            onCancel={() => setMode('login')}
            onDone={() => {
              setRecovered(true);
              setMode('login');
            }}
            onUseShares={() => setMode('recover-shares')}
          />
        ) : (
          <RecoverWithSharesForm
            onCancel={() => setMode('login')}
            onDone={() => {
              setRecovered(true);
              setMode('login');
            }}
            onUseKey={() => setMode('recover')}
          />
        )}
      </main>
    </div>
  );
}
