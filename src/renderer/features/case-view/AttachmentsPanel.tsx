import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n';
import { Button } from '../../ui/Button';
import { Notice } from '../../ui/Notice';
import { addAttachment } from './actions';
import { useCaseStore } from './caseStore';
import { useCaseError } from './errors';
import { isSealedPhoto } from './photo';
import { formatSize, useLang } from './vocab';

/** Only these are shown inline (the app serves them from memory); others are listed only. */
const INLINE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

export function AttachmentsPanel() {
  const { t } = useTranslation();
  const lang = useLang();
  const caseError = useCaseError();
  const attachments = useCaseStore((s) => s.file!.attachments);
  // Without the case key, a sealed photo cannot be shown (the app would refuse its bytes).
  const identitySealed = useCaseStore((s) => s.file!.identity.data === null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [added, setAdded] = useState<string | null>(null);
  const sorted = [...attachments].sort((a, b) => b.addedAt.localeCompare(a.addedAt));

  const add = async () => {
    setPending(true);
    setError(null);
    setAdded(null);
    try {
      const attachment = await addAttachment();
      if (attachment) setAdded(attachment.name);
    } catch (caught) {
      setError(caught);
    } finally {
      setPending(false);
    }
  };

  return (
    <section className="case-section" aria-labelledby="attachments-title">
      <div className="case-section-header">
        <h2 id="attachments-title">{t('caseView.tabs.attachments')}</h2>
        <Button variant="primary" isPending={pending} onPress={() => void add()}>
          {t('caseView.attachments.add')}
        </Button>
      </div>
      <p className="muted">{t('caseView.attachments.intro')}</p>
      {pending ? <p className="muted small" role="status">{t('caseView.attachments.choosing')}</p> : null}
      {error ? <Notice tone="error">{caseError(error)}</Notice> : null}
      {added ? <Notice tone="success">{t('caseView.attachments.added', { name: added })}</Notice> : null}
      {sorted.length === 0 ? (
        <div className="empty-state">
          <p className="empty-title">{t('caseView.attachments.empty')}</p>
          <p className="muted">{t('caseView.attachments.emptyHelp')}</p>
        </div>
      ) : (
        <ul className="attachment-list" aria-label={t('caseView.attachments.listLabel')}>
          {sorted.map((a) => (
            <li key={a.id} className="attachment-card">
              {isSealedPhoto(a) && identitySealed ? (
                <div className="attachment-icon" aria-hidden="true">
                  <svg viewBox="0 0 20 20" width="32" height="32" focusable="false">
                    <rect x="4" y="9" width="12" height="9" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.4" />
                    <path d="M7 9V6.5a3 3 0 0 1 6 0V9" fill="none" stroke="currentColor" strokeWidth="1.4" />
                  </svg>
                </div>
              ) : INLINE.has(a.mime) ? (
                <img className="attachment-preview" src={`attachment/${a.id}`} alt={isSealedPhoto(a) ? t('caseView.identity.sealedPhoto') : a.name} loading="lazy" />
              ) : (
                <div className="attachment-icon" aria-hidden="true">
                  <svg viewBox="0 0 24 24" width="32" height="32" focusable="false">
                    <path d="M6 2.5h8l4.5 4.5v14.5H6z" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" />
                    <path d="M14 2.5V7h4.5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" />
                  </svg>
                </div>
              )}
              <div className="attachment-info">
                <p className="attachment-name">{isSealedPhoto(a) ? t('caseView.identity.sealedPhoto') : a.name}</p>
                {isSealedPhoto(a) && identitySealed ? <p className="muted small">{t('caseView.sealed.photo')}</p> : null}
                <p className="muted small">
                  {formatSize(a.size, lang)} · {t('caseView.attachments.addedBy', { who: a.addedBy, when: formatDateTime(a.addedAt, lang, 'short') })}
                </p>
                {!INLINE.has(a.mime) ? <p className="muted small">{t('caseView.attachments.noPreview')}</p> : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
