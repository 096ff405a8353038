import { useTranslation } from 'react-i18next';
import { lockNow } from '../app/lifecycle';
import { Button } from './Button';
import { LanguageSwitch } from './LanguageSwitch';
import { Logo } from './Logo';

/** The bar of the screens outside the main shell (first run, sign-in, required steps). */
export function TopBar({ showLock = false, showLanguage = true }: { showLock?: boolean; showLanguage?: boolean }) {
  const { t } = useTranslation();
  return (
    <header className="topbar">
      <div className="brand">
        <Logo />
        <span className="brand-name">{t('app.name')}</span>
      </div>
      <div className="topbar-actions">
        {showLanguage ? <LanguageSwitch compact /> : null}
        {showLock ? (
          <Button variant="secondary" size="small" onPress={() => void lockNow()} aria-keyshortcuts="Control+L">
            {t('shell.lock')}
          </Button>
        ) : null}
      </div>
    </header>
  );
}
