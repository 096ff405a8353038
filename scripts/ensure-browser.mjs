// `npm test` needs a Chromium for the end-to-end tests. Debian's /usr/bin/chromium is used where
// it exists (CI installs it); elsewhere Playwright downloads its own build, once.
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';

const system = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
if (system) {
  console.log(`Browser for the end-to-end tests: ${system}`);
} else {
  console.log('No system Chromium found: downloading Playwright\'s Chromium for the end-to-end tests…');
  execFileSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' });
}
