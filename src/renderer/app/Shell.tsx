import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../shared/schemas';
import { AccountsPage } from '../features/accounts/AccountsPage';
import { HomePage } from '../features/home/HomePage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { CaseView } from '../features/case-view/CaseView';
import { Button } from '../ui/Button';
import { Logo } from '../ui/Logo';
import { lockNow } from './lifecycle';
import { useNavStore, type Page } from './navStore';

interface NavItem {
  page: Page;
  label: string;
}

/** The signed-in layout: header with identity and Lock, navigation, and the current page. */
export function Shell({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  const page = useNavStore((s) => s.page);
  const go = useNavStore((s) => s.go);
  const caseId = useNavStore((s) => s.caseId);
  const isAdmin = session.role === 'administrator';
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  const items: NavItem[] = [
    { page: 'home', label: t('shell.home') },
    { page: 'settings', label: t('shell.settings') },
    ...(isAdmin ? [{ page: 'accounts' as const, label: t('shell.accounts') }] : []),
  ];
  const current: Page = page === 'accounts' && !isAdmin ? 'home' : page;

  // Moving between pages puts focus at the top of the new content, as a page load would.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [current]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="shell-header">
        <div className="brand">
          <Logo />
          <span className="brand-name">{t('app.name')}</span>
        </div>
        <nav className="shell-nav" aria-label={t('shell.navLabel')}>
          <ul>
            {items.map((item) => (
              <li key={item.page}>
                <a
                  href={`#${item.page}`}
                  className="nav-link"
                  aria-current={current === item.page ? 'page' : undefined}
                  onClick={(event) => {
                    event.preventDefault();
                    go(item.page);
                  }}
                >
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="shell-user">
          <div className="user-identity">
            <span className="user-name">{session.displayName}</span>
            <span className="user-role">{t(`roles.${session.role}`)}</span>
          </div>
          <Button variant="secondary" size="small" onPress={() => void lockNow()} aria-keyshortcuts="Control+L">
            {t('shell.lock')}
          </Button>
        </div>
      </header>
      <main id="main" className="shell-main" ref={mainRef} tabIndex={-1}>
        {current === 'home' ? <HomePage session={session} /> : null}
        {current === 'settings' ? <SettingsPage session={session} /> : null}
        {current === 'accounts' && isAdmin ? <AccountsPage session={session} /> : null}
        {current === 'case' && caseId ? <CaseView caseId={caseId} onBack={() => go('cases')} /> : null}
      </main>
    </div>
  );
}
