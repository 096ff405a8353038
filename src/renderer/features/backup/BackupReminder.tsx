import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavStore } from '../../app/navStore';
import { Button } from '../../ui/Button';
import { useBackupStore } from './backupStore';
import { BackupStatusLine } from './BackupStatusLine';

/** The home page of administrators: a reminder when the last backup is older than the setting. */
export function BackupReminder() {
  const { t, i18n } = useTranslation();
  const status = useBackupStore((s) => s.status);
  const load = useBackupStore((s) => s.load);
  const go = useNavStore((s) => s.go);

  useEffect(() => {
    void load();
  }, [load]);

  if (!status?.reminderDue) return null;
  return (
    <section className="panel panel-warning" aria-labelledby="backup-reminder-title">
      <h2 id="backup-reminder-title">{t('backup.reminderHome.title')}</h2>
      <BackupStatusLine status={{ ...status, reminderDue: false }} language={i18n.language === 'es' ? 'es' : 'en'} />
      <p>{status.lastBackupAt ? t('backup.due', { count: status.reminderDays }) : t('backup.dueNever')}</p>
      <Button variant="primary" onPress={() => go('settings')}>
        {t('backup.reminderHome.action')}
      </Button>
    </section>
  );
}
