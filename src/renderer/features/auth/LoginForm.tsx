import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { call, isApiError } from '../../api/client';
import { describeError } from '../../api/errors';
import { useAppStore } from '../../app/appStore';
import { LOCK_REASON_FLAG, readSessionFlag, writeSessionFlag } from '../../app/flags';
import { loginForm, type LoginValues } from '../../forms/schemas';
import { Button } from '../../ui/Button';
import { FormTextField } from '../../ui/FormTextField';
import { Notice } from '../../ui/Notice';
import { useAuthStore } from './authStore';
import { useCountdown } from './useCountdown';

/** Read once, then forgotten: why the app locked, for a short note on the sign-in screen. */
function takeLockReason(): string | null {
  const reason = readSessionFlag(LOCK_REASON_FLAG);
  writeSessionFlag(LOCK_REASON_FLAG, null);
  return reason;
}

function lockReasonKey(reason: string | null): string | null {
  switch (reason) {
    case 'idle':
      return 'auth.login.lockedIdle';
    case 'os-lock':
    case 'suspend':
      return 'auth.login.lockedSystem';
    case 'manual':
    case 'logout':
      return 'auth.login.lockedManual';
    case 'restored':
      return 'backup.restore.signInAgain';
    default:
      return null;
  }
}

interface LoginFormProps {
  retryAfterSeconds: number;
  recovered: boolean;
  onForgot: () => void;
}

export function LoginForm({ retryAfterSeconds, recovered, onForgot }: LoginFormProps) {
  const { t } = useTranslation();
  const refresh = useAppStore((s) => s.refresh);
  const setLastLogin = useAuthStore((s) => s.setLastLogin);
  const [lockReason] = useState(takeLockReason);
  const [deadline, setDeadline] = useState<number | null>(retryAfterSeconds > 0 ? Date.now() + retryAfterSeconds * 1000 : null);
  const secondsLeft = useCountdown(deadline);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { control, handleSubmit, resetField, setFocus } = useForm<LoginValues>({
    resolver: zodResolver(loginForm),
    defaultValues: { username: '', passphrase: '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    setBusy(true);
    setError(null);
    try {
      const result = await call('auth.login', { username: values.username.trim().toLowerCase(), passphrase: values.passphrase });
      setLastLogin({ lastLoginAt: result.lastLoginAt, failedAttemptsSinceLastLogin: result.failedAttemptsSinceLastLogin });
      await refresh();
    } catch (caught) {
      resetField('passphrase');
      if (isApiError(caught) && caught.code === 'THROTTLED') {
        let wait = 0;
        try {
          wait = (await refresh()).retryAfterSeconds;
        } catch {
          wait = 0;
        }
        setDeadline(wait > 0 ? Date.now() + wait * 1000 : null);
        setError(describeError(t, caught));
      } else {
        setError(describeError(t, caught));
        if (isApiError(caught) && caught.code === 'WRONG_CREDENTIALS') {
          try {
            const status = await refresh();
            if (status.retryAfterSeconds > 0) setDeadline(Date.now() + status.retryAfterSeconds * 1000);
          } catch {
            // The message above is enough.
          }
        }
      }
      setBusy(false);
      setTimeout(() => setFocus('passphrase'), 0);
    }
  });

  const reasonKey = lockReasonKey(lockReason);

  return (
    <section className="card narrow" aria-labelledby="login-title">
      <h1 id="login-title" className="page-title">
        {t('auth.login.title')}
      </h1>
      <p className="muted">{t('auth.login.intro')}</p>
      {recovered ? <Notice tone="success">{t('auth.login.recovered')}</Notice> : null}
      {reasonKey && !recovered && !error ? <Notice tone="info">{t(reasonKey)}</Notice> : null}
      <form className="form" onSubmit={onSubmit} noValidate>
        <FormTextField
          control={control}
          name="username"
          label={t('fields.username')}
          autoComplete="username"
          fallbackErrorKey="validation.username"
          autoFocus
          isRequired
        />
        <FormTextField
          control={control}
          name="passphrase"
          type="password"
          label={t('fields.passphrase')}
          autoComplete="current-password"
          isRequired
        />
        {error ? <Notice tone="error">{error}</Notice> : null}
        {secondsLeft > 0 ? (
          <Notice tone="warning" announce={false}>
            {t('auth.login.throttled', { count: secondsLeft })}
          </Notice>
        ) : null}
        <div className="actions stretch">
          <Button variant="primary" type="submit" isPending={busy} isDisabled={secondsLeft > 0}>
            {t('auth.login.submit')}
          </Button>
        </div>
      </form>
      <div className="card-footer">
        <Button variant="link" onPress={onForgot}>
          {t('auth.login.forgot')}
        </Button>
      </div>
    </section>
  );
}
