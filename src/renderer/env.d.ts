/** The bridge the preload (or the e2e harness) exposes; see src/shared/contract.ts. */
interface Window {
  api: import('../shared/contract').AmparoApi;
}

declare module '*.css';

/** The app's version (src/main/core/app/version.ts), injected at build time by electron.vite.config.ts. */
declare const __APP_VERSION__: string;
