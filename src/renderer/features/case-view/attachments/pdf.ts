import type { PDFDocumentProxy } from 'pdfjs-dist';
// Emitted as a file of the built renderer (assetsInlineLimit: 0), so the worker comes from 'self'.
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

/**
 * PDFs are drawn by the renderer itself with pdf.js, page by page on a canvas: Chromium's own
 * viewer is a plugin in a frame, which the shell's sandbox (no plugins) and CSP (`object-src`
 * and frames 'none') rightly refuse. The bytes come from memory through the app's scheme
 * (`attachment/<id>`, fetched under `connect-src 'self'`) and stay in memory: no temporary file,
 * no blob: URL. pdf.js runs in a worker loaded from the app itself (`script-src 'self'`), with
 * eval off (the CSP has no 'unsafe-eval') and no XFA forms (which would make blob: images).
 * Loaded only when a PDF is first opened, so the rest of the app does not carry it.
 */
let library: Promise<typeof import('pdfjs-dist')> | null = null;

function pdfjs(): Promise<typeof import('pdfjs-dist')> {
  library ??= import('pdfjs-dist').then((lib) => {
    lib.GlobalWorkerOptions.workerSrc = workerUrl;
    return lib;
  });
  return library;
}

/** The PDF attachment, opened; the caller destroys it (which ends its worker) when done. */
export async function openPdfAttachment(attachmentId: string): Promise<PDFDocumentProxy> {
  const response = await fetch(`attachment/${attachmentId}`, { cache: 'no-store' });
  if (!response.ok) throw new Error(`attachment not served (${response.status})`);
  const data = new Uint8Array(await response.arrayBuffer());
  const lib = await pdfjs();
  return lib.getDocument({
    data,
    isEvalSupported: false,
    enableXfa: false,
    verbosity: lib.VerbosityLevel.ERRORS,
  }).promise;
}
