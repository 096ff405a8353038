import { useState } from 'react';
import { TopBar } from '../../ui/TopBar';
import { LoginForm } from './LoginForm';
import { RecoverForm } from './RecoverForm';

/** The locked state: sign in, or set a new passphrase with the recovery key. */
export function LockScreen({ retryAfterSeconds }: { retryAfterSeconds: number }) {
  const [mode, setMode] = useState<'login' | 'recover'>('login');
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
        ) : (
          <RecoverForm
            onCancel={() => setMode('login')}
            onDone={() => {
              setRecovered(true);
              setMode('login');
            }}
          />
        )}
      </main>
    </div>
  );
}
