#!/usr/bin/env node
// Builds better-sqlite3-multiple-ciphers for Electron's ABI, next to (not instead of) the
// Node build in node_modules, which the tests and the CLI keep using:
//
//   native/electron-<abi>/better_sqlite3.node
//
// The shell (src/main/shell/native-binding.ts) passes that file to the database driver.
// How: copy the package to a temp folder and run node-gyp there against Electron's headers
// (--runtime=electron --target=<electron version> --dist-url=https://electronjs.org/headers).
// The ABI comes from node_modules/electron/abi_version, else from node-abi if installed.
// It skips when the file exists, and when it cannot build (offline, no compiler) it says so in
// one line and exits 0, so that `npm start` still goes on.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const PACKAGE = 'better-sqlite3-multiple-ciphers';
const say = (line) => process.stdout.write(`electron-native: ${line}\n`);

function electronVersion() {
  return JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
}

function electronAbi(version) {
  const file = join(root, 'node_modules/electron/abi_version');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  try {
    return String(createRequire(join(root, 'package.json'))('node-abi').getAbi(version, 'electron'));
  } catch {
    return null;
  }
}

/** node-gyp: the one npm passes to scripts, else the one bundled with npm, else npx. */
function nodeGyp() {
  const candidates = [
    process.env.npm_config_node_gyp,
    join(dirname(process.execPath), '../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js'),
    join(dirname(process.execPath), 'node_modules/npm/node_modules/node-gyp/bin/node-gyp.js'),
  ];
  const script = candidates.find((c) => c && existsSync(c));
  if (script) return { command: process.execPath, args: [script] };
  return { command: process.platform === 'win32' ? 'npx.cmd' : 'npx', args: ['--no-install', 'node-gyp'] };
}

/** One line on why node-gyp failed. */
function whyNot(run) {
  if (run.error) return run.error.message;
  const err = run.stderr ?? '';
  if (/network connectivity|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET/.test(err)) return "cannot download Electron's headers (offline?)";
  const line = err.split('\n').find((l) => /gyp ERR! (stack )?Error: |error:/.test(l));
  return line ? line.replace(/^gyp ERR! (stack )?/, '').trim() : `node-gyp exited with ${run.status}`;
}

function main() {
  const source = join(root, 'node_modules', PACKAGE);
  if (!existsSync(join(root, 'node_modules/electron/package.json')) || !existsSync(source)) {
    say(`electron or ${PACKAGE} is not installed; run npm install first. Skipping.`);
    return;
  }
  const version = electronVersion();
  const abi = electronAbi(version);
  if (!abi) {
    say(`cannot tell the ABI of Electron ${version} (no node_modules/electron/abi_version, no node-abi). Skipping.`);
    return;
  }
  const target = join(root, 'native', `electron-${abi}`, 'better_sqlite3.node');
  if (existsSync(target)) {
    say(`native/electron-${abi}/better_sqlite3.node is there already.`);
    return;
  }

  const work = mkdtempSync(join(tmpdir(), 'amparo-native-'));
  try {
    const copy = join(work, PACKAGE);
    // Everything but the Node build, so node-gyp starts clean.
    const nodeBuild = join(source, 'build');
    cpSync(source, copy, { recursive: true, filter: (path) => path !== nodeBuild && !path.startsWith(nodeBuild + sep) });
    const gyp = nodeGyp();
    const args = [
      ...gyp.args,
      'rebuild',
      '--release',
      `--target=${version}`,
      `--arch=${process.arch}`,
      '--runtime=electron',
      '--dist-url=https://electronjs.org/headers',
      // Electron's headers apart from Node's, as electron-rebuild keeps them.
      `--devdir=${join(homedir(), '.electron-gyp')}`,
    ];
    say(`building ${PACKAGE} for Electron ${version} (ABI ${abi}); this takes a few minutes…`);
    const run = spawnSync(gyp.command, args, {
      cwd: copy,
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
      // Windows runs npx.cmd only through a shell.
      shell: gyp.command.endsWith('.cmd'),
    });
    const built = join(copy, 'build/Release/better_sqlite3.node');
    if (run.status !== 0 || !existsSync(built)) {
      say(`could not build for Electron: ${whyNot(run)}. The app cannot open a vault until this succeeds; run it again when online.`);
      return;
    }
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(built, target);
    say(`wrote native/electron-${abi}/better_sqlite3.node`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

try {
  main();
} catch (error) {
  say(`failed: ${error instanceof Error ? error.message : String(error)}. Skipping.`);
}
