import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * The shell's security policy as plain data and pure functions. It must not import electron:
 * the unit tests run under plain Node and assert every rule here, and the shell only applies it.
 */

/** Where the shell runs: a development build may also talk to electron-vite's dev server. */
export interface ShellEnv {
  /** True only for an unpackaged app started by `electron-vite dev`. */
  isDev: boolean;
  /** `ELECTRON_RENDERER_URL` in development; ignored otherwise. */
  devServerUrl?: string | null;
}

export const PRODUCTION: ShellEnv = { isDev: false, devServerUrl: null };

export const APP_SCHEME = 'app';
export const APP_HOST = 'amparo';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * `standard` gives the scheme an origin and relative URLs, `secure` makes it a secure context,
 * `supportFetchAPI` lets the renderer fetch its own assets. Everything else stays off; above
 * all `bypassCSP`, so the CSP below applies to the app's own pages.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  bypassCSP: false,
  corsEnabled: false,
  allowServiceWorkers: false,
  stream: false,
  codeCache: false,
} as const;

/** The same policy as the renderer's meta tag; sent as a header too, which a page cannot drop. */
export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers on every response of the app scheme. */
export const RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/**
 * The renderer's web preferences: isolated, sandboxed, without Node, and without any feature
 * that could load or show something the app did not ship. Dev tools only in development.
 */
export function webPreferences(options: { preload: string; isDev: boolean }) {
  return {
    preload: options.preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    enableWebSQL: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    // The spell checker may send words (names, places) to an online service.
    spellcheck: false,
    devTools: options.isDev,
  } as const;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The dev server's origin, only in development and only on this machine. */
function devServer(env: ShellEnv): URL | null {
  if (!env.isDev || !env.devServerUrl) return null;
  const dev = parse(env.devServerUrl);
  if (!dev || (dev.protocol !== 'http:' && dev.protocol !== 'https:') || !LOOPBACK_HOSTS.has(dev.hostname)) return null;
  return dev;
}

/**
 * True for the app's own URLs: `app://amparo/...`, plus (development only) the dev server and
 * its hot-reload web socket. Everything else, the network included, is refused.
 */
export function isAppUrl(url: string, env: ShellEnv = PRODUCTION): boolean {
  const u = parse(url);
  if (!u) return false;
  if (u.protocol === `${APP_SCHEME}:`) return u.host === APP_HOST && u.username === '' && u.password === '' && u.port === '';
  const dev = devServer(env);
  if (!dev) return false;
  const sameServer = u.hostname === dev.hostname && u.port === dev.port;
  const secure = dev.protocol === 'https:';
  return sameServer && (u.protocol === dev.protocol || u.protocol === (secure ? 'wss:' : 'ws:'));
}

/** What the session may fetch: the app's own URLs, and the dev tools' own pages in development. */
export function shouldAllowRequest(url: string, env: ShellEnv = PRODUCTION): boolean {
  if (isAppUrl(url, env)) return true;
  return env.isDev && url.startsWith('devtools://');
}

/** Characters and sequences that never appear in a file of the built renderer. */
// eslint-disable-next-line no-control-regex
const SUSPICIOUS = /\\|%5c|%2e|%2f|%00|[\x00-\x1f]|\.\./i;

/**
 * The file under `rendererDir` that an `app://amparo/...` URL names, or null when the URL is
 * not the app's or tries to leave the folder (`..` in any encoding, backslashes, absolute or
 * drive paths). The URL parser already folds `..`; this refuses them again, by design.
 */
export function resolveAppPath(rendererDir: string, url: string): string | null {
  if (!isAppUrl(url) || !url.startsWith(APP_ORIGIN)) return null;
  const rest = url.slice(APP_ORIGIN.length);
  if (rest !== '' && !/^[/?#]/.test(rest)) return null;
  const rawPath = rest.split(/[?#]/, 1)[0] ?? '';
  if (SUSPICIOUS.test(rawPath)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (SUSPICIOUS.test(decoded) || decoded.startsWith('//') || /^\/?[a-z]:/i.test(decoded)) return null;
  const relativePath = decoded.replace(/^\/+/, '') || 'index.html';
  const root = resolve(rendererDir);
  const file = resolve(root, relativePath);
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside) || !file.startsWith(root + sep)) return null;
  return file;
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Attachments are served from memory (never a temp file) at `app://amparo/attachment/<uuid>`;
 * the renderer uses the relative URL `attachment/<uuid>`. Only images are shown inline.
 * PDFs are served too, but never shown by Chromium's viewer (plugins are off, and `object-src`
 * and frames are 'none'): the renderer fetches the bytes and draws the pages itself (pdf.js).
 */
const ATTACHMENT_PATH = /^\/attachment\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
export const INLINE_ATTACHMENT_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
/** What the scheme serves: the images above and PDFs; anything else is stored, never served. */
export const SERVED_ATTACHMENT_TYPES: ReadonlySet<string> = new Set([...INLINE_ATTACHMENT_TYPES, 'application/pdf']);

export function attachmentIdFromPath(pathname: string): string | null {
  return ATTACHMENT_PATH.exec(pathname)?.[1] ?? null;
}

/** The content type of a renderer file, or null: files of other types are not served. */
export function mimeTypeFor(file: string): string | null {
  return MIME_TYPES[extname(file).toLowerCase()] ?? null;
}

/**
 * Navigation away from the loaded document is never allowed: the app is one page. Only the
 * same app document (a reload or a change of the #fragment, which the renderer does on lock)
 * passes.
 */
export function shouldAllowNavigation(currentUrl: string, targetUrl: string, env: ShellEnv = PRODUCTION): boolean {
  if (!isAppUrl(currentUrl, env) || !isAppUrl(targetUrl, env)) return false;
  const current = parse(currentUrl)!;
  const target = parse(targetUrl)!;
  current.hash = '';
  target.hash = '';
  return current.href === target.href;
}

/** Camera, microphone, geolocation, notifications, clipboard, USB…: the app needs none. */
export function decidePermission(_permission: string): false {
  return false;
}

/** What the IPC handler knows about the frame that sent a message. */
export interface SenderFrame {
  url: string;
  /** The top-level frame, not an iframe. */
  isMainFrame: boolean;
  /** The frame belongs to the app's main window. */
  inAppWindow: boolean;
}

/** Only the main frame of our window, showing our own page, may call the core. */
export function isTrustedSender(frame: SenderFrame | null | undefined, env: ShellEnv = PRODUCTION): boolean {
  if (!frame || !frame.isMainFrame || !frame.inAppWindow) return false;
  const u = parse(frame.url);
  if (!u || !isAppUrl(frame.url, env)) return false;
  // A page of the dev server is trusted, its web socket is not a page.
  return u.protocol === `${APP_SCHEME}:` || u.protocol === 'http:' || u.protocol === 'https:';
}
