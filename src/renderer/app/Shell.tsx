import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../shared/schemas';
import { AboutPage } from '../features/about/AboutPage';
import { AccountsPage } from '../features/accounts/AccountsPage';
import { AuditPage } from '../features/audit/AuditPage';
import { RetentionPage } from '../features/retention/RetentionPage';
import { StatisticsPage } from '../features/statistics/StatisticsPage';
import { HomePage } from '../features/home/HomePage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { CaseView } from '../features/case-view/CaseView';
import { CasesPage } from '../features/cases/CasesPage';
import { IntakeWizard } from '../features/intake/IntakeWizard';
import { SearchPage } from '../features/search/SearchPage';
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
  // Case content is for the people who work on cases; administrators and coordinators see none.
  const worksOnCases = session.role === 'caseworker' || session.role === 'supervisor';
  // The audit trail is for oversight: administrators and supervisors (shared/authorization.ts).
  const oversees = session.role === 'administrator' || session.role === 'supervisor';
  // Deleting cases past retention is a supervisor's decision (shared/authorization.ts).
  const isSupervisor = session.role === 'supervisor';
  // Anonymized statistics: coordinators and supervisors (shared/authorization.ts).
  const seesStatistics = session.role === 'coordinator' || session.role === 'supervisor';
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  const items: NavItem[] = [
    { page: 'home', label: t('shell.home') },
    ...(worksOnCases
      ? [
          { page: 'cases' as const, label: t('cases.nav') },
          { page: 'search' as const, label: t('search.nav') },
        ]
      : []),
    { page: 'settings', label: t('shell.settings') },
    ...(isAdmin ? [{ page: 'accounts' as const, label: t('shell.accounts') }] : []),
    ...(oversees ? [{ page: 'audit' as const, label: t('audit.nav') }] : []),
    ...(seesStatistics ? [{ page: 'statistics' as const, label: t('statistics.nav') }] : []),
    ...(isSupervisor ? [{ page: 'retention' as const, label: t('retention.nav') }] : []),
    // Every role: the licences and credits (issue 7 §6).
    { page: 'about', label: t('about.nav') },
  ];
  const casePages: Page[] = ['cases', 'case', 'intake', 'search'];
  const current: Page = (page === 'accounts' && !isAdmin) || (page === 'audit' && !oversees) || (page === 'retention' && !isSupervisor) || (page === 'statistics' && !seesStatistics) || (casePages.includes(page) && !worksOnCases) ? 'home' : page;
  // A case belongs to the list it was opened from (its nav item stays marked).
  const navCurrent: Page = current === 'case' || current === 'intake' ? 'cases' : current;

  // Moving between pages puts focus at the top of the new content, as a page load would.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    // A page may name the control to start from (e.g. the search box); otherwise its title.
    const main = mainRef.current;
    (main?.querySelector<HTMLElement>('[data-page-focus]') ?? main?.querySelector<HTMLElement>('h1'))?.focus();
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
                  aria-current={current === item.page ? 'page' : navCurrent === item.page ? 'true' : undefined}
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
        {current === 'audit' && oversees ? <AuditPage session={session} /> : null}
        {current === 'retention' && isSupervisor ? <RetentionPage /> : null}
        {current === 'statistics' && seesStatistics ? <StatisticsPage /> : null}
        {current === 'cases' ? <CasesPage session={session} /> : null}
        {current === 'search' ? <SearchPage /> : null}
        {current === 'about' ? <AboutPage /> : null}
        {current === 'intake' ? <IntakeWizard /> : null}
        {current === 'case' && caseId ? <CaseView caseId={caseId} onBack={() => go('cases')} /> : null}
      </main>
    </div>
  );
}
