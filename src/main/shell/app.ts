import { join } from 'node:path';
import { app, Menu, session, type BrowserWindow } from 'electron';
import { EVENTS } from '../../shared/contract';
import { IPC_EVENT } from '../../preload/bridge';
import { AppCore } from '../core/app/app-core';
import { createRouter } from '../core/ipc/router';
import { hardenSession, hardenWebContents } from './hardening';
import { serveIpc } from './ipc';
import { watchOsLock } from './lock-triggers';
import { findNativeBinding, nativeBindingPath } from './native-binding';
import { type ShellEnv } from './policy';
import { registerAppScheme, serveAppScheme } from './protocol';
import { createMainWindow } from './window';
import { pickAttachment, pickBackupPath, pickExchangeFile } from './attachment-dialog';
import { pickSavePath } from './save-dialog';
import { readAttachment } from '../core/cases/attachments';

/** In-memory partition (no `persist:` prefix): nothing of the renderer's storage reaches disk. */
const PARTITION = 'amparo';

/** sessionStorage is not among them on purpose: the renderer keeps its after-lock flags there. */
const STORAGES_CLEARED_ON_LOCK = ['cookies', 'filesystem', 'indexdb', 'localstorage', 'shadercache', 'serviceworkers', 'cachestorage'] as const;

/** `mainDir` is out/main (where index.js is); shell chunks may be built elsewhere. */
export function startShell({ mainDir }: { mainDir: string }): void {
  const devServerUrl = process.env['ELECTRON_RENDERER_URL'];
  const env: ShellEnv = { isDev: !app.isPackaged && Boolean(devServerUrl), devServerUrl };

  // A second copy would open the same vault; it hands over to the first one instead.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  // Before ready. The crash reporter is never started: a dump holds decrypted memory, and
  // nothing may be uploaded. Chromium's own dumps stay inside the user-data folder.
  const userData = app.getPath('userData');
  app.setPath('crashDumps', join(userData, 'crash-dumps'));
  app.commandLine.appendSwitch('disable-http-cache');
  app.enableSandbox();
  registerAppScheme();
  hardenWebContents(env);

  const nativeOptions = { isPackaged: app.isPackaged, mainDir, resourcesPath: process.resourcesPath };
  const nativeBinding = findNativeBinding(nativeOptions);
  if (!nativeBinding) {
    process.stderr.write(`Amparo: no Electron build of the database engine at ${nativeBindingPath(nativeOptions)}; run: node scripts/electron-native.mjs\n`);
  }
  let win: BrowserWindow | null = null;
  const core = new AppCore({
    dataDir: process.env['AMPARO_DATA_DIR'] || join(userData, 'vault'),
    nativeBinding,
    pickFile: (kind) => (kind && kind !== 'attachment' ? pickExchangeFile(win, kind) : pickAttachment(win)),
    pickSavePath: (suggestedName, kind): Promise<string | null> => pickSavePath(win, suggestedName, kind, core.status().language),
    pickOpenPath: () => pickBackupPath(win),
  });
  const router = createRouter(core);

  app.on('second-instance', () => {
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('before-quit', () => core.close());
  // No background life: closing the window locks the vault and quits, on every platform.
  app.on('window-all-closed', () => {
    core.close();
    app.quit();
  });

  void app.whenReady().then(() => {
    // Development keeps Electron's default menu, dev tools included.
    if (!env.isDev) Menu.setApplicationMenu(productionMenu());
    const ses = session.fromPartition(PARTITION, { cache: false });
    for (const s of [ses, session.defaultSession]) hardenSession(s, env);
    serveAppScheme(ses, join(mainDir, '..', 'renderer'), (id) => {
      const session = core.session;
      if (!session) return null;
      try {
        return readAttachment(session, id);
      } catch {
        return null;
      }
    });
    serveIpc({ core, router, env, isAppWindow: (sender) => win !== null && !win.isDestroyed() && sender.id === win.webContents.id });
    watchOsLock(core);

    const mainWindow = createMainWindow({
      env,
      session: ses,
      preload: join(mainDir, '..', 'preload', 'index.cjs'),
      icon: join(mainDir, '..', '..', 'resources', 'icon.png'),
    });
    win = mainWindow;
    core.onSettingsChanged((settings) => {
      if (!mainWindow.isDestroyed()) mainWindow.setContentProtection(settings.contentProtection);
    });
    core.onLocked((reason) => {
      if (mainWindow.isDestroyed()) return;
      // Locked, the screen is protected whatever the setting; the renderer reloads on the event.
      mainWindow.setContentProtection(true);
      mainWindow.webContents.send(IPC_EVENT, EVENTS.locked, { reason });
      // Belt and braces: the partition lives in memory and the renderer stores nothing there.
      void ses.clearStorageData({ storages: [...STORAGES_CLEARED_ON_LOCK] }).catch(() => undefined);
      void ses.clearCache().catch(() => undefined);
    });
    // A crashed renderer would come back to an unlocked vault: lock it first.
    mainWindow.webContents.on('render-process-gone', () => core.lockNow('logout'));
  });
}

/** No menu, hence no dev tools entry; on macOS a minimal one, without which copy and paste do not work. */
function productionMenu(): Menu | null {
  return process.platform === 'darwin' ? Menu.buildFromTemplate([{ role: 'appMenu' }, { role: 'editMenu' }]) : null;
}
