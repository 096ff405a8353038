import { readFile } from 'node:fs/promises';
import { protocol, type Session } from 'electron';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, attachmentIdFromPath, SERVED_ATTACHMENT_TYPES, mimeTypeFor, RESPONSE_HEADERS, resolveAppPath } from './policy';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
}

function refuse(status: 404 | 405): Response {
  return new Response(null, { status, headers: { ...RESPONSE_HEADERS } });
}

/**
 * Serves the built renderer from `rendererDir` as `app://amparo/...`, read from disk directly
 * (not via file://, which the request filter refuses), with the CSP and nosniff on every file.
 */
export function serveAppScheme(ses: Session, rendererDir: string, readAttachment: (id: string) => { mime: string; bytes: Uint8Array } | null): void {
  ses.protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405);
    const attachmentId = attachmentIdFromPath(new URL(request.url).pathname);
    if (attachmentId) {
      // From the vault straight into the response: no temp file. Images, and PDFs the renderer draws itself.
      const found = readAttachment(attachmentId);
      if (!found || !SERVED_ATTACHMENT_TYPES.has(found.mime)) return refuse(404);
      return new Response(request.method === 'HEAD' ? null : Buffer.from(found.bytes), { status: 200, headers: { ...RESPONSE_HEADERS, 'Content-Type': found.mime } });
    }
    const file = resolveAppPath(rendererDir, request.url);
    const type = file ? mimeTypeFor(file) : null;
    if (!file || !type) return refuse(404);
    try {
      const body = await readFile(file);
      return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: { ...RESPONSE_HEADERS, 'Content-Type': type } });
    } catch {
      return refuse(404);
    }
  });
}
