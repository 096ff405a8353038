import fs from 'node:fs';

/**
 * Debian's Chromium where it exists (CI installs it), else Playwright's own browser
 * (`npm test` downloads it on a machine without a system Chromium; see scripts/ensure-browser.mjs).
 */
export const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
