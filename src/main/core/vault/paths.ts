import path from 'node:path';

/** The files of a vault inside its data folder. */
export function vaultPaths(dataDir: string) {
  return {
    dataDir,
    database: path.join(dataDir, 'amparo.db'),
    keyring: path.join(dataDir, 'keyring.json'),
    attempts: path.join(dataDir, 'attempts.json'),
    preferences: path.join(dataDir, 'preferences.json'),
  };
}
export type VaultPaths = ReturnType<typeof vaultPaths>;
