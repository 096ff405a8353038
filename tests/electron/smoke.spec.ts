import fs from 'node:fs';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { makeTempDir } from '../support/temp-dir';

/**
 * Launches the real, built app where an Electron binary exists (DESIGN.md §7). It looks for the
 * binary the way node_modules/electron does, but without requiring 'electron', which would try
 * to download it.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');

function findElectron(): { executable: string } | { missing: string } {
  const pathFile = path.join(ROOT, 'node_modules/electron/path.txt');
  if (!fs.existsSync(pathFile)) return { missing: 'node_modules/electron/path.txt does not exist' };
  const executable = path.join(ROOT, 'node_modules/electron/dist', fs.readFileSync(pathFile, 'utf8').trim());
  if (!fs.existsSync(executable)) return { missing: `${path.relative(ROOT, executable)} does not exist` };
  return { executable };
}

const found = findElectron();
test.skip('missing' in found, `Electron binary not installed: ${'missing' in found ? found.missing : ''}`);

type Api = { invoke(channel: string, payload: unknown): Promise<unknown> };

test('the app opens on the first-run screen, with no Node and no network in the page', async () => {
  if (!('executable' in found)) return;
  expect(fs.existsSync(path.join(ROOT, 'out/main/index.js')), 'run `npm run build` first').toBe(true);
  const data = makeTempDir('amparo-smoke-');
  const env = { ...process.env, AMPARO_DATA_DIR: data.dir } as Record<string, string>;
  // The production path: no dev server.
  delete env['ELECTRON_RENDERER_URL'];
  const app = await electron.launch({ executablePath: found.executable, args: [ROOT], env });
  try {
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    expect(page.url()).toBe('app://amparo/index.html');
    await expect(page.locator('#welcome-title')).toBeVisible();

    const status = await page.evaluate(() => (globalThis as unknown as { api: Api }).api.invoke('app.status', {}));
    expect(status).toMatchObject({ ok: true, value: { state: 'no-vault' } });

    const exposed = await page.evaluate(() => ({
      api: Object.keys((globalThis as unknown as { api: object }).api).sort(),
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
    }));
    expect(exposed).toEqual({ api: ['invoke', 'onLocked'], require: 'undefined', process: 'undefined' });

    const network = await page.evaluate(() => fetch('https://example.org/').then(() => 'reached', () => 'refused'));
    expect(network).toBe('refused');

    const title = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle());
    expect(title).toBe('Amparo');
  } finally {
    await app.close();
    data.remove();
  }
});
