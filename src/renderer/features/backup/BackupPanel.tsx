import '../../styles/backup.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Label, ProgressBar } from 'react-aria-components';
import type { BackupProgress, BackupStatus } from '../../../shared/backup';
import { BACKUP_REMINDER_DAYS_MAX, BACKUP_REMINDER_DAYS_MIN } from '../../../shared/schemas';
import { call } from '../../api/client';
import { describeError } from '../../api/errors';
import { Button } from '../../ui/Button';
import { Notice } from '../../ui/Notice';
import { NumberField } from '../../ui/NumberField';
import { useSettingsStore } from '../settings/settingsStore';
import { useBackupStore } from './backupStore';
import { BackupStatusLine } from './BackupStatusLine';
import { RestoreBackupForm } from './RestoreBackupForm';

/** How often the progress is asked for while a backup is being made. */
const POLL_MS = 300;

type Outcome = { kind: 'created'; bytes: number } | { kind: 'cancelled' } | { kind: 'error'; message: string } | null;

/**
 * Settings → Backup (administrators): when the last backup was made and whether one is due,
 * "Make a backup…" (the main process asks where, writes and checks the file; a progress bar
 * follows it), the reminder's number of days, and restoring a backup in place of this vault.
 */
export function BackupPanel() {
  const { t, i18n } = useTranslation();
  const status = useBackupStore((s) => s.status);
  const loadStatus = useBackupStore((s) => s.load);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<BackupProgress | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);

  useEffect(() => {
    void loadStatus();
  }, [loadStatus]);

  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => {
      call('backup.status', {}).then(
        (s) => setProgress(s.running),
        () => undefined,
      );
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [busy]);

  const create = async () => {
    setBusy(true);
    setProgress(null);
    setOutcome(null);
    try {
      const result = await call('backup.create', {});
      setOutcome(result ? { kind: 'created', bytes: result.bytes } : { kind: 'cancelled' });
    } catch (error) {
      setOutcome({ kind: 'error', message: describeError(t, error) });
    } finally {
      setBusy(false);
      setProgress(null);
      void loadStatus();
    }
  };

  const language = i18n.language === 'es' ? 'es' : 'en';
  return (
    <section className="panel backup-panel" aria-labelledby="backup-title">
      <h2 id="backup-title">{t('backup.title')}</h2>
      <p>{t('backup.intro')}</p>
      <p className="muted">{t('backup.introKey')}</p>
      {status ? <BackupStatusLine status={status} language={language} /> : null}
      <div className="actions start">
        <Button variant="primary" onPress={() => void create()} isPending={busy}>
          {t('backup.create')}
        </Button>
      </div>
      {busy && progress ? (
        <ProgressBar className="backup-progress" value={progress.percent} minValue={0} maxValue={100}>
          {({ percentage, valueText }) => (
            <>
              <div className="backup-progress-text">
                <Label>{t('backup.progressLabel')}</Label>
                <span>{valueText}</span>
              </div>
              <div className="backup-progress-track">
                <div className="backup-progress-fill" style={{ width: `${percentage ?? 0}%` }} />
              </div>
              <p className="muted small">{t(progress.phase === 'snapshot' ? 'backup.phaseSnapshot' : 'backup.phaseWrite')}</p>
            </>
          )}
        </ProgressBar>
      ) : null}
      {outcome?.kind === 'created' ? <Notice tone="success">{t('backup.created', { size: formatSize(t, outcome.bytes, language) })}</Notice> : null}
      {outcome?.kind === 'cancelled' ? <Notice tone="info">{t('backup.cancelled')}</Notice> : null}
      {outcome?.kind === 'error' ? <Notice tone="error">{outcome.message}</Notice> : null}
      {status ? <ReminderForm status={status} onSaved={() => void loadStatus()} /> : null}
      <h3 className="backup-restore-title">{t('backup.restoreTitle')}</h3>
      <p>{t('backup.restoreIntro')}</p>
      <RestoreBackupForm mode="replace" />
      <p className="muted">{t('backup.restoreAfter')}</p>
      <pre className="backup-command">
        <code>amparo --cli restore --from FILE.amparo-backup --data-dir NEW-FOLDER --user USERNAME</code>
      </pre>
    </section>
  );
}

function ReminderForm({ status, onSaved }: { status: BackupStatus; onSaved: () => void }) {
  const { t } = useTranslation();
  const update = useSettingsStore((s) => s.update);
  const [days, setDays] = useState(status.reminderDays);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const valid = Number.isInteger(days) && days >= BACKUP_REMINDER_DAYS_MIN && days <= BACKUP_REMINDER_DAYS_MAX;
  const range = { min: BACKUP_REMINDER_DAYS_MIN, max: BACKUP_REMINDER_DAYS_MAX };

  const save = async () => {
    setSaved(false);
    setError(null);
    if (!valid) {
      setError(t('backup.reminderInvalid', range));
      return;
    }
    setSaving(true);
    try {
      await update({ backupReminderDays: days });
      setSaved(true);
      onSaved();
    } catch (caught) {
      setError(describeError(t, caught));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="form backup-reminder-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <NumberField
        label={t('backup.reminderDays')}
        description={t('backup.reminderHelp', range)}
        value={days}
        onChange={(value) => {
          setSaved(false);
          setDays(value);
        }}
        minValue={BACKUP_REMINDER_DAYS_MIN}
        maxValue={BACKUP_REMINDER_DAYS_MAX}
        errorMessage={error && !valid ? error : undefined}
        name="backupReminderDays"
      />
      {error && valid ? <Notice tone="error">{error}</Notice> : null}
      {saved ? <Notice tone="success">{t('backup.reminderSaved')}</Notice> : null}
      <div className="actions start">
        <Button type="submit" isPending={saving}>
          {t('backup.saveReminder')}
        </Button>
      </div>
    </form>
  );
}

export function formatSize(t: (key: string, values: Record<string, unknown>) => string, bytes: number, language: 'en' | 'es'): string {
  const format = (value: number) => new Intl.NumberFormat(language === 'es' ? 'es-419' : 'en', { maximumFractionDigits: 1 }).format(value);
  if (bytes < 1024 * 1024) return t('backup.size.kib', { value: format(Math.max(1, Math.round(bytes / 1024))) });
  return t('backup.size.mib', { value: format(bytes / (1024 * 1024)) });
}
