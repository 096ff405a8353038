import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n';
import { Button } from '../../ui/Button';
import { Notice } from '../../ui/Notice';
import { addAttachment } from './actions';
import { useCaseStore, type AttachmentMeta } from './caseStore';
import { DeleteAttachmentDialog, SaveCopyDialog, type AttachmentOutcome } from './attachments/AttachmentDialogs';
import { PdfPreviewDialog } from './attachments/PdfPreviewDialog';
import { useCaseError } from './errors';
import { isSealedPhoto } from './photo';
import { formatSize, useLang } from './vocab';

/** Only these are shown inline (the app serves them from memory); others are listed only. */
const INLINE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
/** Shown in a dialog, drawn by the app itself (attachments/pdf.ts). */
const PDF = 'application/pdf';

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
  const [previewing, setPreviewing] = useState<AttachmentMeta | null>(null);
  const [saving, setSaving] = useState<AttachmentMeta | null>(null);
  const [deleting, setDeleting] = useState<AttachmentMeta | null>(null);
  const [outcome, setOutcome] = useState<AttachmentOutcome | null>(null);
  // The identity photo in use cannot be deleted (the core refuses too): another one is chosen first.
  const photoInUse = useCaseStore((s) => s.file!.identity.data?.photoAttachmentId ?? null);
  // A sealed photo is listed as "photo": the dialogs call it what the card does.
  const shown = (a: AttachmentMeta): AttachmentMeta => (isSealedPhoto(a) ? { ...a, name: t('caseView.identity.sealedPhoto') } : a);
  const open = (dialog: (a: AttachmentMeta) => void, a: AttachmentMeta) => {
    setOutcome(null);
    setAdded(null);
    dialog(shown(a));
  };
  const closed = (result: AttachmentOutcome | null) => {
    setSaving(null);
    setDeleting(null);
    if (result) setOutcome(result);
  };
  const sorted = [...attachments].sort((a, b) => b.addedAt.localeCompare(a.addedAt));

  const add = async () => {
    setPending(true);
    setError(null);
    setAdded(null);
    setOutcome(null);
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
      {outcome ? <Notice tone={outcome.tone}>{outcome.text}</Notice> : null}
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
                <p className="attachment-name" id={`attachment-name-${a.id}`}>
                  {isSealedPhoto(a) ? t('caseView.identity.sealedPhoto') : a.name}
                </p>
                {isSealedPhoto(a) && identitySealed ? <p className="muted small">{t('caseView.sealed.photo')}</p> : null}
                <p className="muted small">
                  {formatSize(a.size, lang)} · {t('caseView.attachments.addedBy', { who: a.addedBy, when: formatDateTime(a.addedAt, lang, 'short') })}
                </p>
                {!INLINE.has(a.mime) && a.mime !== PDF ? <p className="muted small">{t('caseView.attachments.noPreview')}</p> : null}
                {a.id === photoInUse ? <p className="muted small">{t('caseView.attachments.photoInUse')}</p> : null}
                {isSealedPhoto(a) && identitySealed ? null : (
                  <div className="attachment-actions">
                    {a.mime === PDF ? (
                      <Button size="small" aria-describedby={`attachment-name-${a.id}`} onPress={() => setPreviewing(shown(a))}>
                        {t('caseView.attachments.preview')}
                      </Button>
                    ) : null}
                    <Button size="small" aria-describedby={`attachment-name-${a.id}`} onPress={() => open(setSaving, a)}>
                      {t('caseView.attachments.saveCopy')}
                    </Button>
                    {a.id === photoInUse ? null : (
                      <Button size="small" variant="quiet" aria-describedby={`attachment-name-${a.id}`} onPress={() => open(setDeleting, a)}>
                        {t('caseView.attachments.delete')}
                      </Button>
                    )}
                  </div>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <PdfPreviewDialog attachment={previewing} onClose={() => setPreviewing(null)} />
      <SaveCopyDialog attachment={saving} onClose={closed} />
      <DeleteAttachmentDialog attachment={deleting} onClose={closed} />
    </section>
  );
}
