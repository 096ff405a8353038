import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppCore } from '../../src/main/core/app/app-core';
import { createBackup } from '../../src/main/core/backup/create';
import { removeRestoreLeftovers, replaceWithBackup } from '../../src/main/core/backup/replace';
import { createRouter } from '../../src/main/core/ipc/router';
import { queryAudit } from '../../src/main/core/audit/query';
import { findByUsername } from '../../src/main/core/users/accounts';
import { createAccount } from '../../src/main/core/users/service';
import { ManualClock } from '../support/manual-clock';
import { makeTempDir } from '../support/temp-dir';

/**
 * Restore from the app (issue 6 §1): `backup.restore` (the signed-in administrator) and
 * `vault.restore` (a computer without a vault). The backup is checked completely beside the
 * vault before anything is replaced; a refused or failed restore leaves the vault's files
 * byte for byte as they were; afterwards nobody is signed in and the previous vault is kept aside.
 */
const ADMIN = { username: 'ana.admin', displayName: 'Ana Admin', passphrase: 'lantern harbour violet compass' };
const LATER = { username: 'later.cw', displayName: 'Added After The Backup', role: 'caseworker' as const, initialPassphrase: 'temporary river stone window' };

let root: ReturnType<typeof makeTempDir>;
let backupFile: string;
let tampered: string;

const filesOf = (dir: string) =>
  Object.fromEntries(
    fs
      .readdirSync(dir)
      .sort()
      .map((n) => [n, fs.readFileSync(path.join(dir, n)).toString('base64')]),
  );

function coreAt(dataDir: string, pick: { path: string | null }) {
  return new AppCore({ dataDir, clock: new ManualClock(Date.parse('2026-11-27T10:00:00Z')), pickOpenPath: async () => pick.path });
}

beforeAll(async () => {
  root = makeTempDir('amparo-restore-app-');
  const source = coreAt(path.join(root.dir, 'source', 'vault'), { path: null });
  await source.createVault(ADMIN);
  backupFile = path.join(root.dir, 'office.amparo-backup');
  await createBackup(source.session!, backupFile);
  source.close();
  const bytes = fs.readFileSync(backupFile);
  bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0x01;
  tampered = path.join(root.dir, 'tampered.amparo-backup');
  fs.writeFileSync(tampered, bytes);
}, 120_000);

afterAll(() => root.remove());

describe('restore from the app', () => {
  it('replaces the vault for a signed-in administrator, after refusing a changed file; nobody is signed in after', async () => {
    const dataDir = path.join(root.dir, 'office', 'vault');
    const pick = { path: null as string | null };
    // The office's own vault: the backup's admin account exists here too (same username, other vault).
    const core = coreAt(dataDir, pick);
    const router = createRouter(core);
    await core.createVault(ADMIN);
    await createAccount(core.session!, LATER);
    const before = filesOf(dataDir);

    // Cancelled dialog: nothing happens.
    expect(await router.handle(core.session, 'backup.restore', { username: ADMIN.username, passphrase: ADMIN.passphrase })).toEqual({ ok: true, value: null });
    // Signed out, the administrator's channel is refused, and the public one too (a vault exists).
    pick.path = backupFile;
    expect((await router.handle(null, 'backup.restore', { username: ADMIN.username, passphrase: ADMIN.passphrase })).ok).toBe(false);
    const publicTry = await router.handle(null, 'vault.restore', { username: ADMIN.username, passphrase: ADMIN.passphrase });
    expect(publicTry).toMatchObject({ ok: false, error: { code: 'VAULT_EXISTS' } });

    // A changed file and a wrong passphrase: refused, the vault and the session as they were.
    pick.path = tampered;
    expect(await router.handle(core.session, 'backup.restore', { username: ADMIN.username, passphrase: ADMIN.passphrase })).toMatchObject({ ok: false, error: { code: 'BACKUP_INVALID' } });
    pick.path = backupFile;
    expect(await router.handle(core.session, 'backup.restore', { username: ADMIN.username, passphrase: 'not the passphrase at all' })).toMatchObject({ ok: false, error: { code: 'WRONG_CREDENTIALS' } });
    expect(core.session).not.toBeNull();
    core.lockNow('manual');
    const afterRefusals = filesOf(dataDir);
    expect(afterRefusals['keyring.json']).toBe(before['keyring.json']);
    // Nothing beside the vault either: no staging folder left.
    expect(fs.readdirSync(path.dirname(dataDir))).toEqual(['vault']);
    await core.login(ADMIN.username, ADMIN.passphrase);

    // The restore: locked after, with reason "restored".
    const locks: string[] = [];
    core.onLocked((reason) => locks.push(reason));
    const result = await router.handle(core.session, 'backup.restore', { username: ADMIN.username, passphrase: ADMIN.passphrase });
    expect(result).toMatchObject({ ok: true, value: { backupCreatedAt: expect.any(String) } });
    expect(core.session).toBeNull();
    expect(locks).toEqual(['restored']);
    expect(core.status().state).toBe('locked');
    const beside = fs.readdirSync(path.dirname(dataDir)).sort();
    expect(beside).toEqual(['vault', expect.stringMatching(/^vault\.before-restore-2026-11-27T10-00-00$/)]);
    // The previous vault, kept aside, is the one before the restore (it holds the later account).
    const kept = path.join(path.dirname(dataDir), beside[1]!);
    expect(fs.existsSync(path.join(kept, 'keyring.json'))).toBe(true);

    // Everyone signs in again, to the restored vault: the account added after the backup is gone.
    await core.login(ADMIN.username, ADMIN.passphrase);
    const db = core.session!.vault.db;
    expect(findByUsername(db, LATER.username)).toBeNull();
    const restored = queryAudit(db, { action: 'backup.restored' }).entries;
    expect(restored).toHaveLength(1);
    expect(restored[0]!.detail).toMatchObject({ inApp: true, replacedVault: true });
    core.close();

    // The old vault's trail says it was replaced, and was locked for it.
    const old = coreAt(kept, { path: null });
    await old.login(ADMIN.username, ADMIN.passphrase);
    expect(queryAudit(old.session!.vault.db, { action: 'backup.restored' }).entries[0]!.detail).toMatchObject({ replacedThisVault: true });
    expect(queryAudit(old.session!.vault.db, { action: 'session.lock' }).entries[0]!.detail).toMatchObject({ reason: 'restored' });
    expect(findByUsername(old.session!.vault.db, LATER.username)).not.toBeNull();
    old.close();
  }, 180_000);

  it('sets up a computer without a vault from a backup, keeping the language chosen', async () => {
    const dataDir = path.join(root.dir, 'new-laptop', 'vault');
    const core = coreAt(dataDir, { path: backupFile });
    core.setLanguage('es');
    const router = createRouter(core);
    const result = await router.handle(null, 'vault.restore', { username: ADMIN.username, passphrase: ADMIN.passphrase });
    expect(result).toMatchObject({ ok: true, value: { backupCreatedAt: expect.any(String) } });
    expect(core.status()).toMatchObject({ state: 'locked', language: 'es' });
    expect(fs.readdirSync(path.dirname(dataDir))).toEqual(['vault']);
    await core.login(ADMIN.username, ADMIN.passphrase);
    expect(queryAudit(core.session!.vault.db, { action: 'backup.restored' }).entries[0]!.detail).toMatchObject({ inApp: true, replacedVault: false });
    core.close();
  }, 120_000);

  it('a failure in the swap puts the current vault back, byte for byte', async () => {
    const dataDir = path.join(root.dir, 'swap', 'vault');
    const core = coreAt(dataDir, { path: null });
    await core.createVault(ADMIN);
    core.lockNow('manual');
    const before = filesOf(dataDir);
    await expect(
      replaceWithBackup({
        location: core.location,
        from: backupFile,
        username: ADMIN.username,
        passphrase: ADMIN.passphrase,
        beforeSwap: () => true,
        failSwap: () => {
          throw Object.assign(new Error('disk removed'), { code: 'EIO' });
        },
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(filesOf(dataDir)).toEqual(before);
    expect(fs.readdirSync(path.dirname(dataDir))).toEqual(['vault']);
  }, 120_000);

  it('removes the folders an interrupted restore left beside the data folder, at startup and at the next restore, and nothing else', async () => {
    const dataDir = path.join(root.dir, 'crashed', 'vault');
    const parent = path.dirname(dataDir);
    const first = coreAt(dataDir, { path: null });
    await first.createVault(ADMIN);
    first.close();
    const hourAgo = Date.now() / 1000 - 3600;
    /** A folder as a crashed restore leaves it (an encrypted database inside); `old`: untouched for an hour. */
    const leave = (name: string, old = true) => {
      const folder = path.join(parent, name);
      fs.mkdirSync(folder);
      fs.writeFileSync(path.join(folder, 'amparo.db'), 'encrypted pages');
      if (old) for (const p of [path.join(folder, 'amparo.db'), folder]) fs.utimesSync(p, hourAgo, hourAgo);
    };
    leave('.vault.restoring-0123456789ab');
    leave('.vault.restoring-fedcba987654', false);
    // Not leftovers of this data folder: other names, a file, a link (to a folder that must survive).
    const others = ['.vault.restoring-0123456789AB', '.vault.restoring-0123456789abc', '.vault.restoring-01234', 'vault.restoring-0123456789ab', '.other.restoring-0123456789ab', '.vault.before-restore-0123456789ab'];
    for (const name of others) leave(name);
    fs.writeFileSync(path.join(parent, '.vault.restoring-bbbbbbbbbbbb'), 'a file');
    leave('elsewhere');
    fs.symlinkSync(path.join(parent, 'elsewhere'), path.join(parent, '.vault.restoring-cccccccccccc'), 'dir');
    fs.utimesSync(path.join(parent, '.vault.restoring-bbbbbbbbbbbb'), hourAgo, hourAgo);
    fs.lutimesSync(path.join(parent, '.vault.restoring-cccccccccccc'), hourAgo, hourAgo);
    const untouched = [...others, '.vault.restoring-bbbbbbbbbbbb', '.vault.restoring-cccccccccccc', 'elsewhere', 'vault'].sort();

    // The core starts: the old leftover goes; a recent one may be another process's restore, it stays.
    const core = coreAt(dataDir, { path: null });
    expect(fs.readdirSync(parent).sort()).toEqual([...untouched, '.vault.restoring-fedcba987654'].sort());

    // The next restore removes it first; while it runs, no leftover is removed in this process.
    const during: { removed?: string[]; staging?: string[] } = {};
    await replaceWithBackup({
      location: core.location,
      from: backupFile,
      username: ADMIN.username,
      passphrase: ADMIN.passphrase,
      beforeSwap: () => {
        leave('.vault.restoring-dddddddddddd');
        coreAt(dataDir, { path: null }).close();
        during.removed = removeRestoreLeftovers(dataDir);
        during.staging = fs.readdirSync(parent).filter((n) => !untouched.includes(n) && n.startsWith('.vault.restoring-'));
        return true;
      },
    });
    // The running restore's own staging folder and the old leftover made meanwhile: both still there.
    expect(during.removed).toEqual([]);
    expect(during.staging).toHaveLength(2);
    expect(during.staging).toContain('.vault.restoring-dddddddddddd');
    expect(fs.readdirSync(parent).sort()).toEqual([...untouched, '.vault.restoring-dddddddddddd', 'vault.before-restore-2026-11-27T10-00-00'].sort());
    expect(removeRestoreLeftovers(dataDir)).toEqual(['.vault.restoring-dddddddddddd']);
    expect(fs.readdirSync(path.join(parent, 'elsewhere'))).toEqual(['amparo.db']);
    for (const name of others) expect(fs.readdirSync(path.join(parent, name))).toEqual(['amparo.db']);
    await core.login(ADMIN.username, ADMIN.passphrase);
    core.close();
  }, 120_000);
});
