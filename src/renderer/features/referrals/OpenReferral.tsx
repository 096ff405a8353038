import '../../styles/referrals.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReferralPreview } from '../../../shared/referrals';
import { call } from '../../api/client';
import { describeError } from '../../api/errors';
import { useNavStore } from '../../app/navStore';
import { formatDateTime } from '../../i18n';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Notice } from '../../ui/Notice';
import { useLang, vocabLabel } from '../case-view/vocab';
import { Fingerprint } from './Fingerprint';
import { PART_ORDER } from './referralsApi';

type Message = { tone: 'info' | 'error'; text: string } | null;

/**
 * "Open referral package…" (caseworkers, supervisors): the main process asks for the file,
 * checks the signature against the partner directory and opens it with our key; the person sees
 * who sent it, when and which parts, and creates the case (or discards the package).
 */
export function OpenReferral() {
  const { t } = useTranslation();
  const openCase = useNavStore((s) => s.openCase);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  const [preview, setPreview] = useState<ReferralPreview | null>(null);

  const openFile = async () => {
    setMessage(null);
    setBusy(true);
    try {
      const result = await call('referrals.open', {});
      if (result) setPreview(result);
      else setMessage({ tone: 'info', text: t('referrals.receive.cancelled') });
    } catch (error) {
      setMessage({ tone: 'error', text: describeError(t, error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button variant="secondary" onPress={() => void openFile()} isPending={busy}>
        {t('referrals.receive.open')}
      </Button>
      {message ? (
        <div className="open-referral-message">
          <Notice tone={message.tone}>{message.text}</Notice>
        </div>
      ) : null}
      <Dialog
        isOpen={preview !== null}
        onOpenChange={(open) => {
          if (!open && preview) {
            void call('referrals.discard', { token: preview.token }).catch(() => undefined);
            setPreview(null);
          }
        }}
        title={preview ? t('referrals.receive.title', { sender: preview.sender }) : ''}
      >
        {preview ? (
          <PreviewBody
            preview={preview}
            onDone={(created) => {
              setPreview(null);
              if (created) openCase(created);
            }}
          />
        ) : null}
      </Dialog>
    </>
  );
}

function PreviewBody({ preview, onDone }: { preview: ReferralPreview; onDone: (caseId: string | null) => void }) {
  const { t, i18n } = useTranslation();
  const lang = useLang();
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const language = i18n.language === 'es' ? 'es' : 'en';
  const parts = PART_ORDER.filter((p) => preview.parts.includes(p));

  const create = async () => {
    setError(null);
    setCreating(true);
    try {
      const header = await call('referrals.accept', { token: preview.token });
      onDone(header.id);
    } catch (caught) {
      setError(describeError(t, caught));
      setCreating(false);
    }
  };

  const discard = async () => {
    await call('referrals.discard', { token: preview.token }).catch(() => undefined);
    onDone(null);
  };

  return (
    <div className="referral-preview">
      <Notice tone="success" announce={false}>
        {t('referrals.receive.checked', { sender: preview.sender })}
      </Notice>
      <dl className="referral-facts">
        <dt>{t('referrals.receive.from')}</dt>
        <dd>
          <span>{preview.sender}</span>
          <br />
          <Fingerprint value={preview.senderFingerprint} />
        </dd>
        <dt>{t('referrals.receive.sentAt')}</dt>
        <dd>{formatDateTime(preview.createdAt, language)}</dd>
        <dt>{t('referrals.receive.theirCase')}</dt>
        <dd>{preview.senderCaseCode}</dd>
        <dt>{t('referrals.receive.contains')}</dt>
        <dd>
          <ul className="referral-parts" data-testid="referral-parts">
            {parts.map((p) => {
              const label = t(`referrals.parts.${p}`);
              const count = preview.recordCounts[p];
              return <li key={p}>{count === undefined ? label : t('referrals.receive.records', { label, count })}</li>;
            })}
          </ul>
        </dd>
        {preview.servicesRequested.length > 0 ? (
          <>
            <dt>{t('referrals.receive.services')}</dt>
            <dd>{preview.servicesRequested.map((s) => vocabLabel('serviceType', s, lang)).join(', ')}</dd>
          </>
        ) : null}
      </dl>
      <p className="muted">{t('referrals.receive.confirmIntro', { sender: preview.sender })}</p>
      {error ? <Notice tone="error">{error}</Notice> : null}
      <div className="actions">
        <Button variant="secondary" onPress={() => void discard()} isDisabled={creating}>
          {t('referrals.receive.discard')}
        </Button>
        <Button variant="primary" onPress={() => void create()} isPending={creating}>
          {t('referrals.receive.create')}
        </Button>
      </div>
    </div>
  );
}
