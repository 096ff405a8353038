import { useTranslation } from 'react-i18next';
import type { BackupStatus } from '../../../shared/backup';
import { formatDateTime } from '../../i18n';
import { Notice } from '../../ui/Notice';

/** "Last backup: …" or "none yet", and the reminder when one is due. */
export function BackupStatusLine({ status, language }: { status: BackupStatus; language: 'en' | 'es' }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="backup-last">{status.lastBackupAt ? t('backup.last', { date: formatDateTime(status.lastBackupAt, language) }) : t('backup.never')}</p>
      {status.reminderDue ? (
        <Notice tone="warning" announce={false}>
          {status.lastBackupAt ? t('backup.due', { count: status.reminderDays }) : t('backup.dueNever')}
        </Notice>
      ) : null}
    </>
  );
}
