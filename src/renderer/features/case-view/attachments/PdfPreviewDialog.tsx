import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { Notice } from '../../../ui/Notice';
import type { AttachmentMeta } from '../caseStore';
import { openPdfAttachment } from './pdf';

/** The width a page is drawn for, in CSS pixels (the dialog's content width); sharper on a dense screen. */
const PAGE_WIDTH = 820;

/** A PDF attachment shown inside the app, one page at a time (see pdf.ts for how). */
export function PdfPreviewDialog({ attachment, onClose }: { attachment: AttachmentMeta | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog isOpen={attachment !== null} onOpenChange={(open) => !open && onClose()} title={t('caseView.attachments.previewTitle', { name: attachment?.name ?? '' })}>
      {attachment ? <PdfPages attachment={attachment} onClose={onClose} /> : null}
    </Dialog>
  );
}

function PdfPages({ attachment, onClose }: { attachment: AttachmentMeta; onClose: () => void }) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [failed, setFailed] = useState(false);
  const [page, setPage] = useState(1);
  const [drawn, setDrawn] = useState(false);

  // Opened once; destroyed on close, which ends its worker and frees its memory.
  useEffect(() => {
    let closed = false;
    let opened: PDFDocumentProxy | null = null;
    openPdfAttachment(attachment.id).then(
      (d) => {
        if (closed) void d.destroy();
        else setDoc((opened = d));
      },
      () => !closed && setFailed(true),
    );
    return () => {
      closed = true;
      void opened?.destroy();
    };
  }, [attachment.id]);

  useEffect(() => {
    const target = canvas.current;
    if (!doc || !target) return;
    let cancelled = false;
    let task: RenderTask | null = null;
    setDrawn(false);
    void (async () => {
      try {
        const p = await doc.getPage(page);
        if (cancelled) return;
        const natural = p.getViewport({ scale: 1 });
        const viewport = p.getViewport({ scale: (PAGE_WIDTH / natural.width) * Math.max(1, window.devicePixelRatio || 1) });
        target.width = Math.floor(viewport.width);
        target.height = Math.floor(viewport.height);
        task = p.render({ canvasContext: target.getContext('2d')!, viewport });
        await task.promise;
        if (!cancelled) setDrawn(true);
      } catch (error) {
        if (!cancelled && (error as { name?: string } | null)?.name !== 'RenderingCancelledException') setFailed(true);
      }
    })();
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [doc, page]);

  const count = doc?.numPages ?? 0;
  return (
    <div className="pdf-preview">
      {failed ? (
        <Notice tone="error">{t('caseView.attachments.pdfFailed')}</Notice>
      ) : (
        <>
          <div className="pdf-toolbar">
            <Button size="small" onPress={() => setPage((p) => p - 1)} isDisabled={!doc || page <= 1}>
              {t('caseView.attachments.previousPage')}
            </Button>
            <p className="pdf-page-number" aria-live="polite">
              {doc ? t('caseView.attachments.pageOf', { page, count }) : t('caseView.attachments.opening')}
            </p>
            <Button size="small" onPress={() => setPage((p) => p + 1)} isDisabled={!doc || page >= count}>
              {t('caseView.attachments.nextPage')}
            </Button>
          </div>
          {/* Focusable, so that a page taller than the window scrolls with the keyboard too. */}
          <div className="pdf-page" tabIndex={0} role="group" aria-label={t('caseView.attachments.pageOf', { page, count })} aria-busy={!drawn || undefined}>
            <canvas ref={canvas} className="pdf-canvas" role="img" aria-label={t('caseView.attachments.pageImage', { page, count, name: attachment.name })} />
          </div>
        </>
      )}
      <div className="actions">
        <Button variant="secondary" onPress={onClose}>
          {t('caseView.attachments.close')}
        </Button>
      </div>
    </div>
  );
}
