import os from 'node:os';
import path from 'node:path';

/**
 * The default data folder: the OS's per-user application data folder (what Electron calls
 * userData for an app named "Amparo"), plus `vault`. `AMPARO_DATA_DIR` (app) or `--data-dir`
 * (CLI) choose another.
 */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string {
  const base =
    platform === 'win32'
      ? (env.APPDATA ?? path.join(home, 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? path.join(home, 'Library', 'Application Support')
        : (env.XDG_CONFIG_HOME ?? path.join(home, '.config'));
  return path.join(base, 'Amparo', 'vault');
}
