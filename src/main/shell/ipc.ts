import { ipcMain, type WebContents } from 'electron';
import type { AppCore } from '../core/app/app-core';
import type { Router } from '../core/ipc/router';
import type { Envelope } from '../../shared/errors';
import { IPC_INVOKE } from '../../preload/bridge';
import { isTrustedSender, type ShellEnv } from './policy';

const FORBIDDEN: Envelope<never> = { ok: false, error: { code: 'FORBIDDEN', message: 'This window may not call Amparo.' } };

/**
 * The one IPC entry: a message from anything but the main frame of our window showing our own
 * page is refused; the rest goes to the router, which validates and authorizes it.
 */
export function serveIpc(options: { core: AppCore; router: Router; env: ShellEnv; isAppWindow: (sender: WebContents) => boolean }): void {
  const { core, router, env, isAppWindow } = options;
  ipcMain.handle(IPC_INVOKE, (event, channel: unknown, payload: unknown) => {
    const frame = event.senderFrame;
    const sender = frame ? { url: frame.url, isMainFrame: frame.parent === null, inAppWindow: isAppWindow(event.sender) } : null;
    if (!isTrustedSender(sender, env)) return FORBIDDEN;
    return router.handle(core.session, channel, payload);
  });
}
