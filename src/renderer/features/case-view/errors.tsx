import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { describeError } from '../../api/errors';
import { formatDateTime } from '../../i18n';
import { Button } from '../../ui/Button';
import { Notice } from '../../ui/Notice';
import { useLang } from './vocab';

/**
 * A refused stale write names who changed the part and when ("…changed by Ana at
 * 2026-03-01T10:00:00.000Z; nothing was saved…"); the UI shows it in the reader's language.
 */
export function staleDetail(error: unknown): { who: string; at: string } | null {
  if (!isApiError(error) || error.code !== 'STALE_WRITE') return null;
  const match = /changed by (.+?) at (\d{4}-\d{2}-\d{2}T[^;\s]+)/.exec(error.message);
  return match ? { who: match[1]!, at: match[2]! } : null;
}

export function isStale(error: unknown): boolean {
  return isApiError(error) && error.code === 'STALE_WRITE';
}

/** Messages for the errors of the case file, in the current language. */
export function useCaseError() {
  const { t } = useTranslation();
  return useCallback(
    (error: unknown): string => {
      if (isApiError(error)) {
        switch (error.code) {
          case 'NOT_FOUND':
          case 'CONSENT_REQUIRED':
          case 'CLOSURE_REASON_REQUIRED':
          case 'ATTACHMENT_TOO_LARGE':
          case 'BAD_REQUEST':
          case 'FORBIDDEN':
          case 'NOT_ON_TEAM':
          case 'IDENTITY_SEALED':
            return t(`caseView.errors.${error.code}`);
          default:
            break;
        }
      }
      return describeError(t, error);
    },
    [t],
  );
}

/**
 * Shown when a save was refused because someone saved first: who and when, that nothing was
 * saved, and a way to load their version (which discards the edits on screen, by choice).
 */
export function StaleNotice({ error, onReload, reloadLabel }: { error: unknown; onReload: () => Promise<unknown>; reloadLabel?: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [reloading, setReloading] = useState(false);
  const detail = staleDetail(error);
  return (
    <Notice tone="error" title={t('caseView.stale.title')}>
      <p>{detail ? t('caseView.stale.by', { who: detail.who, when: formatDateTime(detail.at, lang, 'short') }) : t('caseView.stale.meanwhile')}</p>
      <p>{t('caseView.stale.keep')}</p>
      <div className="actions start">
        <Button
          variant="secondary"
          size="small"
          isPending={reloading}
          onPress={() => {
            setReloading(true);
            void onReload().finally(() => setReloading(false));
          }}
        >
          {reloadLabel ?? t('caseView.stale.reload')}
        </Button>
      </div>
    </Notice>
  );
}

/**
 * A dialog's refused write: the stale notice (reload, then the error is cleared) or the error in
 * words. Nothing when there is no error.
 */
export function WriteErrorNotice({ error, onReload, reloadLabel }: { error: unknown; onReload: () => Promise<unknown>; reloadLabel?: string }) {
  const caseError = useCaseError();
  if (!error) return null;
  if (isStale(error)) return <StaleNotice error={error} onReload={onReload} reloadLabel={reloadLabel} />;
  return <Notice tone="error">{caseError(error)}</Notice>;
}
