import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * better-sqlite3-multiple-ciphers in node_modules is compiled for Node's ABI; Electron loads
 * only a build for its own (`scripts/electron-native.mjs` makes it). No electron import here.
 */
export const NATIVE_FILE = 'better_sqlite3.node';

export function nativeFolderName(abi: string = process.versions.modules): string {
  return `electron-${abi}`;
}

/**
 * Where the Electron build lives: `<repo>/native/electron-<abi>/` in development (the repo is
 * two folders above out/main), `<resources>/native/electron-<abi>/` when packaged.
 */
export function nativeBindingPath(options: { isPackaged: boolean; mainDir: string; resourcesPath?: string; abi?: string }): string {
  const base = options.isPackaged && options.resourcesPath ? options.resourcesPath : resolve(options.mainDir, '..', '..');
  return join(base, 'native', nativeFolderName(options.abi), NATIVE_FILE);
}

/** The path if the build exists; otherwise undefined and the default module is tried. */
export function findNativeBinding(options: Parameters<typeof nativeBindingPath>[0]): string | undefined {
  const file = nativeBindingPath(options);
  return existsSync(file) ? file : undefined;
}
