import fs from 'node:fs';
import os from 'node:os';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { AppCore } from '../../src/main/core/app/app-core';
import { createRouter } from '../../src/main/core/ipc/router';
import { EVENTS } from '../../src/shared/contract';
import { attachmentIdFromPath, SERVED_ATTACHMENT_TYPES, RESPONSE_HEADERS, mimeTypeFor } from '../../src/main/shell/policy';
import { readAttachment } from '../../src/main/core/cases/attachments';
import type { PickedFile } from '../../src/main/core/app/app-core';
import { ManualClock } from '../support/manual-clock';
import { makeTempDir } from '../support/temp-dir';

/**
 * End-to-end harness (DESIGN.md §7): the BUILT renderer in a real Chromium, served over
 * http://127.0.0.1 with the app's CSP, and `window.api` wired through `page.exposeFunction`
 * to the real router and a real encrypted vault in a temp folder. Only Electron is absent;
 * the bridge below stands in for the preload and says so.
 */
const RENDERER_DIR = path.resolve(import.meta.dirname, '../../out/renderer');
const SCREENS_DIR = path.resolve(import.meta.dirname, '../../test-results/screens');

type AttachmentReader = (id: string) => { mime: string; bytes: Uint8Array } | null;

/** The current test's attachment reader (the worker-scoped server outlives each test's core). */
let readAttachmentOfTest: AttachmentReader = () => null;

function serveRenderer(): Promise<{ url: string; close: () => Promise<void> }> {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error('The renderer is not built: run `npm run build` before `npm run test:e2e`.');
  }
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    // As the shell's app:// handler: attachments from memory, images and PDFs only.
    const attachmentId = attachmentIdFromPath(pathname);
    if (attachmentId) {
      const found = readAttachmentOfTest(attachmentId);
      if (!found || !SERVED_ATTACHMENT_TYPES.has(found.mime)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { ...RESPONSE_HEADERS, 'Content-Type': found.mime });
      res.end(Buffer.from(found.bytes));
      return;
    }
    const file = path.resolve(RENDERER_DIR, '.' + (pathname === '/' ? '/index.html' : pathname));
    if (!file.startsWith(RENDERER_DIR + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    // The same headers the shell's app:// protocol sends, CSP included.
    res.writeHead(200, { ...RESPONSE_HEADERS, 'Content-Type': mimeTypeFor(file) ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

/** Stands in for src/preload (Electron cannot run here): the same `window.api` shape. */
function bridgeScript(): void {
  const listeners = new Set<(event: { reason: string }) => void>();
  const w = globalThis as unknown as Record<string, unknown>;
  const invoke = w.__amparoInvoke as (channel: string, payload: unknown) => Promise<unknown>;
  Object.defineProperty(globalThis, 'api', {
    value: Object.freeze({
      invoke: (channel: string, payload: unknown) => invoke(channel, payload),
      onLocked: (listener: (event: { reason: string }) => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    }),
  });
  w.__amparoEmit = (name: string, payload: { reason: string }) => {
    if (name === 'session.locked') for (const l of listeners) l(payload);
  };
}

/**
 * Every CSP violation reported by the page itself as a console error, whatever Chromium's own
 * message says: a violation fails the test like any other console error (issue 7 §5).
 */
function cspWatchScript(): void {
  type Violation = { effectiveDirective: string; blockedURI: string };
  const { document } = globalThis as unknown as { document: { addEventListener(type: string, listener: (e: Violation) => void): void } };
  document.addEventListener('securitypolicyviolation', (e) => {
    console.error(`CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'}`);
  });
}

export interface SeedAccount {
  username: string;
  displayName: string;
  passphrase: string;
}

export interface AmparoApp {
  page: Page;
  dataDir: string;
  core: AppCore;
  open(): Promise<void>;
  seedVault(admin: SeedAccount): Promise<{ recoveryKey: string }>;
  advanceClock(ms: number): Promise<void>;
  /** A second window on the same vault and session (e.g. for a stale edit). */
  newPage(): Promise<Page>;
  /**
   * Registers text the test typed (names, notes, attachment content): after the test, no file in
   * the data folder or the OS temp folder may contain it (DESIGN.md threat 1).
   */
  rememberSecret(...texts: string[]): void;
  /** The file the next "Add attachment" dialog returns (the shell's dialog cannot run here). */
  nextPickedFile(file: PickedFile | null): void;
  /** The path the next save dialog of an export returns (null: cancelled), as the shell's would. */
  nextSavePath(filePath: string | null): void;
  /** The path the next open dialog of a backup to restore returns (null: cancelled). */
  nextOpenPath(filePath: string | null): void;
  /** The file name and kind the last save dialog suggested, or null if none was opened. */
  lastSaveSuggestion(): { suggestedName: string; kind: string } | null;
  screenshot(name: string): Promise<void>;
  checkA11y(name: string): Promise<void>;
  /**
   * The console errors, CSP violations and outside requests seen so far, which are then
   * forgotten. Any left at the end fail the test; only the harness's own test takes them.
   */
  takeProblems(): string[];
}

export const test = base.extend<{ app: AmparoApp }, { server: { url: string } }>({
  server: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures need the object pattern
    async ({}, use) => {
      const server = await serveRenderer();
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  app: async ({ page, server }, use, testInfo) => {
    const temp = makeTempDir('amparo-e2e-');
    const clock = new ManualClock(Date.now());
    let picked: PickedFile | null = null;
    let savePath: string | null = null;
    let openPath: string | null = null;
    let saveSuggestion: { suggestedName: string; kind: string } | null = null;
    const core = new AppCore({
      dataDir: temp.dir,
      clock,
      pickFile: async () => picked,
      pickSavePath: async (suggestedName, kind) => {
        saveSuggestion = { suggestedName, kind };
        return savePath;
      },
      pickOpenPath: async () => openPath,
    });
    readAttachmentOfTest = (id) => {
      try {
        return core.session ? readAttachment(core.session, id) : null;
      } catch {
        return null;
      }
    };
    const router = createRouter(core, { onInternalError: (e) => testInfo.annotations.push({ type: 'internal-error', description: String((e as Error)?.name) }) });

    const problems: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console ${msg.type()}: ${msg.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('request', (req) => {
      if (!req.url().startsWith(server.url) && !req.url().startsWith('data:')) problems.push(`request outside the app: ${req.url()}`);
    });

    // On the context, so a second page (a second window on the same vault) gets the same bridge.
    const context = page.context();
    await context.exposeFunction('__amparoInvoke', (channel: unknown, payload: unknown) => router.handle(core.session, channel, payload));
    await context.addInitScript(bridgeScript);
    await context.addInitScript(cspWatchScript);
    core.onLocked((reason) => {
      for (const p of context.pages()) {
        p.evaluate(([name, r]) => (globalThis as unknown as { __amparoEmit: (n: string, p: unknown) => void }).__amparoEmit(name, { reason: r }), [EVENTS.locked, reason] as const).catch(() => undefined);
      }
    });
    const secrets = new Set<string>();
    const startedAt = Date.now() - 1000;

    const app: AmparoApp = {
      page,
      dataDir: temp.dir,
      core,
      async open() {
        await page.goto(server.url);
      },
      async seedVault(admin) {
        const { recoveryKey } = await core.createVault(admin);
        const session = core.session!;
        await core.confirmRecoveryKey(session, recoveryKey);
        core.lockNow('logout');
        return { recoveryKey };
      },
      async newPage() {
        const second = await context.newPage();
        second.on('console', (msg) => {
          if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console ${msg.type()} (second page): ${msg.text()}`);
        });
        second.on('pageerror', (error) => problems.push(`page error (second page): ${error.message}`));
        await second.goto(server.url);
        return second;
      },
      rememberSecret(...texts) {
        for (const t of texts) if (t.trim().length >= 4) secrets.add(t);
      },
      nextPickedFile(file) {
        picked = file;
      },
      nextSavePath(filePath) {
        savePath = filePath;
      },
      nextOpenPath(filePath) {
        openPath = filePath;
      },
      lastSaveSuggestion() {
        return saveSuggestion;
      },
      async advanceClock(ms) {
        clock.advance(ms);
        await page.waitForTimeout(50);
      },
      async screenshot(name) {
        fs.mkdirSync(SCREENS_DIR, { recursive: true });
        await page.screenshot({ path: path.join(SCREENS_DIR, `${name}.png`), fullPage: true });
      },
      takeProblems() {
        return problems.splice(0, problems.length);
      },
      async checkA11y(name) {
        const results = await new AxeBuilder({ page }).analyze();
        const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        await testInfo.attach(`axe-${name}.json`, { body: JSON.stringify(results.violations, null, 2), contentType: 'application/json' });
        expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length} nodes)`), `accessibility of ${name}`).toEqual([]);
      },
    };

    await use(app);

    core.close();
    const leaks = findPlaintext([...secrets], [temp.dir, os.tmpdir()], startedAt);
    temp.remove();
    expect(problems, 'console errors, CSP violations or outside requests').toEqual([]);
    expect(leaks, 'files holding text the test typed, in plaintext').toEqual([]);
  },
});

/** Files (in `roots`, changed since `since`) that contain any of `secrets` in UTF-8 or UTF-16. */
function findPlaintext(secrets: string[], roots: string[], since: number): string[] {
  if (secrets.length === 0) return [];
  const needles = secrets.flatMap((s) => [Buffer.from(s, 'utf8'), Buffer.from(s, 'utf16le')]);
  const found = new Set<string>();
  // The project's own folder is not the OS temp folder even when a clone sits inside it: its
  // test-results hold the screenshots and traces this very test records on purpose.
  const project = path.resolve(process.cwd()) + path.sep;
  const walk = (dir: string) => {
    if ((dir + path.sep).startsWith(project)) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile()) {
        try {
          const st = fs.statSync(full);
          if (st.mtimeMs < since || st.size > 64 * 1024 * 1024) continue;
          const bytes = fs.readFileSync(full);
          if (needles.some((n) => bytes.includes(n))) found.add(full);
        } catch {
          // vanished or unreadable meanwhile
        }
      }
    }
  };
  for (const root of roots) walk(root);
  return [...found];
}

export { expect };
