import { BrowserWindow, type Session, type WebPreferences } from 'electron';
import { APP_ENTRY_URL, webPreferences, type ShellEnv } from './policy';

// policy.ts cannot import electron's types; this fails to compile if it names an option
// that Electron does not have (a typo would otherwise be silently ignored).
type UnknownOptions = Exclude<keyof ReturnType<typeof webPreferences>, keyof WebPreferences>;
const noUnknownOptions: [UnknownOptions] extends [never] ? true : UnknownOptions = true;
void noUnknownOptions;

export interface WindowOptions {
  env: ShellEnv;
  session: Session;
  preload: string;
  icon: string;
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    title: 'Amparo',
    backgroundColor: '#FFFFFF',
    icon: options.icon,
    show: false,
    webPreferences: { ...webPreferences({ preload: options.preload, isDev: options.env.isDev }), session: options.session },
  });
  // On from the first frame; the core's settings may turn it off once someone is signed in.
  win.setContentProtection(true);
  // Window titles show in task switchers and screen-sharing pickers: keep "Amparo" whatever
  // the page calls itself.
  win.on('page-title-updated', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  const devUrl = options.env.isDev ? options.env.devServerUrl : null;
  void win.loadURL(devUrl ?? APP_ENTRY_URL);
  return win;
}
