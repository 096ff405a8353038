import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../src/shared/errors';
import { AppCore } from '../../src/main/core/app/app-core';
import { createRouter, type Router } from '../../src/main/core/ipc/router';
import { openDatabase, type Db } from '../../src/main/core/db/open';
import { wipe } from '../../src/main/core/crypto/bytes';
import { vaultPaths } from '../../src/main/core/vault/paths';
import { ADMIN } from '../support/core-fixture';
import { ManualClock } from '../support/manual-clock';
import { makeTempDir } from '../support/temp-dir';
import { cli } from '../support/cli';
import { OutcomeTable, copyVault, errorLines, expectRefused, expectVerifyFails, filesOf, flipByte, swapRegions } from './tamper-support';

/**
 * Issue 7 §4, the database: one byte changed (page 1, a page of a given table, the last byte), two
 * pages swapped, the file cut mid-page, at a page boundary, emptied or deleted, and the
 * write-ahead log deleted or cut short while it holds commits. Each on a copy of one pristine
 * vault, through the app's real paths: sign-in and reads through the router, and the CLI's
 * `verify`. A refusal is DATABASE_CORRUPT (never INTERNAL, never an exception); whatever is
 * answered is exactly what the pristine vault answers (a damaged page is never returned); the
 * keyring is never touched.
 *
 * What "detected" means for the WAL: every commit is checkpointed into amparo.db before the call
 * returns (`wal_autocheckpoint = 1`), so a -wal deleted after a crash loses nothing. When a reader
 * held an older snapshot at that moment (a backup or statistics worker), the commit stays only in
 * the -wal; its index (-shm) then says so, and a missing or short -wal is refused at open, with
 * nothing touched, until the file is put back. (Deleting the -shm as well removes that evidence:
 * the one case left, which needs a crash while a worker reads, and both files deleted.)
 */
const WORKER = { username: 'marco.cw', temporary: 'temporary river stone window', passphrase: 'copper kettle morning tide' };
const PAGE = 4096;

let temp: ReturnType<typeof makeTempDir>;
let pristine: string;
let dataKey: Uint8Array;
const caseIds: string[] = [];
let pristineList: unknown;
let pristineCase: unknown;
/** Pages of each table and index of the pristine database (from SQLite's dbstat). */
let pagesOf: Map<string, number[]>;
const internal: unknown[] = [];
const table = new OutcomeTable('database tampering: sign-in | cases.list | cases.get | verify');

const newCore = (dir: string) => new AppCore({ dataDir: dir, clock: new ManualClock() });
const routerOf = (core: AppCore): Router => createRouter(core, { onInternalError: (e) => internal.push(e) });
const codeOf = (r: Envelope<unknown>) => (r.ok ? 'ok' : r.error.code);

async function signIn(core: AppCore, router: Router, passphrase = WORKER.passphrase) {
  return router.handle(core.session, 'auth.login', { username: WORKER.username, passphrase });
}

beforeAll(async () => {
  temp = makeTempDir('amparo-tamper-db-');
  pristine = path.join(temp.dir, 'pristine');
  const core = newCore(pristine);
  const router = routerOf(core);
  await core.createVault(ADMIN);
  expect((await router.handle(core.session, 'users.create', { username: WORKER.username, displayName: 'Marco', role: 'caseworker', initialPassphrase: WORKER.temporary })).ok).toBe(true);
  core.lockNow('logout');
  expect((await signIn(core, router, WORKER.temporary)).ok).toBe(true);
  expect((await router.handle(core.session, 'session.changePassphrase', { currentPassphrase: WORKER.temporary, newPassphrase: WORKER.passphrase })).ok).toBe(true);
  // Enough cases that the tables span several pages.
  for (let i = 0; i < 40; i++) {
    const made = await router.handle(core.session, 'cases.create', {
      office: 'Lima',
      identity: { givenNames: `Persona ${i}`, familyNames: 'Sintética', shelter: `Casa ${i} ${'calle '.repeat(30)}` },
      profile: { gender: 'Feminine', ageAtIdentification: 20 + (i % 30), citizenship: ['PE'] },
    });
    expect(made.ok).toBe(true);
    if (made.ok) caseIds.push((made.value as { id: string }).id);
  }
  const list = await router.handle(core.session, 'cases.list', {});
  const one = await router.handle(core.session, 'cases.get', { caseId: caseIds[0] });
  expect(list.ok && one.ok).toBe(true);
  pristineList = list.ok ? list.value : null;
  pristineCase = one.ok ? one.value : null;
  dataKey = core.session!.vault.copyDataKey();
  core.close();
  expect(fs.existsSync(vaultPaths(pristine).database + '-wal')).toBe(false);

  const db = openDatabase(vaultPaths(pristine).database, dataKey, { readonly: true });
  pagesOf = new Map();
  for (const row of db.prepare('SELECT name, pageno FROM dbstat ORDER BY pageno').all() as { name: string; pageno: number }[]) {
    pagesOf.set(row.name, [...(pagesOf.get(row.name) ?? []), row.pageno]);
  }
  db.close();
}, 120_000);

afterAll(() => {
  table.print();
  wipe(dataKey);
  temp?.remove();
});

/** The first page of a table (1-based, as SQLite numbers them), other than page 1. */
function pageOf(name: string): number {
  const pages = (pagesOf.get(name) ?? []).filter((p) => p > 1);
  expect(pages.length, name).toBeGreaterThan(0);
  return pages[0]!;
}

interface Probe {
  login: string;
  list?: string;
  get?: string;
  verify: string;
}

/**
 * A copy of the pristine vault, tampered with, then used: the worker signs in through the router,
 * lists the cases and opens one; then `verify`. Returns what each answered.
 */
async function probe(name: string, tamper: (db: string) => void): Promise<Probe> {
  const dir = copyVault(pristine, path.join(temp.dir, name.replace(/\W+/g, '-')));
  const { database, keyring } = vaultPaths(dir);
  tamper(database);
  const keyringBefore = fs.readFileSync(keyring);
  const core = newCore(dir);
  const router = routerOf(core);
  const outcome: Probe = { login: '', verify: '' };
  try {
    const login = await signIn(core, router);
    outcome.login = codeOf(login);
    if (!login.ok) expectRefused(login, 'DATABASE_CORRUPT', `${name}: sign-in`);
    else {
      const list = await router.handle(core.session, 'cases.list', {});
      outcome.list = codeOf(list);
      if (list.ok) expect(list.value, `${name}: the list, if answered, is the pristine one`).toEqual(pristineList);
      else expectRefused(list, 'DATABASE_CORRUPT', `${name}: cases.list`);
      const one = await router.handle(core.session, 'cases.get', { caseId: caseIds[0] });
      outcome.get = codeOf(one);
      if (one.ok) expect(one.value, `${name}: the case, if answered, is the pristine one`).toEqual(pristineCase);
      else expectRefused(one, 'DATABASE_CORRUPT', `${name}: cases.get`);
    }
  } finally {
    core.close();
  }
  const verify = await expectVerifyFails(dir, WORKER.username, WORKER.passphrase, `${name}: verify`);
  outcome.verify = verify.out.includes('FAIL') ? verify.out.split('\n').filter((l) => l.startsWith('FAIL')).map((l) => l.split(':')[0]).join(', ') : errorLines(verify.err)[0]!;
  expect(fs.readFileSync(keyring).equals(keyringBefore), `${name}: the keyring is untouched`).toBe(true);
  expect(internal, name).toEqual([]);
  table.add(name, outcome.login, outcome.list ?? '-', outcome.get ?? '-', outcome.verify);
  return outcome;
}

const edit = (fn: (bytes: Buffer) => Buffer) => (file: string) => fs.writeFileSync(file, fn(fs.readFileSync(file)));

describe('a tampered database file is refused, never used', () => {
  it('an untouched copy signs in, answers as the pristine vault, and verifies', async () => {
    const dir = copyVault(pristine, path.join(temp.dir, 'untouched'));
    const core = newCore(dir);
    const router = routerOf(core);
    expect((await signIn(core, router)).ok).toBe(true);
    expect(await router.handle(core.session, 'cases.list', {})).toEqual({ ok: true, value: pristineList });
    core.close();
    expect((await cli(['verify', '--data-dir', dir, '--user', WORKER.username], [WORKER.passphrase])).code).toBe(0);
  });

  it('one byte of page 1 (the salt; the middle): refused at sign-in', async () => {
    for (const [name, at] of [
      ['page 1, a byte of the salt', 3],
      ['page 1, a byte in the middle', 2000],
      ['page 1, its last byte (the HMAC)', PAGE - 1],
    ] as const) {
      const r = await probe(name, (db) => flipByte(db, at));
      expect(r.login, name).toBe('DATABASE_CORRUPT');
    }
  });

  it('one byte of a page of the accounts, the cases, the identities, the audit trail, or the last page: refused where it is read; verify fails', async () => {
    const accounts = await probe('a byte in a page of the accounts', (db) => flipByte(db, (pageOf('accounts') - 1) * PAGE + 100));
    expect(accounts.login).toBe('DATABASE_CORRUPT');
    const cases = await probe('a byte in a page of the cases', (db) => flipByte(db, (pageOf('cases') - 1) * PAGE + 500));
    expect([cases.login, cases.list]).toContain('DATABASE_CORRUPT');
    expect(cases.verify).toContain('FAIL database pages');
    const identity = await probe('a byte in a page of the sealed identities', (db) => flipByte(db, (pageOf('case_identity') - 1) * PAGE + 700));
    expect([identity.login, identity.list, identity.get]).toContain('DATABASE_CORRUPT');
    const audit = await probe('a byte in a page of the audit trail', (db) => flipByte(db, (pageOf('audit_log') - 1) * PAGE + 1000));
    expect(audit.verify).toMatch(/FAIL (database pages|audit chain)|damaged/);
    await probe('the last byte of the file', (db) => flipByte(db, fs.statSync(db).size - 1));
  });

  it('two pages swapped: refused (each page is authenticated with its number)', async () => {
    const one = await probe('pages 1 and 2 swapped', edit((b) => swapRegions(b, 0, PAGE, PAGE)));
    expect(one.login).toBe('DATABASE_CORRUPT');
    const a = pageOf('cases');
    const b = pageOf('audit_log');
    const data = await probe('a page of the cases and one of the audit trail swapped', edit((bytes) => swapRegions(bytes, (a - 1) * PAGE, (b - 1) * PAGE, PAGE)));
    expect([data.login, data.list]).toContain('DATABASE_CORRUPT');
  });

  it('the file cut short: mid-page, at a page boundary, to its first page', async () => {
    const size = fs.statSync(vaultPaths(pristine).database).size;
    expect(size % PAGE).toBe(0);
    const mid = await probe('cut mid-page (the last 1,000 bytes gone)', edit((b) => b.subarray(0, size - 1000)));
    expect(mid.login, 'a size that is not whole pages is refused at sign-in').toBe('DATABASE_CORRUPT');
    const boundary = await probe('cut at a page boundary (the last 3 pages gone)', edit((b) => b.subarray(0, size - 3 * PAGE)));
    expect(boundary.login).toBe('DATABASE_CORRUPT');
    const first = await probe('cut to its first page', edit((b) => b.subarray(0, PAGE)));
    expect(first.login).toBe('DATABASE_CORRUPT');
  });

  it('the file emptied or deleted: refused, and no new empty vault is made in its place', async () => {
    const emptied = await probe('emptied (0 bytes)', (db) => fs.writeFileSync(db, ''));
    expect(emptied.login).toBe('DATABASE_CORRUPT');
    expect(fs.statSync(vaultPaths(path.join(temp.dir, 'emptied-0-bytes-')).database).size).toBe(0);
    const deleted = await probe('deleted', (db) => fs.rmSync(db));
    expect(deleted.login).toBe('DATABASE_CORRUPT');
    expect(fs.existsSync(vaultPaths(path.join(temp.dir, 'deleted')).database)).toBe(false);
  });
});

describe('the write-ahead log deleted or cut short', () => {
  /** The worker signed in on a fresh copy, through the router. */
  async function signedInCopy(name: string) {
    const dir = copyVault(pristine, path.join(temp.dir, name));
    const core = newCore(dir);
    const router = routerOf(core);
    expect((await signIn(core, router)).ok).toBe(true);
    const create = async (givenNames: string) => {
      const made = await router.handle(core.session, 'cases.create', { identity: { givenNames }, profile: {} });
      expect(made.ok).toBe(true);
      return made.ok ? (made.value as { id: string }).id : '';
    };
    return { dir, core, router, create };
  }

  /** What a power cut leaves on disk at this moment: the folder's files as they are, the app still running. */
  const crashImage = (dir: string, name: string) => copyVault(dir, path.join(temp.dir, name));

  /** Signs in on `dir` and opens each case: the codes of cases.get, in order. */
  async function casesThere(dir: string, ids: string[]): Promise<string[]> {
    const core = newCore(dir);
    const router = routerOf(core);
    try {
      const login = await signIn(core, router);
      if (!login.ok) return ids.map(() => login.error.code);
      const codes: string[] = [];
      for (const caseId of ids) codes.push(codeOf(await router.handle(core.session, 'cases.get', { caseId })));
      return codes;
    } finally {
      core.close();
    }
  }

  it('after a crash, a deleted -wal (with or without its -shm) loses no committed write: each commit was checkpointed', async () => {
    const live = await signedInCopy('wal-live');
    const saved = [await live.create('Antes'), await live.create('Después')];
    const image = crashImage(live.dir, 'wal-crash');
    live.core.close();
    const { database } = vaultPaths(image);
    expect(fs.existsSync(database + '-wal') && fs.existsSync(database + '-shm')).toBe(true);

    const walGone = copyVault(image, path.join(temp.dir, 'wal-crash-no-wal'));
    fs.rmSync(vaultPaths(walGone).database + '-wal');
    expect(await casesThere(walGone, saved)).toEqual(['ok', 'ok']);

    const bothGone = copyVault(image, path.join(temp.dir, 'wal-crash-no-wal-no-shm'));
    fs.rmSync(vaultPaths(bothGone).database + '-wal');
    fs.rmSync(vaultPaths(bothGone).database + '-shm');
    expect(await casesThere(bothGone, saved)).toEqual(['ok', 'ok']);
    expect((await cli(['verify', '--data-dir', bothGone, '--user', WORKER.username], [WORKER.passphrase])).code).toBe(0);
    table.add('-wal (and -shm) deleted after a crash', 'ok', '-', 'ok, both saved cases there', 'ok');
  });

  it('commits that only the -wal holds (a reader held an older snapshot): a deleted or cut -wal is refused, nothing touched; put back, every commit is there', async () => {
    const live = await signedInCopy('wal-reader');
    const before = await live.create('Antes del lector');
    // A reader on its own connection, as the backup's or the statistics' worker is, mid-read.
    const reader: Db = openDatabase(vaultPaths(live.dir).database, dataKey, { readonly: true });
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM cases').get();
    const during = await live.create('Durante la lectura');
    const image = crashImage(live.dir, 'wal-reader-crash');
    reader.exec('COMMIT');
    reader.close();
    live.core.close();
    const { database } = vaultPaths(image);
    const wal = fs.readFileSync(database + '-wal');

    const gone = copyVault(image, path.join(temp.dir, 'wal-reader-no-wal'));
    fs.rmSync(vaultPaths(gone).database + '-wal');
    const filesBefore = filesOf(gone);
    const core = newCore(gone);
    const login = await signIn(core, routerOf(core));
    core.close();
    expectRefused(login, 'DATABASE_CORRUPT', 'a deleted -wal');
    expect(login.ok ? '' : login.error.message).toContain('write-ahead log');
    const verify = await expectVerifyFails(gone, WORKER.username, WORKER.passphrase, 'verify, -wal deleted');
    expect(errorLines(verify.err)[0]).toContain('write-ahead log');
    expect(filesOf(gone), 'nothing was opened, so nothing changed').toEqual(filesBefore);

    const cut = copyVault(image, path.join(temp.dir, 'wal-reader-cut-wal'));
    fs.writeFileSync(vaultPaths(cut).database + '-wal', wal.subarray(0, wal.length - 1000));
    expect(await casesThere(cut, [before, during])).toEqual(['DATABASE_CORRUPT', 'DATABASE_CORRUPT']);

    // Put back, the log is replayed: both commits are there.
    fs.writeFileSync(vaultPaths(gone).database + '-wal', wal);
    expect(await casesThere(gone, [before, during])).toEqual(['ok', 'ok']);
    table.add('-wal deleted / cut while it alone holds a commit', 'DATABASE_CORRUPT (write-ahead log)', '-', 'put back: ok, both there', 'exit 1, one line');
  });

  it('a -wal deleted while the app runs: later saves and the close still land in the database', async () => {
    const live = await signedInCopy('wal-deleted-live');
    const first = await live.create('Primero');
    fs.rmSync(vaultPaths(live.dir).database + '-wal', { force: true });
    const second = await live.create('Segundo');
    live.core.close();
    expect(await casesThere(live.dir, [first, second])).toEqual(['ok', 'ok']);
    expect((await cli(['verify', '--data-dir', live.dir, '--user', WORKER.username], [WORKER.passphrase])).code).toBe(0);
    table.add('-wal deleted while the app runs', 'ok', '-', 'ok, both saved cases there', 'ok');
  });
});
