import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppCore } from '../../src/main/core/app/app-core';
import { createRouter } from '../../src/main/core/ipc/router';
import { makeTempDir } from '../support/temp-dir';

/**
 * DESIGN.md threat 1: nothing on the disk is readable without a passphrase. After a scripted
 * session, no file in the data folder or the OS temp folder holds a username, display name,
 * passphrase, identity value or note that was used (in UTF-8 or UTF-16), and the database has no plain SQLite header.
 */
const stamp = Date.now().toString(36);
const SECRETS = {
  adminUser: `zoila.adm${stamp}`,
  adminName: `Zoila Quispe Huamán ${stamp}`,
  adminPass: `copper kettle ${stamp} moonlit harbour`,
  workerUser: `teo.cw${stamp}`,
  workerName: `Teodoro Mamani ${stamp}`,
  workerPass: `seventeen paper ${stamp} lanterns drift`,
  workerNewPass: `orchard violin ${stamp} quiet meadow`,
  personName: `Yanet Ccori ${stamp}`,
  personShelter: `Casa Esperanza ${stamp}`,
  noteText: `relato del traslado nocturno ${stamp}`,
};

/** The project's own folder (a clone may sit inside the temp folder): its build output is not the app's. */
const PROJECT = path.resolve(process.cwd()) + path.sep;

function filesUnder(dir: string, since: number, out: string[] = []): string[] {
  if ((dir + path.sep).startsWith(PROJECT)) return out;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) filesUnder(full, since, out);
    else if (e.isFile()) {
      try {
        const st = fs.statSync(full);
        if (st.mtimeMs >= since && st.size < 64 * 1024 * 1024) out.push(full);
      } catch {
        // vanished meanwhile
      }
    }
  }
  return out;
}

describe('nothing in plaintext on disk', () => {
  const temp = makeTempDir('amparo-leak-');
  const started = Date.now() - 1000;
  afterAll(() => temp.remove());

  it('after creating a vault, adding accounts, logging in and out', async () => {
    const core = new AppCore({ dataDir: path.join(temp.dir, 'data') });
    const router = createRouter(core);
    const call = async (channel: string, payload: unknown) => {
      const r = await router.handle(core.session, channel, payload);
      if (!r.ok) throw new Error(r.error.code);
      return r.value as Record<string, unknown>;
    };
    await call('preferences.setLanguage', { language: 'es' });
    const created = await call('vault.create', { username: SECRETS.adminUser, displayName: SECRETS.adminName, passphrase: SECRETS.adminPass });
    await call('vault.confirmRecoveryKey', { recoveryKey: created.recoveryKey });
    await call('users.create', { username: SECRETS.workerUser, displayName: SECRETS.workerName, role: 'caseworker', initialPassphrase: SECRETS.workerPass });
    await call('session.lock', { reason: 'manual' });
    await expect(call('auth.login', { username: SECRETS.workerUser, passphrase: SECRETS.adminPass })).rejects.toThrow('WRONG_CREDENTIALS');
    await call('auth.login', { username: SECRETS.workerUser, passphrase: SECRETS.workerPass });
    await call('session.changePassphrase', { currentPassphrase: SECRETS.workerPass, newPassphrase: SECRETS.workerNewPass });
    const intake = await call('cases.create', { identity: { givenNames: SECRETS.personName, shelter: SECRETS.personShelter } });
    await call('records.add', { caseId: intake.id, kind: 'note', data: { writtenOn: '2026-11-27', body: SECRETS.noteText } });
    await call('session.lock', { reason: 'logout' });
    await call('auth.login', { username: SECRETS.adminUser, passphrase: SECRETS.adminPass });
    await call('session.lock', { reason: 'manual' });
    core.close();

    const files = [...filesUnder(temp.dir, 0), ...filesUnder(os.tmpdir(), started).filter((f) => !f.startsWith(temp.dir))];
    const dataFiles = fs.readdirSync(path.join(temp.dir, 'data'));
    expect(dataFiles).toEqual(expect.arrayContaining(['amparo.db', 'keyring.json', 'preferences.json']));
    const needles = Object.values(SECRETS).flatMap((s) => [Buffer.from(s, 'utf8'), Buffer.from(s, 'utf16le'), Buffer.from(s.toLowerCase(), 'utf8')]);
    const leaks: string[] = [];
    for (const file of files) {
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(file);
      } catch {
        continue;
      }
      for (const needle of needles) if (bytes.includes(needle)) leaks.push(path.relative(os.tmpdir(), file));
    }
    expect(leaks).toEqual([]);
    expect(files.length).toBeGreaterThan(0);
    const header = fs.readFileSync(path.join(temp.dir, 'data', 'amparo.db')).subarray(0, 16);
    expect(header.toString('latin1')).not.toBe('SQLite format 3\u0000');
  });
});
