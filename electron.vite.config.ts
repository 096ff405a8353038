import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { APP_VERSION } from './src/main/core/app/version';

/**
 * `npm start` only: the dev server injects an inline React-refresh preamble, inline styles and a
 * websocket, which the production CSP rightly forbids. This relaxes the meta CSP of the page the
 * dev server serves; `npm run build` keeps the strict one (checked by tests/integration).
 */
function devServerCsp(): Plugin {
  const dev = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self' ws://localhost:* ws://127.0.0.1:*; object-src 'none'; base-uri 'none'";
  return {
    name: 'amparo-dev-server-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/(http-equiv="Content-Security-Policy"\s+content=")[^"]*(")/, `$1${dev}$2`),
  };
}

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src/main/index.ts'),
          // Worker threads (src/main/core/workers/start.ts finds them beside index.js): the statistics.
          'statistics-worker': resolve(import.meta.dirname, 'src/main/core/statistics/worker.ts'),
          // The seed's planner threads (src/main/core/cases/seed/seeder.ts), for `amparo --cli seed`.
          'seed-worker': resolve(import.meta.dirname, 'src/main/core/cases/seed/worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        // Sandboxed preloads cannot be ES modules.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    plugins: [react(), devServerCsp()],
    // The About screen shows the version (src/renderer/env.d.ts) without asking the main process.
    define: { __APP_VERSION__: JSON.stringify(APP_VERSION) },
    build: {
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'src/renderer/index.html') } },
      // No inline scripts or data: modules, so the CSP can forbid them.
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
    },
  },
});
