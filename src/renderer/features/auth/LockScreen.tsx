import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { TopBar } from '../../ui/TopBar';
import { AboutPage } from '../about/AboutPage';
import { LoginForm } from './LoginForm';
import { RecoverForm } from './RecoverForm';
import { RecoverWithSharesForm } from '../recovery-shares/RecoverWithSharesForm';

/** The locked state: sign in, or set a new passphrase with the recovery key or recovery shares. */
export function LockScreen({ retryAfterSeconds }: { retryAfterSeconds: number }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'login' | 'recover' | 'recover-shares' | 'about'>('login');
  const [recovered, setRecovered] = useState(false);

  if (mode === 'about') {
    return (
      <div className="standalone">
        <TopBar />
        <main className="shell-main" id="main">
          <AboutPage onBack={() => setMode('login')} />
        </main>
      </div>
    );
  }

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
        {mode === 'login' ? (
          <p className="lock-about">
            <Button variant="link" onPress={() => setMode('about')}>
              {t('about.open')}
            </Button>
          </p>
        ) : null}
      </main>
    </div>
  );
}
