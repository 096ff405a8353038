import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { createCase, getCaseFile, saveIdentity } from '../../../src/main/core/cases/service';
import { addAttachment, readAttachment } from '../../../src/main/core/cases/attachments';
import { addRecord } from '../../../src/main/core/cases/records';
import { reassignCase } from '../../../src/main/core/cases/reassign';
import { readIdentity } from '../../../src/main/core/cases/identity';
import { RECOVERY_HOLDER, openIdentity, unwrapCaseKey } from '../../../src/main/core/cases/case-keys';
import { caseHistory, searchCases } from '../../../src/main/core/cases/queries';
import { disableAccount, resetWithRecovery } from '../../../src/main/core/users/service';
import { openDatabase } from '../../../src/main/core/db/open';
import { migrate } from '../../../src/main/core/db/migrations';
import { MIGRATIONS } from '../../../src/main/core/db/schema';
import { generateKeyPair } from '../../../src/main/core/crypto/sealed-box';
import { randomBytes } from '../../../src/main/core/crypto/bytes';
import { verifyAuditChain } from '../../../src/main/core/audit/chain';
import { makeCaseVault } from '../../support/case-fixture';
import { makeTempDir } from '../../support/temp-dir';

let f: Awaited<ReturnType<typeof makeCaseVault>>;
beforeAll(async () => {
  f = await makeCaseVault();
});
afterAll(() => f.cleanup());

const SECRET = {
  given: 'Yesenia Araceli',
  family: 'Huamaní Cutipa',
  alias: 'La Flaca',
  phone: '+51 987 654 321',
  location: 'Hostal Los Girasoles, Jr. Puno 455',
  shelter: 'Casa Refugio Esperanza',
  relative: 'Teodora Cutipa',
  document: 'DNI 47281936',
  photoText: 'PHOTO-BYTES-yesenia-face',
};
const identity = {
  givenNames: SECRET.given,
  familyNames: SECRET.family,
  aliases: [SECRET.alias],
  contacts: [{ kind: 'phone' as const, value: SECRET.phone }],
  currentLocation: SECRET.location,
  shelter: SECRET.shelter,
  familyContacts: [{ name: SECRET.relative, relation: 'madre', contact: '' }],
  documents: [{ type: 'DNI', number: SECRET.document, country: 'PE' as const }],
};

/** Every byte the data key alone reveals: all pages of the database as SQLite reads them, free ones too. */
function everythingUnderTheDataKey(): string {
  return f.admin.vault.db.serialize().toString('latin1') + Buffer.from(f.admin.vault.db.serialize()).toString('utf8');
}

describe('sealed identity', () => {
  it('is readable by the people on the case and their supervisor, and by nobody else, even with the database open', () => {
    const { id } = createCase(f.worker, { office: 'Cusco', identity });
    expect(getCaseFile(f.worker, id).identity.data).toMatchObject({ givenNames: SECRET.given, shelter: SECRET.shelter });
    expect(getCaseFile(f.supervisor, id).identity.data).toMatchObject({ familyNames: SECRET.family });
    // The other caseworker and the administrator share the open database but hold no wrap.
    expect(readIdentity(f.other, id).data).toBeNull();
    expect(readIdentity(f.admin, id).data).toBeNull();
    expect(() => saveIdentity(f.other, id, 1, identity)).toThrowError(expect.objectContaining({ code: 'NOT_FOUND' }) as unknown as Error);
    const holders = f.admin.vault.db.prepare('SELECT recipient FROM case_keys WHERE case_id = ? ORDER BY recipient').pluck().all(id);
    expect(holders).toEqual([f.worker.accountId, f.supervisor.accountId, RECOVERY_HOLDER].sort());
  });

  it('leaves no identity value anywhere the data key reaches: tables, index, history, audit, free pages', () => {
    const { id } = createCase(f.worker, { office: 'Cusco', identity });
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(SECRET.photoText)]);
    const photo = addAttachment(f.worker, id, { name: `${SECRET.given}.png`, bytes: png });
    const saved = saveIdentity(f.worker, id, 1, { ...identity, currentLocation: 'Albergue temporal', photoAttachmentId: photo.id });
    expect(saved.data.photoAttachmentId).toBe(photo.id);
    addRecord(f.worker, id, 'note', { writtenOn: '2026-11-27', body: 'Entrevista inicial sin incidentes.' });
    expect(Buffer.from(readAttachment(f.worker, photo.id).bytes).toString('latin1')).toContain(SECRET.photoText);
    expect(() => readAttachment(f.admin, photo.id)).toThrow();
    expect(getCaseFile(f.worker, id).attachments.find((a) => a.id === photo.id)!.name).toBe('photo');
    // Field history says which identity fields changed, never their values.
    const history = caseHistory(f.worker, id).filter((h) => h.part === 'identity');
    expect(history.map((h) => h.field)).toContain('currentLocation');
    expect(history.every((h) => h.oldValue === null && h.newValue === null)).toBe(true);
    expect(searchCases(f.worker, 'Yesenia').hits).toEqual([]);

    const everything = everythingUnderTheDataKey();
    for (const value of Object.values(SECRET)) expect(everything, value).not.toContain(value);
    expect(everything).toContain('Entrevista inicial'); // the scan does see the case's other content
  });

  it('a reassignment moves the key: the new caseworker reads, the one taken off no longer can; reason in history, audited', () => {
    const { id } = createCase(f.worker, { identity });
    const header = reassignCase(f.supervisor, { caseId: id, version: 1, assignedIds: [f.other.accountId], reason: 'Marco on leave' });
    expect(header.assignedIds).toEqual([f.other.accountId]);
    expect(getCaseFile(f.other, id).identity.data).toMatchObject({ givenNames: SECRET.given });
    expect(readIdentity(f.worker, id).data).toBeNull();
    expect(() => getCaseFile(f.worker, id)).toThrowError(expect.objectContaining({ code: 'NOT_FOUND' }) as unknown as Error);
    const reason = caseHistory(f.other, id).find((h) => h.field === 'reassignmentReason');
    expect(reason?.newValue).toBe('"Marco on leave"');
    const audit = f.admin.vault.db.prepare("SELECT detail FROM audit_log WHERE action = 'case.reassigned' AND target = ?").pluck().get(id) as string;
    expect(JSON.parse(audit)).toMatchObject({ added: f.other.accountId, removed: f.worker.accountId, keysAdded: 1, keysRemoved: 1 });
    expect(audit).not.toContain('leave');
    expect(verifyAuditChain(f.admin.vault.db).problems).toEqual([]);
  });

  it('only the team supervisor reassigns, only to active caseworkers of the team, and a stale version is refused', () => {
    const { id } = createCase(f.worker, { identity });
    expect(() => reassignCase(f.worker, { caseId: id, version: 1, assignedIds: [f.other.accountId], reason: 'x' })).toThrowError(
      expect.objectContaining({ code: 'NOT_ON_TEAM' }) as unknown as Error,
    );
    expect(() => reassignCase(f.supervisor, { caseId: id, version: 1, assignedIds: [f.admin.accountId], reason: 'x' })).toThrowError(
      expect.objectContaining({ code: 'NOT_ON_TEAM' }) as unknown as Error,
    );
    reassignCase(f.supervisor, { caseId: id, version: 1, assignedIds: [f.worker.accountId, f.other.accountId], reason: 'pair' });
    expect(() => reassignCase(f.supervisor, { caseId: id, version: 1, assignedIds: [f.worker.accountId], reason: 'again' })).toThrowError(
      expect.objectContaining({ code: 'STALE_WRITE' }) as unknown as Error,
    );
    expect(getCaseFile(f.supervisor, id).header.assignedIds.sort()).toEqual([f.worker.accountId, f.other.accountId].sort());
  });

  it('the recovery key opens every case key; disabling an account removes its wraps, a reset gives them back', async () => {
    const { id } = createCase(f.worker, { identity });
    const recoverySecret = await f.admin.vault.openRecovery(f.recoveryKey);
    const key = unwrapCaseKey(f.admin.vault.db, id, RECOVERY_HOLDER, recoverySecret)!;
    const sealed = f.admin.vault.db.prepare('SELECT sealed FROM case_identity WHERE case_id = ?').pluck().get(id) as Buffer;
    expect(openIdentity(key, id, sealed)).toMatchObject({ givenNames: SECRET.given });

    disableAccount(f.admin, f.worker.accountId);
    expect(f.admin.vault.db.prepare('SELECT count(*) FROM case_keys WHERE recipient = ?').pluck().get(f.worker.accountId)).toBe(0);
    expect(readIdentity(f.worker, id).data).toBeNull();
    await resetWithRecovery(f.admin.vault, { accountId: f.worker.accountId, recoveryKey: f.recoveryKey, newPassphrase: 'brand new lantern harbour', actorId: f.admin.accountId, mustChange: true });
    expect(readIdentity(f.worker, id).data).toMatchObject({ givenNames: SECRET.given });
  });

  it('an altered sealed identity or wrap is an error, never data', () => {
    const { id } = createCase(f.other, { identity });
    const db = f.admin.vault.db;
    const sealed = db.prepare('SELECT sealed FROM case_identity WHERE case_id = ?').pluck().get(id) as Buffer;
    sealed[sealed.length - 1]! ^= 1;
    db.prepare('UPDATE case_identity SET sealed = ? WHERE case_id = ?').run(sealed, id);
    expect(() => readIdentity(f.other, id)).toThrowError(expect.objectContaining({ code: 'DATABASE_CORRUPT' }) as unknown as Error);
    // A wrap moved from another case does not open this one.
    const other = createCase(f.other, { identity });
    const wrap = db.prepare('SELECT wrapped FROM case_keys WHERE case_id = ? AND recipient = ?').pluck().get(other.id, f.other.accountId) as Buffer;
    db.prepare('UPDATE case_keys SET wrapped = ? WHERE case_id = ? AND recipient = ?').run(wrap, id, f.other.accountId);
    expect(() => readIdentity(f.other, id)).toThrowError(expect.objectContaining({ code: 'KEYRING_TAMPERED' }) as unknown as Error);
  });
});

describe('the need-to-know migration', () => {
  it('seals the identity rows written before it and drops their clear copy', () => {
    const temp = makeTempDir();
    try {
      const file = path.join(temp.dir, 'legacy.db');
      const dataKey = randomBytes(32);
      const recovery = generateKeyPair();
      const worker = generateKeyPair();
      const context = { recoveryPublicKey: recovery.publicKey };
      let db = openDatabase(file, dataKey);
      migrate(db, MIGRATIONS.slice(0, 3), context);
      const at = '2026-01-01T00:00:00.000Z';
      db.prepare("INSERT INTO accounts (id, username, display_name, role, public_key, escrowed_secret_key, created_at, updated_at) VALUES ('w', 'w.cw', 'W', 'caseworker', ?, x'00', ?, ?)").run(
        Buffer.from(worker.publicKey),
        at,
        at,
      );
      db.prepare("INSERT INTO cases (id, code, status, opened_on, version, created_at, created_by, updated_at, updated_by) VALUES ('c1', 'AR-2026-0001', 'open', '2026-01-01', 1, ?, 'w', ?, 'w')").run(at, at);
      db.prepare("INSERT INTO case_assignments (case_id, account_id) VALUES ('c1', 'w')").run();
      db.prepare("INSERT INTO case_identity (case_id, data, version, updated_at, updated_by) VALUES ('c1', ?, 3, ?, 'w')").run(JSON.stringify(identity), at);
      db.close();

      db = openDatabase(file, dataKey);
      migrate(db, MIGRATIONS, context);
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'case_identity_clear'").get()).toBeUndefined();
      const row = db.prepare("SELECT sealed, version FROM case_identity WHERE case_id = 'c1'").get() as { sealed: Buffer; version: number };
      expect(row.version).toBe(3);
      for (const holder of [['w', worker.secretKey], [RECOVERY_HOLDER, recovery.secretKey]] as const) {
        const key = unwrapCaseKey(db, 'c1', holder[0], holder[1])!;
        expect(openIdentity(key, 'c1', row.sealed)).toMatchObject({ givenNames: SECRET.given, documents: [{ number: SECRET.document }] });
      }
      const pages = db.serialize().toString('utf8');
      for (const value of [SECRET.given, SECRET.phone, SECRET.document, SECRET.shelter]) expect(pages, value).not.toContain(value);
      db.close();
      // And the file itself, as a reference SQLite without the key sees it: nothing readable.
      const plain = new Database(file, { readonly: true });
      expect(() => plain.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow();
      plain.close();
    } finally {
      temp.remove();
    }
  });
});
