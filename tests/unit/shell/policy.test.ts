import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  CSP,
  decidePermission,
  isAppUrl,
  isTrustedSender,
  mimeTypeFor,
  RESPONSE_HEADERS,
  resolveAppPath,
  shouldAllowNavigation,
  shouldAllowRequest,
  webPreferences,
  type ShellEnv,
} from '../../../src/main/shell/policy';

const DEV: ShellEnv = { isDev: true, devServerUrl: 'http://localhost:5173' };
const PROD_WITH_DEV_URL: ShellEnv = { isDev: false, devServerUrl: 'http://localhost:5173' };

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

describe('webPreferences', () => {
  const prod = webPreferences({ preload: '/app/out/preload/index.cjs', isDev: false });

  it('isolates and sandboxes the renderer, without Node anywhere', () => {
    expect(prod.contextIsolation).toBe(true);
    expect(prod.sandbox).toBe(true);
    expect(prod.nodeIntegration).toBe(false);
    expect(prod.nodeIntegrationInWorker).toBe(false);
    expect(prod.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security and refuses insecure content, webviews and dropped-file navigation', () => {
    expect(prod.webSecurity).toBe(true);
    expect(prod.allowRunningInsecureContent).toBe(false);
    expect(prod.webviewTag).toBe(false);
    expect(prod.navigateOnDragDrop).toBe(false);
    expect(prod.experimentalFeatures).toBe(false);
    expect(prod.safeDialogs).toBe(true);
  });

  it('turns the spell checker off (it may send words to an online service)', () => {
    expect(prod.spellcheck).toBe(false);
  });

  it('has dev tools only in development; nothing else changes', () => {
    expect(prod.devTools).toBe(false);
    const dev = webPreferences({ preload: '/app/out/preload/index.cjs', isDev: true });
    expect(dev.devTools).toBe(true);
    expect({ ...dev, devTools: false }).toEqual(prod);
  });

  it('passes the preload path through', () => {
    expect(prod.preload).toBe('/app/out/preload/index.cjs');
  });
});

describe('app scheme', () => {
  it('is app://amparo, standard and secure with fetch, and does not bypass the CSP', () => {
    expect(APP_SCHEME).toBe('app');
    expect(APP_ENTRY_URL).toBe('app://amparo/index.html');
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true, supportFetchAPI: true });
    expect(APP_SCHEME_PRIVILEGES.bypassCSP).toBe(false);
    expect(APP_SCHEME_PRIVILEGES.corsEnabled).toBe(false);
    expect(APP_SCHEME_PRIVILEGES.allowServiceWorkers).toBe(false);
  });

  it('sends the CSP and nosniff with every file', () => {
    expect(RESPONSE_HEADERS['Content-Security-Policy']).toBe(CSP);
    expect(RESPONSE_HEADERS['X-Content-Type-Options']).toBe('nosniff');
  });
});

describe('CSP', () => {
  const d = directives(CSP);

  it("denies by default and allows scripts only from the app itself", () => {
    expect(d.get('default-src')).toEqual(["'none'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    for (const name of ['object-src', 'base-uri', 'form-action', 'frame-ancestors']) expect(d.get(name), name).toEqual(["'none'"]);
  });

  it('has no unsafe keyword', () => {
    expect(CSP).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval|strict-dynamic/);
  });

  it('names no network source, no wildcard and no blob:', () => {
    for (const [name, sources] of d) {
      for (const source of sources) {
        expect(source, `${name} ${source}`).not.toMatch(/^(https?:|wss?:|blob:|filesystem:|\*)|\*/);
      }
    }
  });

  it('allows data: for images only', () => {
    for (const [name, sources] of d) {
      if (name !== 'img-src') expect(sources, name).not.toContain('data:');
    }
  });

  it('is the renderer meta CSP plus frame-ancestors (which a meta tag cannot set)', () => {
    expect(CSP).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'; frame-ancestors 'none'",
    );
  });
});

describe('isAppUrl', () => {
  it('accepts the app origin', () => {
    expect(isAppUrl('app://amparo/index.html')).toBe(true);
    expect(isAppUrl('app://amparo/assets/index-abc123.js')).toBe(true);
  });

  it.each([
    'http://amparo/index.html',
    'https://amparo/index.html',
    'https://example.org/',
    'file:///etc/passwd',
    'ws://localhost:5173/',
    'data:text/html,<script>alert(1)</script>',
    'blob:app://amparo/1234',
    'javascript:alert(1)',
    'app://other-host/index.html',
    'app://amparo.example.org/index.html',
    'app://user@amparo/index.html',
    'app://amparo:8080/index.html',
    'devtools://devtools/bundled/inspector.html',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });

  it('refuses the dev server outside development', () => {
    expect(isAppUrl('http://localhost:5173/')).toBe(false);
    expect(isAppUrl('http://localhost:5173/', PROD_WITH_DEV_URL)).toBe(false);
  });

  it('accepts the dev server and its hot-reload socket in development only', () => {
    expect(isAppUrl('http://localhost:5173/', DEV)).toBe(true);
    expect(isAppUrl('ws://localhost:5173/', DEV)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', DEV)).toBe(false);
    expect(isAppUrl('https://example.org/', DEV)).toBe(false);
  });

  it('ignores a dev server URL that is not on this machine', () => {
    const remote: ShellEnv = { isDev: true, devServerUrl: 'https://example.org' };
    expect(isAppUrl('https://example.org/', remote)).toBe(false);
  });
});

describe('shouldAllowRequest', () => {
  it('lets through only the app, and the dev tools pages in development', () => {
    expect(shouldAllowRequest('app://amparo/index.html')).toBe(true);
    expect(shouldAllowRequest('https://example.org/')).toBe(false);
    expect(shouldAllowRequest('devtools://devtools/bundled/inspector.html')).toBe(false);
    expect(shouldAllowRequest('devtools://devtools/bundled/inspector.html', DEV)).toBe(true);
  });
});

describe('resolveAppPath', () => {
  const root = path.resolve('/srv/amparo/out/renderer');

  it('maps app URLs to files inside the renderer folder', () => {
    expect(resolveAppPath(root, 'app://amparo/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://amparo/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://amparo')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://amparo/assets/index-abc.js?v=1#top')).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(resolveAppPath(root, 'app://amparo/assets/Noto%20Sans.woff2')).toBe(path.join(root, 'assets', 'Noto Sans.woff2'));
  });

  it.each([
    'app://amparo/../secret.txt',
    'app://amparo/assets/../../secret.txt',
    'app://amparo/%2e%2e/secret.txt',
    'app://amparo/%2E%2E/secret.txt',
    'app://amparo/.%2e/secret.txt',
    'app://amparo/%2e./secret.txt',
    'app://amparo/assets/..%2f..%2fsecret.txt',
    'app://amparo/%252e%252e/secret.txt',
    'app://amparo/..\\secret.txt',
    'app://amparo/assets\\..\\..\\secret.txt',
    'app://amparo/..%5csecret.txt',
    'app://amparo/%5c%5cserver%5cshare',
    'app://amparo//etc/passwd',
    'app://amparo/%2fetc%2fpasswd',
    'app://amparo/C:/Windows/win.ini',
    'app://amparo/c%3a/Windows/win.ini',
    'app://amparo/index.html%00.png',
    'app://amparo/%E0%A4%A',
    'app://other/index.html',
    'https://amparo/index.html',
    'file:///etc/passwd',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });
});

describe('mimeTypeFor', () => {
  it('names the types of the built renderer and nothing else', () => {
    expect(mimeTypeFor('/r/index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('/r/assets/a.js')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('/r/assets/A.CSS')).toBe('text/css; charset=utf-8');
    expect(mimeTypeFor('/r/assets/f.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('/r/icon.svg')).toBe('image/svg+xml');
    expect(mimeTypeFor('/r/tool.exe')).toBeNull();
    expect(mimeTypeFor('/r/README')).toBeNull();
  });
});

describe('navigation', () => {
  it('allows only the same app document (a reload or a #fragment change)', () => {
    expect(shouldAllowNavigation('app://amparo/index.html', 'app://amparo/index.html')).toBe(true);
    expect(shouldAllowNavigation('app://amparo/index.html#/cases', 'app://amparo/index.html#/settings')).toBe(true);
  });

  it.each([
    'https://example.org/',
    'http://localhost:5173/',
    'file:///etc/passwd',
    'app://amparo/other.html',
    'app://other/index.html',
    'data:text/html,hi',
    'javascript:alert(1)',
  ])('refuses navigating to %s', (target) => {
    expect(shouldAllowNavigation('app://amparo/index.html', target)).toBe(false);
  });

  it('refuses navigation from a page that is not the app', () => {
    expect(shouldAllowNavigation('https://example.org/', 'https://example.org/')).toBe(false);
  });
});

describe('permissions', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'fullscreen', 'openExternal', 'hid', 'serial', 'usb', 'unknown'])(
    'denies %s',
    (permission) => {
      expect(decidePermission(permission)).toBe(false);
    },
  );
});

describe('isTrustedSender', () => {
  const ours = { url: 'app://amparo/index.html', isMainFrame: true, inAppWindow: true };

  it("trusts the main frame of the app's window showing the app", () => {
    expect(isTrustedSender(ours)).toBe(true);
    expect(isTrustedSender({ ...ours, url: 'app://amparo/index.html#/cases' })).toBe(true);
  });

  it('refuses a sub-frame, another window, or no frame at all', () => {
    expect(isTrustedSender({ ...ours, isMainFrame: false })).toBe(false);
    expect(isTrustedSender({ ...ours, inAppWindow: false })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });

  it.each(['https://example.org/', 'http://localhost:5173/', 'file:///app/out/renderer/index.html', 'app://other/index.html', 'data:text/html,x', 'about:blank', ''])(
    'refuses a frame showing %s',
    (url) => {
      expect(isTrustedSender({ ...ours, url })).toBe(false);
    },
  );

  it('trusts the dev server page only in development, never its socket', () => {
    expect(isTrustedSender({ ...ours, url: 'http://localhost:5173/' }, PROD_WITH_DEV_URL)).toBe(false);
    expect(isTrustedSender({ ...ours, url: 'http://localhost:5173/' }, DEV)).toBe(true);
    expect(isTrustedSender({ ...ours, url: 'ws://localhost:5173/' }, DEV)).toBe(false);
  });
});
