import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppCore, type PickedFile } from '../../src/main/core/app/app-core';
import { createBackup } from '../../src/main/core/backup/create';
import { restoreBackup } from '../../src/main/core/backup/restore';
import { createRouter, type Router } from '../../src/main/core/ipc/router';
import { createAccount } from '../../src/main/core/users/service';
import { createTeam } from '../../src/main/core/users/teams';
import type { Session } from '../../src/main/core/users/session';
import { verifyVault } from '../../src/main/core/vault/verify';
import { REPORT_SECTIONS } from '../../src/shared/reports';
import { VOCABULARIES } from '../../src/shared/vocabularies';
import { ADMIN } from '../support/core-fixture';
import { sessionAs } from '../support/sessions';
import { makeTempDir } from '../support/temp-dir';
import { injectFault } from './support/fs-faults';

/**
 * Disk full and read-only (issue 7 §3). The data folder is on a small tmpfs of its own, and the
 * exports go to another (a USB stick): each filled to the last byte, then given room again, then
 * remounted read-only and writable again. Where the machine does not allow mounting (no
 * CAP_SYS_ADMIN; or AMPARO_STRESS_NO_MOUNT=1), the same scenarios run with injected errors: the
 * engine's own SQLITE_FULL (max_page_count) and SQLITE_READONLY (query_only) for the database,
 * and fs calls failing with ENOSPC / EROFS (support/fs-faults.ts) for files.
 *
 * Each save or export must answer a clear `{ code: DISK_FULL | READ_ONLY, message }` through the
 * router, lose nothing committed, leave no partial file behind, leave the vault as it was
 * (every check of verify, the audit chain's head unchanged), and work again, in the same core
 * without a restart, once there is room.
 */

const WORKER = { username: 'kira.cw', displayName: 'Kira Caseworker', role: 'caseworker' as const, initialPassphrase: 'kestrel meadow lantern harbour' };
const SUPERVISOR = { username: 'sara.sup', displayName: 'Sara Supervisor', role: 'supervisor' as const, initialPassphrase: 'silver orchard lantern tide' };
const COORDINATOR = { username: 'cora.coord', displayName: 'Cora Coordinator', role: 'coordinator' as const, initialPassphrase: 'copper kettle garden violet' };

const mountAllowed = process.env.AMPARO_STRESS_NO_MOUNT !== '1' && process.platform === 'linux';
const mounts: string[] = [];

/** A tmpfs of this size at `dir`, if the machine allows it. */
function tryMount(dir: string, size: string): boolean {
  if (!mountAllowed) return false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir], { stdio: 'ignore' });
    mounts.push(dir);
    return true;
  } catch {
    return false;
  }
}

const remount = (dir: string, mode: 'ro' | 'rw') => execFileSync('mount', ['-o', `remount,${mode}`, dir], { stdio: 'pipe' });

function unmount(dir: string): void {
  try {
    execFileSync('umount', [dir], { stdio: 'ignore' });
  } catch {
    execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
  }
}

/** Writes zeros into `dir` until the file system says ENOSPC; returns the filler's path. */
function fillUp(dir: string): string {
  const file = path.join(dir, 'filler.bin');
  const fd = fs.openSync(file, 'w');
  try {
    for (const size of [1 << 20, 1 << 16, 1 << 12, 512, 1]) {
      const chunk = Buffer.alloc(size);
      try {
        for (;;) fs.writeSync(fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return file;
}

/** What a place looks like to the file system: names and sizes, the filler left out. */
const listing = (dir: string) =>
  fs
    .readdirSync(dir)
    .filter((n) => n !== 'filler.bin')
    .sort();

const temp = makeTempDir('amparo-disk-full-');
let mounted = { data: false, target: false };
let dataDir: string;
let targetDir: string;
let core: AppCore;
let router: Router;
let admin: Session;
let worker: Session;
let coordinator: Session;
let supervisor: Session;
let picked: PickedFile | null = null;
let savePath: string | null = null;
let caseId: string;

const serviceType = VOCABULARIES.serviceType.items.find((i) => i.group === 'medical')!.code;
const intake = (office: string) => ({
  office,
  identity: { givenNames: 'Synthetic', familyNames: 'Person', currentLocation: 'Shelter A' },
  profile: { gender: 'Feminine', citizenship: ['PE'], ageAtIdentification: 24 },
  consents: [
    { purpose: 'assistance', givenBy: 'the person', givenOn: '2026-11-20', method: 'written' },
    { purpose: 'anonymous-statistics', givenBy: 'the person', givenOn: '2026-11-20', method: 'written' },
  ],
});

function db() {
  return admin.vault.db;
}

/** Everything committed that a failed write could have damaged, read straight from the database. */
function committed() {
  const d = db();
  return {
    cases: d.prepare('SELECT id, code, version, office, updated_at FROM cases ORDER BY id').all(),
    records: d.prepare('SELECT id, case_id, kind, data, version FROM case_records ORDER BY id').all(),
    sections: d.prepare('SELECT case_id, section, data, version FROM case_sections ORDER BY case_id, section').all(),
    attachments: d.prepare('SELECT id, case_id, sha256, size, length(data) AS bytes FROM attachments ORDER BY id').all(),
    history: (d.prepare('SELECT count(*) AS n FROM case_history').get() as { n: number }).n,
    audit: d.prepare('SELECT seq, hash FROM audit_head').get(),
  };
}

function expectVaultSound(): void {
  expect(
    verifyVault(admin.vault)
      .filter((c) => !c.ok)
      .map((c) => `${c.name}: ${c.detail}`),
  ).toEqual([]);
}

async function call(session: Session | null, channel: string, payload: unknown) {
  return router.handle(session, channel, payload);
}

/** The saves of the case file: an intake, a header change, a section, a service, an attachment. */
async function saves(tag: string) {
  const header = db().prepare('SELECT version FROM cases WHERE id = ?').get(caseId) as { version: number };
  const section = db().prepare("SELECT version FROM case_sections WHERE case_id = ? AND section = 'legal'").get(caseId) as { version: number } | undefined;
  picked = { name: `scan-${tag}.bin`, bytes: randomBytes(256 * 1024) };
  return {
    create: await call(worker, 'cases.create', intake(`Office ${tag}`)),
    header: await call(worker, 'cases.updateHeader', { caseId, version: header.version, change: { office: `Office ${tag}` } }),
    section: await call(worker, 'cases.saveSection', { caseId, section: 'legal', version: section?.version ?? 0, data: { counsel: `Counsel ${tag}` } }),
    service: await call(worker, 'records.add', { caseId, kind: 'service', data: { track: 'medical', serviceType, status: 'delivered', notes: `Service ${tag}` } }),
    attachment: await call(worker, 'attachments.add', { caseId }),
  };
}

const DISK_FULL = { ok: false, error: { code: 'DISK_FULL', message: expect.stringMatching(/room.*Nothing was saved/) } };
const READ_ONLY = { ok: false, error: { code: 'READ_ONLY', message: expect.stringMatching(/read-only.*Nothing was (saved|changed)/) } };

beforeAll(async () => {
  const dataMount = path.join(temp.dir, 'data');
  targetDir = path.join(temp.dir, 'usb');
  fs.mkdirSync(dataMount);
  fs.mkdirSync(targetDir);
  mounted = { data: tryMount(dataMount, '6m'), target: tryMount(targetDir, '2m') };
  dataDir = path.join(dataMount, 'vault');
  core = new AppCore({ dataDir, pickFile: async () => picked, pickSavePath: async () => savePath });
  router = createRouter(core);
  await core.createVault(ADMIN);
  admin = core.session!;
  // The caseworker in the supervisor's team (a subject-access export is the supervisor's).
  const lead = await createAccount(admin, SUPERVISOR);
  const team = createTeam(admin, { name: 'Lima', supervisorId: lead.id });
  await createAccount(admin, { ...WORKER, teamId: team.id });
  await createAccount(admin, COORDINATOR);
  worker = await sessionAs(admin.vault, WORKER.username, WORKER.initialPassphrase);
  coordinator = await sessionAs(admin.vault, COORDINATOR.username, COORDINATOR.initialPassphrase);
  supervisor = await sessionAs(admin.vault, SUPERVISOR.username, SUPERVISOR.initialPassphrase);
  expect(await call(admin, 'organisation.setName', { name: 'Refugio Lima' })).toMatchObject({ ok: true });
  const created = await call(worker, 'cases.create', intake('Office Lima'));
  expect(created).toMatchObject({ ok: true });
  caseId = (created as { value: { id: string } }).value.id;
  const first = await saves('first');
  for (const reply of Object.values(first)) expect(reply.ok).toBe(true);
  console.log(`disk-full: ${mounted.data && mounted.target ? 'tmpfs mounts (2 MiB target, 6 MiB data folder)' : 'no mount allowed here: injected errors'}`);
}, 120_000);

afterAll(() => {
  try {
    core?.close();
  } finally {
    for (const dir of mounts.reverse()) unmount(dir);
    temp.remove();
  }
});

describe('the data folder on a full disk', () => {
  it('refuses every save with DISK_FULL, loses nothing, and saves again in the same core once there is room', async () => {
    const before = committed();
    let filler: string | null = null;
    if (mounted.data) {
      // The write-ahead log emptied first, so that no save finds room already allocated there.
      db().pragma('wal_checkpoint(TRUNCATE)');
      filler = fillUp(path.dirname(dataDir));
    } else {
      const pages = db().pragma('page_count', { simple: true }) as number;
      db().pragma(`max_page_count = ${pages}`);
    }
    const full = await saves('full');
    if (mounted.data) {
      for (const [name, reply] of Object.entries(full)) expect(reply, name).toMatchObject(DISK_FULL);
    } else {
      // The engine's own limit: what needs a new page fails; what fits in free pages may pass.
      expect(full.attachment).toMatchObject(DISK_FULL);
      for (const reply of Object.values(full)) if (!reply.ok) expect(reply).toMatchObject(DISK_FULL);
    }
    if (mounted.data) {
      // Nothing changed, and reading still works.
      expect(committed()).toEqual(before);
      // A backup's snapshot is written in the data folder first: no room for it either.
      savePath = path.join(temp.dir, 'backup-while-full.amparo-backup');
      expect(await call(admin, 'backup.create', {})).toMatchObject({ ok: false, error: { code: 'DISK_FULL' } });
      expect(fs.existsSync(savePath)).toBe(false);
      expect(listing(temp.dir).filter((n) => n.includes('backup'))).toEqual([]);
    }
    expect(listing(dataDir).filter((n) => !['amparo.db', 'amparo.db-wal', 'amparo.db-shm', 'keyring.json', 'preferences.json'].includes(n))).toEqual([]);
    expectVaultSound();

    // Room again: the same core, the same sessions.
    if (filler) fs.rmSync(filler);
    else db().pragma('max_page_count = 1073741823');
    const again = await saves('again');
    for (const [name, reply] of Object.entries(again)) expect(reply, name).toMatchObject({ ok: true });
    const after = committed();
    for (const key of ['records', 'attachments'] as const) expect(after[key]).toEqual(expect.arrayContaining(before[key] as unknown[]));
    expectVaultSound();
  });
});

describe('the data folder read-only', () => {
  it('refuses to save with READ_ONLY, loses nothing, and works again once writable', async () => {
    const before = committed();
    if (mounted.data) {
      // A mount cannot turn read-only under open files: the app is locked first, as after a restart.
      core.lockNow('manual');
      remount(path.dirname(dataDir), 'ro');
      try {
        expect(await call(null, 'auth.login', { username: ADMIN.username, passphrase: ADMIN.passphrase })).toMatchObject(READ_ONLY);
        expect(await call(null, 'preferences.setLanguage', { language: 'es' })).toMatchObject(READ_ONLY);
        expect(core.session).toBeNull();
      } finally {
        remount(path.dirname(dataDir), 'rw');
      }
      expect(await call(null, 'auth.login', { username: ADMIN.username, passphrase: ADMIN.passphrase })).toMatchObject({ ok: true });
      admin = core.session!;
      worker = await sessionAs(admin.vault, WORKER.username, WORKER.initialPassphrase);
      coordinator = await sessionAs(admin.vault, COORDINATOR.username, COORDINATOR.initialPassphrase);
      supervisor = await sessionAs(admin.vault, SUPERVISOR.username, SUPERVISOR.initialPassphrase);
    } else {
      db().pragma('query_only = ON');
      const restore = injectFault(dataDir, 'EROFS');
      try {
        const refused = await saves('read-only');
        for (const [name, reply] of Object.entries(refused)) expect(reply, name).toMatchObject(READ_ONLY);
        expect(await call(null, 'preferences.setLanguage', { language: 'es' })).toMatchObject(READ_ONLY);
        expect(committed()).toEqual(before);
      } finally {
        restore();
        db().pragma('query_only = OFF');
      }
    }
    const again = await saves('writable');
    for (const [name, reply] of Object.entries(again)) expect(reply, name).toMatchObject({ ok: true });
    const after = committed();
    for (const key of ['records', 'attachments'] as const) expect(after[key]).toEqual(expect.arrayContaining(before[key] as unknown[]));
    expectVaultSound();
  });
});

describe('a backup or an export to a full or read-only target', () => {
  const exports = () =>
    [
      { name: 'backup', session: admin, channel: 'backup.create', payload: {}, file: 'vault.amparo-backup' },
      { name: 'audit CSV', session: admin, channel: 'audit.exportCsv', payload: {}, file: 'audit.csv' },
      { name: 'case report PDF', session: worker, channel: 'reports.caseReport', payload: { caseId, sections: [...REPORT_SECTIONS], includeIdentity: false, language: 'en' }, file: 'report.pdf' },
      { name: 'statistics CSV', session: coordinator, channel: 'statistics.export', payload: { what: 'table', dimensions: ['gender'], format: 'csv' }, file: 'stats.csv' },
      { name: 'statistics XLSX', session: coordinator, channel: 'statistics.export', payload: { what: 'table', dimensions: ['gender', 'age_band'], format: 'xlsx' }, file: 'stats.xlsx' },
      { name: 'statistics PDF', session: coordinator, channel: 'statistics.export', payload: { what: 'table', dimensions: ['gender'], format: 'pdf', language: 'es' }, file: 'stats.pdf' },
      { name: 'subject access JSON', session: supervisor, channel: 'reports.subjectAccess', payload: { caseId, format: 'json', language: 'en' }, file: 'subject.json' },
      { name: 'subject access PDF', session: supervisor, channel: 'reports.subjectAccess', payload: { caseId, format: 'pdf', language: 'es' }, file: 'subject.pdf' },
      { name: 'attachment copy', session: worker, channel: 'attachments.saveCopy', payload: { attachmentId: anAttachment() }, file: 'scan.bin' },
      { name: "organisation's public key", session: admin, channel: 'organisation.exportKey', payload: {}, file: 'organisation.amparo-key' },
    ] as const;
  const anAttachment = () => (db().prepare('SELECT id FROM attachments WHERE case_id = ? ORDER BY id LIMIT 1').get(caseId) as { id: string }).id;

  async function refusedEach(expected: object) {
    for (const e of exports()) {
      const before = committed();
      savePath = path.join(targetDir, e.file);
      expect(await call(e.session, e.channel, e.payload), e.name).toMatchObject(expected);
      // No partial file, no temporary file; the vault as it was, the export not recorded.
      expect(listing(targetDir), e.name).toEqual([]);
      expect(committed(), e.name).toEqual(before);
    }
    expect(listing(dataDir).filter((n) => n.startsWith('.'))).toEqual([]);
    expectVaultSound();
  }

  async function writesEach() {
    for (const e of exports()) {
      savePath = path.join(targetDir, e.file);
      const reply = await call(e.session, e.channel, e.payload);
      expect(reply, e.name).toMatchObject({ ok: true });
      expect(fs.statSync(savePath).size, e.name).toBeGreaterThan(0);
      fs.rmSync(savePath);
    }
    expect(listing(targetDir)).toEqual([]);
  }

  it('a full target: DISK_FULL, nothing left there, the vault untouched; written once there is room', async () => {
    let restore: () => void;
    if (mounted.target) {
      const filler = fillUp(targetDir);
      restore = () => fs.rmSync(filler);
    } else {
      restore = injectFault(targetDir, 'ENOSPC');
    }
    try {
      await refusedEach(DISK_FULL);
    } finally {
      restore();
    }
    await writesEach();
  });

  it('a read-only target: READ_ONLY, nothing left there, the vault untouched; written once writable', async () => {
    let restore: () => void;
    if (mounted.target) {
      remount(targetDir, 'ro');
      restore = () => remount(targetDir, 'rw');
    } else {
      restore = injectFault(targetDir, 'EROFS');
    }
    try {
      await refusedEach(READ_ONLY);
    } finally {
      restore();
    }
    await writesEach();
  });
});

describe('a restore onto a full or read-only disk', () => {
  it('answers DISK_FULL / READ_ONLY, not BAD_REQUEST, and leaves nothing there', async () => {
    const backup = path.join(temp.dir, 'to-restore.amparo-backup');
    await createBackup(admin, backup);
    const into = path.join(targetDir, 'restored-vault');
    const cases = [
      { fault: 'ENOSPC', expected: DISK_FULL.error },
      { fault: 'EROFS', expected: READ_ONLY.error },
    ] as const;
    for (const { fault, expected } of cases) {
      let restore: () => void;
      if (mounted.target && fault === 'ENOSPC') {
        const filler = fillUp(targetDir);
        restore = () => fs.rmSync(filler);
      } else if (mounted.target) {
        remount(targetDir, 'ro');
        restore = () => remount(targetDir, 'rw');
      } else {
        restore = injectFault(targetDir, fault);
      }
      try {
        await expect(restoreBackup({ from: backup, dataDir: into, username: ADMIN.username, passphrase: ADMIN.passphrase }), fault).rejects.toMatchObject(expected);
      } finally {
        restore();
      }
      // What the restore wrote is removed, its folder too.
      expect(listing(targetDir), fault).toEqual([]);
    }
    fs.rmSync(backup);
  }, 120_000);
});
