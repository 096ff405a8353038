import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp-dir';
import { cli, snapshot } from '../support/cli';

const PASS = 'lantern harbour violet compass';
let temp: ReturnType<typeof makeTempDir>;
afterEach(() => temp?.remove());



describe('command line', () => {
  it('init creates a vault and prints the recovery key; a second init is refused with exit 2 and changes nothing', async () => {
    temp = makeTempDir();
    const dir = path.join(temp.dir, 'vault');
    const init = await cli(['init', '--data-dir', dir, '--admin', 'ana.admin'], [PASS]);
    expect(init.code).toBe(0);
    expect(init.out).toMatch(/([0-9A-Z]{4}-){8}[0-9A-Z]{4}/);
    expect(init.out).not.toContain(PASS);
    const before = snapshot(dir);
    const again = await cli(['init', '--data-dir', dir, '--admin', 'ana.admin'], [PASS]);
    expect(again.code).toBe(2);
    expect(again.err.trim().split('\n')).toHaveLength(1);
    expect(snapshot(dir)).toEqual(before);
  });

  it('verify checks everything and exits 0; a wrong passphrase exits 1', async () => {
    temp = makeTempDir();
    await cli(['init', '--data-dir', temp.dir, '--admin', 'ana.admin'], [PASS]);
    const ok = await cli(['verify', '--data-dir', temp.dir, '--user', 'ana.admin'], [PASS]);
    expect(ok.code).toBe(0);
    for (const name of ['keyring', 'database settings', 'database pages', 'foreign keys', 'migrations', 'audit chain']) expect(ok.out).toContain(`ok   ${name}`);
    const wrong = await cli(['verify', '--data-dir', temp.dir, '--user', 'ana.admin'], ['not the passphrase at all']);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toBe('amparo: The username or passphrase is not right.\n');
  });

  it('verify exits 1 and names the check when the audit chain was edited', async () => {
    temp = makeTempDir();
    const init = await cli(['init', '--data-dir', temp.dir, '--admin', 'ana.admin'], [PASS]);
    expect(init.code).toBe(0);
    // Edit the audit trail with the data key, as someone who opened the database would.
    const { unlockWithPassphrase, VaultLocation } = await import('../../src/main/core/vault/vault');
    const { vault } = await unlockWithPassphrase(new VaultLocation({ dataDir: temp.dir }), 'ana.admin', PASS, false);
    vault.db.prepare("UPDATE audit_log SET action = 'session.lock' WHERE seq = 2").run();
    vault.lock();
    const result = await cli(['verify', '--data-dir', temp.dir, '--user', 'ana.admin'], [PASS]);
    expect(result.code).toBe(1);
    expect(result.out).toContain('FAIL audit chain: entry 2 was edited');
  });

  it('user add creates an account through the router; a non-administrator is refused', async () => {
    temp = makeTempDir();
    await cli(['init', '--data-dir', temp.dir, '--admin', 'ana.admin'], [PASS]);
    const add = await cli(['user', 'add', '--data-dir', temp.dir, '--user', 'ana.admin', '--username', 'marco.cw', '--role', 'caseworker'], [PASS, 'river stone window temporary']);
    expect(add.code).toBe(0);
    const weak = await cli(['user', 'add', '--data-dir', temp.dir, '--user', 'ana.admin', '--username', 'luz.cw', '--role', 'caseworker'], [PASS, 'password1234']);
    expect(weak.code).toBe(2);
    expect(weak.err).toContain('too common');
    // marco must change his passphrase first, and is no administrator anyway.
    const refused = await cli(['user', 'add', '--data-dir', temp.dir, '--user', 'marco.cw', '--username', 'luz.cw', '--role', 'caseworker'], [
      'river stone window temporary',
      'another fine passphrase here',
    ]);
    expect(refused.code).toBe(1);
  });

  it('bad usage exits 2 and creates nothing', async () => {
    temp = makeTempDir();
    for (const args of [[], ['frob'], ['init'], ['init', '--admin'], ['init', '--admin', 'A B'], ['user', 'add', '--data-dir', temp.dir, '--user', 'ana.admin', '--username', 'x.y', '--role', 'king'], ['init', '--admin', 'ana', '--passphrase', 'x']]) {
      const result = await cli(args);
      expect(result.code, args.join(' ')).toBe(2);
    }
    expect(fs.readdirSync(temp.dir)).toEqual([]);
  });

  it('never takes a passphrase from the environment; stdin ending early is bad usage', async () => {
    temp = makeTempDir();
    const result = await cli(['init', '--data-dir', temp.dir, '--admin', 'ana.admin'], []);
    expect(result.code).toBe(2);
    expect(fs.existsSync(path.join(temp.dir, 'keyring.json'))).toBe(false);
  });

  it('runs as a real process with the documented exit codes (npm run cli)', () => {
    temp = makeTempDir();
    const tsx = path.resolve('node_modules/.bin/tsx');
    const run = (args: string[], input: string) => spawnSync(tsx, ['src/cli/bin.ts', ...args], { input, encoding: 'utf8' });
    expect(run(['init', '--data-dir', temp.dir, '--admin', 'ana.admin'], PASS + '\n').status).toBe(0);
    expect(run(['verify', '--data-dir', temp.dir, '--user', 'ana.admin'], 'wrong wrong wrong wrong\n').status).toBe(1);
    expect(run(['nonsense'], '').status).toBe(2);
    const db = fs.readFileSync(path.join(temp.dir, 'amparo.db'));
    expect(db.subarray(0, 15).toString()).not.toBe('SQLite format 3');
  });
});
