import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ProgressBar } from 'react-aria-components';
import { call, isApiError } from '../../api/client';
import { describeError } from '../../api/errors';
import { wipeAndReload } from '../../app/lifecycle';
import { loginForm, type LoginValues } from '../../forms/schemas';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { FormTextField } from '../../ui/FormTextField';
import { Notice } from '../../ui/Notice';

type Outcome = { tone: 'info' | 'error'; text: string } | null;

/**
 * Restoring a backup from the app: the username and passphrase of an account in the backup,
 * then the main process's open dialog (the renderer never sees the path). `replace` (Settings →
 * Backup, administrators): a confirmation first, since the vault on this computer is replaced.
 * `setup` (first run, no vault yet): straight on. The core checks the whole backup before it
 * replaces anything; afterwards nobody is signed in, and the page reloads to the sign-in screen.
 */
export function RestoreBackupForm({ mode }: { mode: 'replace' | 'setup' }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState<LoginValues | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const { control, handleSubmit, resetField } = useForm<LoginValues>({ resolver: zodResolver(loginForm), defaultValues: { username: '', passphrase: '' } });

  const restore = async (values: LoginValues) => {
    setBusy(true);
    setOutcome(null);
    try {
      const request = { username: values.username.trim().toLowerCase(), passphrase: values.passphrase };
      const restored = await call(mode === 'replace' ? 'backup.restore' : 'vault.restore', request);
      if (!restored) {
        setOutcome({ tone: 'info', text: t('backup.restore.cancelled') });
        return;
      }
      // Nobody is signed in any more (after a replace the lock event usually reloads first).
      wipeAndReload('restored');
    } catch (error) {
      resetField('passphrase');
      const wrong = isApiError(error) && error.code === 'WRONG_CREDENTIALS';
      setOutcome({ tone: 'error', text: wrong ? t('backup.restore.wrongCredentials') : describeError(t, error) });
    } finally {
      setBusy(false);
      setConfirming(null);
    }
  };

  const onSubmit = handleSubmit(async (values) => {
    setOutcome(null);
    if (mode === 'replace') setConfirming(values);
    else await restore(values);
  });

  return (
    <>
      <form className="form restore-backup-form" onSubmit={onSubmit} noValidate>
        <FormTextField
          control={control}
          name="username"
          label={t('backup.restore.username')}
          description={t('backup.restore.usernameHelp')}
          autoComplete="off"
          fallbackErrorKey="validation.username"
          isRequired
        />
        <FormTextField
          control={control}
          name="passphrase"
          type="password"
          label={t('backup.restore.passphrase')}
          description={t('backup.restore.passphraseHelp')}
          autoComplete="off"
          isRequired
        />
        {busy && !confirming ? <RestoreProgress /> : null}
        {outcome ? <Notice tone={outcome.tone}>{outcome.text}</Notice> : null}
        <div className="actions start">
          <Button variant={mode === 'replace' ? 'secondary' : 'primary'} type="submit" isPending={busy}>
            {t('backup.restore.submit')}
          </Button>
        </div>
      </form>
      <Dialog isOpen={confirming !== null} onOpenChange={(open) => !open && !busy && setConfirming(null)} title={t('backup.restore.confirmTitle')} role="alertdialog" isBusy={busy}>
        <p>{t('backup.restore.confirmBody')}</p>
        <p>{t('backup.restore.confirmKept')}</p>
        <p>{t('backup.restore.confirmChecked')}</p>
        {busy ? <RestoreProgress /> : null}
        <div className="actions">
          <Button variant="secondary" onPress={() => setConfirming(null)} isDisabled={busy} autoFocus>
            {t('common.cancel')}
          </Button>
          <Button variant="danger" isPending={busy} onPress={() => confirming && void restore(confirming)}>
            {t('backup.restore.confirm')}
          </Button>
        </div>
      </Dialog>
    </>
  );
}

/** The restore's length is not known to the page: an indeterminate bar while it runs. */
function RestoreProgress() {
  const { t } = useTranslation();
  return (
    <ProgressBar className="backup-progress" isIndeterminate aria-label={t('backup.restore.working')}>
      <p className="muted small">{t('backup.restore.working')}</p>
    </ProgressBar>
  );
}
