import '../../styles/recovery-shares.css';
import { useEffect } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { currentLanguage, formatDateTime } from '../../i18n';
import { Button } from '../../ui/Button';
import { labelOf, printedParts } from './shares';

export interface PrintedShares {
  shares: string[];
  threshold: number;
  /** Whom a trustee contacts; empty for "the administrator". */
  contact: string;
  createdAt: string;
}

/** Writing sheets down or fetching them from the printer can take longer than the idle lock. */
const KEEP_ALIVE_MS = 30_000;
const KEEP_ALIVE_MAX_MS = 30 * 60_000;

function useKeepAlive(): void {
  useEffect(() => {
    const started = Date.now();
    const timer = window.setInterval(() => {
      if (Date.now() - started > KEEP_ALIVE_MAX_MS) window.clearInterval(timer);
      else call('session.activity', {}).catch(() => undefined);
    }, KEEP_ALIVE_MS);
    return () => window.clearInterval(timer);
  }, []);
}

/**
 * The print view: a full-window dialog with one sheet per share (each printed on its own page,
 * see recovery-shares.css) and the instructions in the current language. Closing it forgets the
 * shares; locking reloads the window, which forgets them too.
 */
export function SharePrintView({ printed, onClose }: { printed: PrintedShares; onClose: () => void }) {
  const { t } = useTranslation();
  useKeepAlive();
  const total = printed.shares.length;
  const created = formatDateTime(printed.createdAt, currentLanguage(), 'short');
  const contact = printed.contact || t('recoveryShares.sheet.contactDefault');

  return (
    <ModalOverlay className="share-print-overlay" isOpen isDismissable={false} isKeyboardDismissDisabled>
      <Modal className="share-print-modal">
        <Dialog className="share-print-view" aria-labelledby="share-print-title">
          <div className="share-print-toolbar">
            <Heading slot="title" level={2} id="share-print-title">
              {t('recoveryShares.print.title')}
            </Heading>
            <p>{t('recoveryShares.print.intro')}</p>
            <p className="muted">{t('recoveryShares.print.summary', { total, threshold: printed.threshold })}</p>
            <div className="actions start">
              <Button variant="primary" onPress={() => window.print()} autoFocus>
                {t('recoveryShares.print.print')}
              </Button>
              <Button variant="secondary" onPress={onClose} aria-describedby="share-print-done-help">
                {t('recoveryShares.print.done')}
              </Button>
            </div>
            <p className="field-help" id="share-print-done-help">
              {t('recoveryShares.print.doneHelp')}
            </p>
          </div>
          <div className="share-sheets" role="list" aria-label={t('recoveryShares.print.sheets')}>
            {printed.shares.map((share, i) => {
              const read = labelOf(share);
              const vault = read.ok ? read.label.vault : '';
              const { header, groups } = printedParts(share);
              const values = { index: i + 1, total, threshold: printed.threshold };
              const titleId = `share-sheet-${i + 1}`;
              return (
                <article key={share} className="share-sheet" role="listitem" aria-labelledby={titleId}>
                  <header className="share-sheet-header">
                    <h3 id={titleId}>{t('recoveryShares.sheet.title', values)}</h3>
                    <p className="share-sheet-meta">
                      <span>{t('recoveryShares.sheet.installation', { vault })}</span>
                      <span>{t('recoveryShares.sheet.created', { date: created })}</span>
                    </p>
                  </header>
                  <div className="share-box">
                    <p className="share-caption">{t('recoveryShares.sheet.caption', values)}</p>
                    <p className="visually-hidden" data-testid="share-text">
                      {share}
                    </p>
                    <div className="share-printed" aria-hidden="true">
                      <span className="share-header">{header}</span>
                      <ol className="share-groups">
                        {groups.map((group, g) => (
                          <li key={g} className="share-group">
                            {group}
                          </li>
                        ))}
                      </ol>
                    </div>
                  </div>
                  <ul className="share-instructions">
                    <li>{t('recoveryShares.sheet.what', values)}</li>
                    <li>{t('recoveryShares.sheet.needed', values)}</li>
                    <li>{t('recoveryShares.sheet.keep')}</li>
                    <li>{t('recoveryShares.sheet.use')}</li>
                    <li>{t('recoveryShares.sheet.contact', { contact })}</li>
                  </ul>
                  <dl className="share-receipt">
                    <div>
                      <dt>{t('recoveryShares.sheet.heldBy')}</dt>
                      <dd />
                    </div>
                    <div>
                      <dt>{t('recoveryShares.sheet.received')}</dt>
                      <dd />
                    </div>
                    <div>
                      <dt>{t('recoveryShares.sheet.signature')}</dt>
                      <dd />
                    </div>
                  </dl>
                </article>
              );
            })}
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
