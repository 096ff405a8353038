import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackup, backupToChosenPath } from '../../src/main/core/backup/create';
import { restoreBackup, verifyBackup, BackupCheckError } from '../../src/main/core/backup/restore';
import { backupRunning, backupStatus } from '../../src/main/core/backup/status';
import { FORMAT_VERSION, MAGIC, TAG_BYTES } from '../../src/main/core/backup/format';
import { createCase, getCaseFile } from '../../src/main/core/cases/service';
import { addRecord } from '../../src/main/core/cases/records';
import { writeCases } from '../../src/main/core/cases/batch';
import { syntheticCase } from '../../src/main/core/cases/synthetic';
import { MIGRATIONS } from '../../src/main/core/db/schema';
import { unlockWithPassphrase, VaultLocation } from '../../src/main/core/vault/vault';
import { verifyVault } from '../../src/main/core/vault/verify';
import { createAccount } from '../../src/main/core/users/service';
import { ADMIN, makeCoreWithVault } from '../support/core-fixture';
import { makeCaseVault } from '../support/case-fixture';
import { sessionAs } from '../support/sessions';
import { makeTempDir } from '../support/temp-dir';

/**
 * Encrypted backup and restore (issue 6 §1, §5): a seeded vault makes a round trip; a changed,
 * truncated or extended file is refused; a restore that fails midway leaves nothing behind and
 * every existing vault as it was; the file holds no plaintext of any test value; a backup from
 * a newer schema is refused as such.
 */
const stamp = Date.now().toString(36);
const SECRET = {
  givenNames: `Yanet Ccori ${stamp}`,
  shelter: `Casa Esperanza ${stamp}`,
  note: `relato del traslado nocturno ${stamp}`,
  coordinatorName: `Quispe Coordinadora ${stamp}`,
  coordinatorUser: `quispe.${stamp}`.slice(0, 32),
  coordinatorPass: `orchard violin ${stamp} quiet meadow`,
};
const WORKER_PASS = 'caseworker lantern harbour 8x'; // the case fixture's passphrase for marco.cw

let f: Awaited<ReturnType<typeof makeCaseVault>>;
let out: ReturnType<typeof makeTempDir>;
let backupFile: string;
let caseId: string;
let backupBytes: Buffer;

const snapshotDir = (dir: string) =>
  fs.existsSync(dir) ? Object.fromEntries(fs.readdirSync(dir).sort().map((n) => [n, fs.readFileSync(path.join(dir, n)).toString('base64')])) : null;

function variant(name: string, change: (bytes: Buffer) => Buffer): string {
  const file = path.join(out.dir, `${name}.amparo-backup`);
  fs.writeFileSync(file, change(Buffer.from(backupBytes)));
  return file;
}

function restoreAs(from: string, dataDir: string, who: { username: string; passphrase: string } = ADMIN) {
  return restoreBackup({ from, dataDir, username: who.username, passphrase: who.passphrase });
}

beforeAll(async () => {
  f = await makeCaseVault();
  out = makeTempDir('amparo-backup-out-');
  await createAccount(f.admin, { username: SECRET.coordinatorUser, displayName: SECRET.coordinatorName, role: 'coordinator', initialPassphrase: SECRET.coordinatorPass });
  const intake = createCase(f.worker, { identity: { givenNames: SECRET.givenNames, shelter: SECRET.shelter } });
  caseId = intake.id;
  addRecord(f.worker, caseId, 'note', { writtenOn: '2026-11-27', body: SECRET.note });
  writeCases(f.worker, Array.from({ length: 40 }, (_, k) => syntheticCase(7, k, '2026-11-27')));
  backupFile = path.join(out.dir, 'vault.amparo-backup');
  const progress: number[] = [];
  const seenByStatus: unknown[] = [];
  const result = await createBackup(f.admin, backupFile, {
    onProgress: (p) => {
      progress.push(p.percent);
      seenByStatus.push(backupRunning(f.dir));
    },
  });
  backupBytes = fs.readFileSync(backupFile);
  expect(result.bytes).toBe(backupBytes.length);
  expect(progress.at(-1)).toBe(100);
  expect(progress).toEqual([...progress].sort((a, b) => a - b));
  // What `backup.status` reports while it runs (the screen's progress bar), and nothing after.
  expect(seenByStatus.every((s) => s !== null)).toBe(true);
  expect(backupRunning(f.dir)).toBeNull();
});

afterAll(() => {
  f?.cleanup();
  out?.remove();
});

describe('backup', () => {
  it('is one file: magic, header, keyring, encrypted database, tag; no snapshot is left in the data folder', () => {
    expect(backupBytes.subarray(0, MAGIC.length).equals(MAGIC)).toBe(true);
    const headerLength = backupBytes.readUInt32BE(MAGIC.length);
    const header = JSON.parse(backupBytes.subarray(MAGIC.length + 4, MAGIC.length + 4 + headerLength).toString('utf8'));
    expect(header).toMatchObject({
      format: 'amparo-backup',
      version: FORMAT_VERSION,
      vaultId: f.admin.vault.keyring.vaultId,
      schemaVersion: MIGRATIONS.at(-1)!.version,
      appVersion: (JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }).version,
      mac: 'hmac-sha256',
    });
    const db = backupBytes.subarray(MAGIC.length + 4 + headerLength + header.keyringBytes, backupBytes.length - TAG_BYTES);
    expect(db.length).toBe(header.databaseBytes);
    expect(db.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\u0000');
    expect(fs.readdirSync(f.dir).filter((n) => n.includes('backup') || n.endsWith('.tmp'))).toEqual([]);
    expect(fs.readdirSync(out.dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('contains no plaintext of any test value (UTF-8 or UTF-16): identity, notes, usernames, names, passphrases', () => {
    const values = [
      ...Object.values(SECRET),
      ADMIN.username,
      ADMIN.displayName,
      ADMIN.passphrase,
      'marco.cw',
      'Marco Caseworker',
      WORKER_PASS,
      'sara.sup',
      'Sara Supervisora',
    ];
    const found = values.filter((v) => backupBytes.includes(Buffer.from(v, 'utf8')) || backupBytes.includes(Buffer.from(v, 'utf16le')));
    expect(found).toEqual([]);
  });

  it('is audited without the path, and sets the last backup time; the reminder follows the setting', () => {
    const { db } = f.admin.vault;
    const entry = db.prepare("SELECT actor_id, detail FROM audit_log WHERE action = 'backup.created' ORDER BY seq DESC LIMIT 1").get() as { actor_id: string; detail: string };
    expect(entry.actor_id).toBe(f.admin.accountId);
    expect(entry.detail).not.toContain(out.dir);
    expect(JSON.parse(entry.detail)).toMatchObject({ bytes: backupBytes.length });
    const now = new Date(f.clock.now());
    const status = backupStatus(db, f.dir, now);
    expect(status).toMatchObject({ lastBackupAt: now.toISOString(), reminderDays: 7, reminderDue: false, running: null });
    expect(backupStatus(db, f.dir, new Date(f.clock.now() + 8 * 86_400_000)).reminderDue).toBe(true);
    f.core.updateSettings(f.admin, { backupReminderDays: 30 });
    expect(backupStatus(db, f.dir, new Date(f.clock.now() + 8 * 86_400_000)).reminderDue).toBe(false);
    f.core.updateSettings(f.admin, { backupReminderDays: 7 });
  });

  it('refuses a target inside the data folder, and a second backup while one runs', async () => {
    await expect(createBackup(f.admin, path.join(f.dir, 'inside.amparo-backup'))).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const first = createBackup(f.admin, path.join(out.dir, 'first.amparo-backup'));
    await expect(createBackup(f.admin, path.join(out.dir, 'second.amparo-backup'))).rejects.toMatchObject({ code: 'BACKUP_BUSY' });
    await expect(backupToChosenPath(f.admin, async () => path.join(out.dir, 'third.amparo-backup'))).rejects.toMatchObject({ code: 'BACKUP_BUSY' });
    await first;
    expect(fs.existsSync(path.join(out.dir, 'second.amparo-backup'))).toBe(false);
    // A cancelled dialog writes nothing.
    expect(await backupToChosenPath(f.admin, async () => null)).toBeNull();
  });

  it('is consistent while the app keeps writing (the snapshot runs in a worker)', async () => {
    const file = path.join(out.dir, 'busy.amparo-backup');
    const running = createBackup(f.admin, file);
    // The main thread is free: cases are written while the snapshot is taken.
    for (let k = 0; k < 5; k++) {
      writeCases(f.worker, [syntheticCase(9, k, '2026-11-27')]);
      await new Promise((r) => setImmediate(r));
    }
    await running;
    const result = await verifyBackup({ from: file, username: ADMIN.username, passphrase: ADMIN.passphrase, tempRoot: out.dir });
    expect(result.checks.every((c) => c.ok)).toBe(true);
  });
});

describe('restore', () => {
  it('round trip: a new folder, every check passed, the same cases, identity and notes', async () => {
    const target = path.join(out.dir, 'restored', 'vault');
    const progress: number[] = [];
    const result = await restoreBackup({ from: backupFile, dataDir: target, username: 'marco.cw', passphrase: WORKER_PASS, onProgress: (p) => progress.push(p) });
    expect(result.checks.map((c) => [c.name, c.ok])).toEqual([
      ['keyring', true],
      ['database settings', true],
      ['database pages', true],
      ['foreign keys', true],
      ['migrations', true],
      ['audit chain', true],
    ]);
    expect(progress.at(-1)).toBe(100);
    expect(fs.readdirSync(target).sort()).toEqual(['amparo.db', 'keyring.json']);

    const { vault, secretKey } = await unlockWithPassphrase(new VaultLocation({ dataDir: target }), ADMIN.username, ADMIN.passphrase, false);
    secretKey.fill(0);
    try {
      expect(verifyVault(vault).every((c) => c.ok)).toBe(true);
      const tables = (f.admin.vault.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%'").all() as { name: string }[]).map((r) => r.name);
      const count = (db: typeof vault.db, t: string) => (db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n;
      const snapshotAudit = (JSON.parse(backupBytes.subarray(MAGIC.length + 4, MAGIC.length + 4 + backupBytes.readUInt32BE(MAGIC.length)).toString()) as { createdAt: string }).createdAt;
      expect(count(vault.db, 'cases')).toBe(41);
      for (const t of ['accounts', 'case_records', 'case_sections', 'teams']) {
        if (tables.includes(t)) expect(count(vault.db, t)).toBeGreaterThan(0);
      }
      const restored = vault.db.prepare("SELECT action, detail FROM audit_log WHERE action = 'backup.restored'").get() as { action: string; detail: string };
      expect(JSON.parse(restored.detail)).toMatchObject({ backupCreatedAt: snapshotAudit });
      const worker = await sessionAs(vault, 'marco.cw', WORKER_PASS);
      const file = getCaseFile(worker, caseId);
      expect(file.identity.data).toMatchObject({ givenNames: SECRET.givenNames, shelter: SECRET.shelter });
      expect(JSON.stringify(file.records)).toContain(SECRET.note);
    } finally {
      vault.lock();
    }
  });

  it('refuses a wrong passphrase and an account that is not in the backup, writing nothing', async () => {
    const target = path.join(out.dir, 'wrong');
    await expect(restoreAs(backupFile, target, { username: ADMIN.username, passphrase: 'not the passphrase at all' })).rejects.toMatchObject({ code: 'WRONG_CREDENTIALS' });
    await expect(restoreAs(backupFile, target, { username: 'nobody.here', passphrase: ADMIN.passphrase })).rejects.toMatchObject({ code: 'WRONG_CREDENTIALS' });
    expect(fs.existsSync(target)).toBe(false);
  });

  it('refuses a file with one byte changed, wherever it is, and leaves no folder behind', async () => {
    const headerLength = backupBytes.readUInt32BE(MAGIC.length);
    const headerStart = MAGIC.length + 4;
    const headerText = backupBytes.subarray(headerStart, headerStart + headerLength).toString('latin1');
    const header = JSON.parse(headerText) as { keyringBytes: number; databaseBytes: number };
    const keyringStart = headerStart + headerLength;
    const dbStart = keyringStart + header.keyringBytes;
    const positions: Record<string, number> = {
      magic: 0,
      'header length': MAGIC.length + 3,
      'header (created-at)': headerStart + headerText.indexOf('"createdAt":"') + 16,
      'header (salt)': headerStart + headerText.indexOf('"macSalt":"') + 12,
      keyring: keyringStart + Math.floor(header.keyringBytes / 2),
      'database, first page': dbStart + 5,
      'database, middle': dbStart + Math.floor(header.databaseBytes / 2),
      'database, last byte': dbStart + header.databaseBytes - 1,
      tag: backupBytes.length - 1,
    };
    for (const [name, at] of Object.entries(positions)) {
      const file = variant(`flip-${name.replace(/\W+/g, '-')}`, (b) => {
        b[at] = b[at]! ^ 0x01;
        return b;
      });
      const target = path.join(out.dir, `flip-target-${at}`);
      await expect(restoreAs(file, target), name).rejects.toMatchObject({ code: 'BACKUP_INVALID' });
      expect(fs.existsSync(target), name).toBe(false);
    }
  });

  it('refuses a truncated or extended file', async () => {
    const cases: Record<string, (b: Buffer) => Buffer> = {
      'last byte cut': (b) => b.subarray(0, b.length - 1),
      'cut in half': (b) => b.subarray(0, Math.floor(b.length / 2)),
      'only the magic': (b) => b.subarray(0, MAGIC.length),
      empty: () => Buffer.alloc(0),
      'one byte more': (b) => Buffer.concat([b, Buffer.from([0])]),
    };
    for (const [name, change] of Object.entries(cases)) {
      const target = path.join(out.dir, `cut-target-${name.replace(/\W+/g, '-')}`);
      await expect(restoreAs(variant(`cut-${name.replace(/\W+/g, '-')}`, change), target), name).rejects.toMatchObject({ code: 'BACKUP_INVALID' });
      expect(fs.existsSync(target), name).toBe(false);
    }
  });

  it('a restore that fails midway leaves the target absent (or empty) and every existing vault exactly as it was', async () => {
    const other = await makeCoreWithVault();
    try {
      other.core.close();
      const target = path.join(out.dir, 'midway', 'deeper', 'vault');
      const sourceBefore = snapshotDir(f.dir);
      const otherBefore = snapshotDir(other.dir);
      let wroteFiles: string[] = [];
      const failing = restoreBackup({
        from: backupFile,
        dataDir: target,
        username: ADMIN.username,
        passphrase: ADMIN.passphrase,
        // The database and keyring are in place and open when this runs: then it fails.
        verify: (vault) => {
          wroteFiles = fs.readdirSync(target);
          return [...verifyVault(vault).slice(0, 3), { name: 'audit chain', ok: false, detail: 'injected failure' }];
        },
      });
      await expect(failing).rejects.toBeInstanceOf(BackupCheckError);
      await expect(failing).rejects.toMatchObject({ code: 'BACKUP_INVALID' });
      expect(wroteFiles).toEqual(expect.arrayContaining(['amparo.db', 'keyring.json']));
      expect(fs.existsSync(path.join(out.dir, 'midway'))).toBe(false);
      expect(snapshotDir(f.dir)).toEqual(sourceBefore);
      expect(snapshotDir(other.dir)).toEqual(otherBefore);

      // An empty folder given as the target stays, empty; a thrown error (not a failed check) too.
      const empty = path.join(out.dir, 'empty-target');
      fs.mkdirSync(empty);
      await expect(
        restoreBackup({
          from: backupFile,
          dataDir: empty,
          username: ADMIN.username,
          passphrase: ADMIN.passphrase,
          verify: () => {
            throw new Error('power cut');
          },
        }),
      ).rejects.toThrow('power cut');
      expect(fs.readdirSync(empty)).toEqual([]);

      // An existing vault is never a target: refused before anything is written.
      await expect(restoreAs(backupFile, other.dir)).rejects.toMatchObject({ code: 'VAULT_EXISTS' });
      expect(snapshotDir(other.dir)).toEqual(otherBefore);
    } finally {
      other.cleanup();
    }
  });

  it('refuses a backup from a newer schema, or in a newer format, as too new', async () => {
    const newer = await makeCoreWithVault();
    try {
      const latest = MIGRATIONS.at(-1)!.version;
      newer.core.session!.vault.db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(latest + 1, 'from-the-future', '2030-01-01T00:00:00.000Z');
      const file = path.join(out.dir, 'newer.amparo-backup');
      await createBackup(newer.core.session!, file);
      const target = path.join(out.dir, 'newer-target');
      await expect(restoreAs(file, target)).rejects.toMatchObject({ code: 'VAULT_TOO_NEW' });
      expect(fs.existsSync(target)).toBe(false);
    } finally {
      newer.cleanup();
    }
    const format = variant('newer-format', (b) => {
      const at = b.indexOf(Buffer.from(`"version":${FORMAT_VERSION}`));
      b.write(`"version":${FORMAT_VERSION + 1}`, at, 'latin1');
      return b;
    });
    await expect(restoreAs(format, path.join(out.dir, 'newer-format-target'))).rejects.toMatchObject({ code: 'VAULT_TOO_NEW' });
  });

  it('verify-backup restores into a temporary folder and removes it', async () => {
    const root = path.join(out.dir, 'verify-root');
    fs.mkdirSync(root);
    const result = await verifyBackup({ from: backupFile, username: ADMIN.username, passphrase: ADMIN.passphrase, tempRoot: root });
    expect(result.checks.every((c) => c.ok)).toBe(true);
    expect(fs.readdirSync(root)).toEqual([]);
  });
});
