import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The Electron side cannot run here (no Electron binary, DESIGN.md §7): the type checker checks
 * its calls, and these tests check, in its source, that it applies every rule of policy.ts and
 * loosens none.
 */
const ROOT = path.resolve(import.meta.dirname, '../../..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const SHELL_DIR = 'src/main/shell';
const shellFiles = fs.readdirSync(path.join(ROOT, SHELL_DIR)).filter((f) => f.endsWith('.ts')).map((f) => `${SHELL_DIR}/${f}`);
const electronSide = [...shellFiles, 'src/main/index.ts', 'src/preload/index.ts', 'src/preload/bridge.ts'];
const shellSource = shellFiles.map(read).join('\n');

/** An `import … from 'electron'` that is not `import type`. */
const RUNTIME_ELECTRON_IMPORT = /^\s*import\s+(?!type\b)[^;]*from\s+['"]electron['"]|require\(\s*['"]electron['"]\s*\)|import\(\s*['"]electron['"]\s*\)/m;

describe('shell sources', () => {
  it.each(['src/main/shell/policy.ts', 'src/main/shell/native-binding.ts', 'src/preload/bridge.ts'])('%s runs without electron', (file) => {
    expect(read(file)).not.toMatch(RUNTIME_ELECTRON_IMPORT);
    expect(read(file)).not.toMatch(/from\s+['"]electron['"]/);
  });

  it('the preload bridge imports only types (a sandboxed preload cannot require zod)', () => {
    const imports = read('src/preload/bridge.ts').match(/^import .*$/gm) ?? [];
    for (const line of imports) expect(line).toMatch(/^import type /);
  });

  it.each([
    [/nodeIntegration(InWorker|InSubFrames)?\s*:\s*true/, 'Node in the renderer'],
    [/contextIsolation\s*:\s*false/, 'no context isolation'],
    [/sandbox\s*:\s*false/, 'no sandbox'],
    [/webSecurity\s*:\s*false/, 'no web security'],
    [/allowRunningInsecureContent\s*:\s*true/, 'insecure content'],
    [/bypassCSP\s*:\s*true/, 'a scheme that bypasses the CSP'],
    [/crashReporter/, 'the crash reporter (a dump holds decrypted memory)'],
    [/uploadToServer/, 'crash uploads'],
    [/openDevTools/, 'dev tools opened by the app'],
    [/action\s*:\s*['"]allow['"]/, 'a window.open that is allowed'],
    [/console\.(log|info|debug|warn)\(/, 'console output that could carry data'],
    [/['"]persist:/, 'a persistent session partition'],
    [/ipcMain\.on\(|ipcMain\.handleOnce\(/, 'another IPC entry'],
  ])('no Electron-side file has %s (%s)', (pattern) => {
    for (const file of electronSide) expect(read(file), file).not.toMatch(pattern);
  });

  it('has exactly one IPC entry, and it checks the sender before the router', () => {
    expect(shellSource.match(/ipcMain\.handle\(/g)).toHaveLength(1);
    const ipc = read('src/main/shell/ipc.ts');
    expect(ipc.indexOf('isTrustedSender(')).toBeGreaterThan(-1);
    expect(ipc.indexOf('isTrustedSender(')).toBeLessThan(ipc.indexOf('router.handle('));
  });

  it.each([
    ['requestSingleInstanceLock()', 'one instance per user'],
    ["on('second-instance'", 'the second instance focuses the first'],
    ['registerSchemesAsPrivileged(', 'the app scheme'],
    ['protocol.handle(', 'the app scheme serves out/renderer'],
    ['webRequest.onBeforeRequest(', 'every request but the app’s is cancelled'],
    ['shouldAllowRequest(', 'the request filter uses the policy'],
    ['setPermissionRequestHandler(', 'permissions denied'],
    ['setPermissionCheckHandler(', 'permission checks denied'],
    ['decidePermission(', 'the permission handlers use the policy'],
    ["'will-navigate'", 'navigation guarded'],
    ["'will-redirect'", 'redirects guarded'],
    ['shouldAllowNavigation(', 'the navigation guard uses the policy'],
    ['setWindowOpenHandler(', 'no new windows'],
    ["'will-attach-webview'", 'no webviews'],
    ['enableSandbox()', 'every renderer sandboxed'],
    ["appendSwitch('disable-http-cache')", 'no HTTP cache on disk'],
    ["setPath('crashDumps'", 'crash dumps inside user data'],
    ['webPreferences(', 'the window uses the policy’s preferences'],
    ['setContentProtection(', 'screen capture blocked'],
    ["'ready-to-show'", 'no blank window flash'],
    ["powerMonitor.on('lock-screen'", 'OS screen lock locks'],
    ["powerMonitor.on('suspend'", 'suspend locks'],
    ["on('before-quit'", 'quit closes the core'],
    ["on('window-all-closed'", 'closing the window closes the core'],
    ['core.close()', 'the core is closed'],
    ['Menu.setApplicationMenu(', 'no default menu (dev tools) in production'],
    ['EVENTS.locked', 'the lock event reaches the renderer'],
  ])('wires %s (%s)', (needle) => {
    expect(shellSource).toContain(needle);
  });
});
