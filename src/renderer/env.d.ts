/** The bridge the preload (or the e2e harness) exposes; see src/shared/contract.ts. */
interface Window {
  api: import('../shared/contract').AmparoApi;
}

declare module '*.css';
