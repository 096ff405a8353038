import { app, type Session } from 'electron';
import { decidePermission, shouldAllowNavigation, shouldAllowRequest, type ShellEnv } from './policy';

/** The session: no network but the app's own URLs, no permission, no download, no spell checker. */
export function hardenSession(ses: Session, env: ShellEnv): void {
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !shouldAllowRequest(details.url, env) }));
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(decidePermission(permission)));
  ses.setPermissionCheckHandler((_contents, permission) => decidePermission(permission));
  ses.setDevicePermissionHandler(() => false);
  ses.setSpellCheckerEnabled(false);
  ses.on('will-download', (event) => event.preventDefault());
}

/** Every web contents, ours or not: no navigation away, no new window, no webview. */
export function hardenWebContents(env: ShellEnv): void {
  app.on('web-contents-created', (_event, contents) => {
    const guard = (event: { url: string; preventDefault(): void }) => {
      if (!shouldAllowNavigation(contents.getURL(), event.url, env)) event.preventDefault();
    };
    contents.on('will-navigate', guard);
    contents.on('will-redirect', guard);
    // The app has no frames; a sub-frame must not navigate anywhere.
    contents.on('will-frame-navigate', (event) => {
      if (!event.isMainFrame) event.preventDefault();
    });
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}
