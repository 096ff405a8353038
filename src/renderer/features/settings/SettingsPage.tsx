import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../shared/schemas';
import { describeError } from '../../api/errors';
import { ChangePassphraseForm } from '../auth/ChangePassphraseForm';
import { LanguageSwitch } from '../../ui/LanguageSwitch';
import { Notice } from '../../ui/Notice';
import { SecuritySettingsForm } from './SecuritySettingsForm';
import { RecoverySharesPanel } from '../recovery-shares/RecoverySharesPanel';
import { BackupPanel } from '../backup/BackupPanel';
import { PartnersPanel } from '../referrals/PartnersPanel';
import { RetentionSettingsPanel } from '../retention/RetentionSettingsPanel';
import { useSettingsStore } from './settingsStore';
import { StatisticsRulesPanel } from '../statistics/StatisticsRulesPanel';

export function SettingsPage({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  const settings = useSettingsStore((s) => s.settings);
  const loadError = useSettingsStore((s) => s.loadError);
  const load = useSettingsStore((s) => s.load);
  const isAdmin = session.role === 'administrator';

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="page">
      <h1 className="page-title" tabIndex={-1}>
        {t('settings.title')}
      </h1>
      <section className="panel" aria-labelledby="security-title">
        <h2 id="security-title">{t('settings.security.title')}</h2>
        {!isAdmin ? <p className="muted">{t('settings.security.readOnly')}</p> : null}
        {loadError ? <Notice tone="error">{describeError(t, loadError)}</Notice> : null}
        {settings ? <SecuritySettingsForm settings={settings} isAdmin={isAdmin} /> : null}
      </section>
      <section className="panel" aria-labelledby="language-title">
        <h2 id="language-title">{t('settings.language.title')}</h2>
        <p className="muted">{t('settings.language.help')}</p>
        <LanguageSwitch compact />
      </section>
      <section className="panel" aria-labelledby="passphrase-title">
        <h2 id="passphrase-title">{t('passphraseChange.title')}</h2>
        <ChangePassphraseForm currentLabel={t('fields.currentPassphrase')} submitLabel={t('passphraseChange.submit')} onChanged={() => undefined} />
      </section>
      {isAdmin ? <BackupPanel /> : null}
      {session.role !== 'coordinator' ? <PartnersPanel session={session} /> : null}
      {settings && (isAdmin || session.role === 'supervisor') ? <RetentionSettingsPanel settings={settings} isAdmin={isAdmin} /> : null}
      {isAdmin ? <StatisticsRulesPanel /> : null}
      {isAdmin ? <RecoverySharesPanel session={session} /> : null}
    </div>
  );
}
