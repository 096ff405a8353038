/**
 * The application's version, written into backups (and shown where a version is asked for).
 * Kept equal to package.json's by a unit test: the core runs without Electron's `app.getVersion()`.
 */
export const APP_VERSION = '0.1.0';
