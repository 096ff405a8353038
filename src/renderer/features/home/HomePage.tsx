import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../shared/schemas';
import { useAppStore } from '../../app/appStore';
import { useNavStore } from '../../app/navStore';
import { formatDateTime } from '../../i18n';
import { Button } from '../../ui/Button';
import { primaryModifierLabel } from '../../ui/platform';
import { useAuthStore } from '../auth/authStore';
import { useSetupStore } from '../setup/setupStore';
import { HomeCaseLists } from './HomeCaseLists';
import { BackupReminder } from '../backup/BackupReminder';

function LastLoginNotice() {
  const { t, i18n } = useTranslation();
  const lastLogin = useAuthStore((s) => s.lastLogin);
  if (!lastLogin) return null;
  const failed = lastLogin.failedAttemptsSinceLastLogin;
  const language = i18n.language === 'es' ? 'es' : 'en';
  return (
    <div className={failed > 0 ? 'last-login warning' : 'last-login'} role={failed > 0 ? 'alert' : 'status'}>
      {lastLogin.lastLoginAt ? (
        <>
          <p>{t('home.lastLogin', { date: formatDateTime(lastLogin.lastLoginAt, language) })}</p>
          <p>{failed > 0 ? <strong>{t('home.failed', { count: failed })}</strong> : t('home.noFailed')}</p>
        </>
      ) : (
        <p>{t('home.firstLogin')}</p>
      )}
      {failed > 0 ? <p>{t('home.failedAdvice')}</p> : null}
    </div>
  );
}

export function HomePage({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  const recoveryPending = useAppStore((s) => s.status?.recoveryKeyPending ?? false);
  const undefer = useSetupStore.setState;
  const go = useNavStore((s) => s.go);
  const isAdmin = session.role === 'administrator';
  // Administrators and coordinators see no case content: they cannot call the case channels, so
  // their home asks nothing of them (administrators: accounts, teams, the audit trail;
  // coordinators: statistics, never people).
  const worksOnCases = session.role === 'caseworker' || session.role === 'supervisor';
  const mod = primaryModifierLabel();

  return (
    <div className="page">
      <h1 className="page-title" tabIndex={-1}>
        {t('home.welcome', { name: session.displayName })}
      </h1>
      <LastLoginNotice />
      {isAdmin ? <BackupReminder /> : null}
      {isAdmin && recoveryPending ? (
        <section className="panel panel-warning" aria-labelledby="pending-title">
          <h2 id="pending-title">{t('home.recoveryPending.title')}</h2>
          <p>{t('home.recoveryPending.body')}</p>
          <Button variant="primary" onPress={() => undefer({ deferred: false, step: 'confirm' })}>
            {t('home.recoveryPending.action')}
          </Button>
        </section>
      ) : null}
      {worksOnCases ? <HomeCaseLists /> : null}
      {isAdmin ? (
        <div className="grid">
          <section className="panel" aria-labelledby="admin-accounts-title">
            <h2 id="admin-accounts-title">{t('home.admin.accounts.title')}</h2>
            <p className="muted">{t('home.admin.accounts.body')}</p>
            <p className="muted">{t('home.admin.noCases')}</p>
            <div className="actions start">
              <Button variant="secondary" onPress={() => go('accounts')}>
                {t('home.admin.accounts.action')}
              </Button>
            </div>
          </section>
          <section className="panel" aria-labelledby="admin-audit-title">
            <h2 id="admin-audit-title">{t('home.admin.audit.title')}</h2>
            <p className="muted">{t('home.admin.audit.body')}</p>
            <div className="actions start">
              <Button variant="secondary" onPress={() => go('audit')}>
                {t('home.admin.audit.action')}
              </Button>
            </div>
          </section>
        </div>
      ) : null}
      {session.role === 'coordinator' ? (
        <section className="panel" aria-labelledby="coordinator-title">
          <h2 id="coordinator-title">{t('home.coordinator.title')}</h2>
          <p className="muted">{t('home.coordinator.body')}</p>
          <div className="actions start">
            <Button variant="primary" onPress={() => go('statistics')}>
              {t('home.coordinator.action')}
            </Button>
          </div>
        </section>
      ) : null}
      <section className="panel" aria-labelledby="shortcuts-title">
        <h2 id="shortcuts-title">{t('home.shortcuts.title')}</h2>
        <dl className="shortcuts">
          <div>
            <dt>
              <kbd>{mod}</kbd> + <kbd>L</kbd>
            </dt>
            <dd>{t('home.shortcuts.lock')}</dd>
          </div>
          <div>
            <dt>
              <kbd>{mod}</kbd> + <kbd>Shift</kbd> + <kbd>H</kbd>
            </dt>
            <dd>{t('home.shortcuts.hide')}</dd>
          </div>
        </dl>
      </section>
    </div>
  );
}
