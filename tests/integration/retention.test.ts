import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyAuditChain } from '../../src/main/core/audit/chain';
import { addAttachment } from '../../src/main/core/cases/attachments';
import { searchCases } from '../../src/main/core/cases/queries';
import { addRecord } from '../../src/main/core/cases/records';
import { createCase, getCaseFile, saveSection, updateHeader } from '../../src/main/core/cases/service';
import { createRouter } from '../../src/main/core/ipc/router';
import { REWRITE_PENDING_FLAG, closedBefore, deletePastRetention, listPastRetention, yearsSince } from '../../src/main/core/retention/retention';
import { createAccount } from '../../src/main/core/users/service';
import { verifyVault } from '../../src/main/core/vault/verify';
import { VOCABULARIES } from '../../src/shared/vocabularies';
import { makeCaseVault } from '../support/case-fixture';
import { sessionAs } from '../support/sessions';

/**
 * Retention (issue 6 §4, §5): a case closed longer ago than the retention period is listed for
 * its supervisor and deleted with every trace — afterwards no file of the data folder holds any
 * value of it, whether read as it is on disk or decrypted page by page with the vault's key —
 * while another case's values still are (so the scan would see them).
 */
let f: Awaited<ReturnType<typeof makeCaseVault>>;
beforeAll(async () => {
  f = await makeCaseVault();
});
afterAll(() => {
  vi.restoreAllMocks();
  f.cleanup();
});

const stamp = crypto.randomBytes(6).toString('hex');
/** Words of the case to delete (lower case, as the full-text index keeps its terms). */
const GONE = {
  given: `Xiomara${stamp}`,
  family: `Condori${stamp}`,
  shelter: `Casa Refugio ${stamp}`,
  noteWord: `zanjatorio${stamp}qx`,
  serviceWord: `ortoclinica${stamp}qv`,
  legalWord: `audienciaproceso${stamp}qw`,
  recruitment: `mercadillo${stamp}qz`,
};
const KEPT = { given: `Yolanda${stamp}`, noteWord: `quebradilla${stamp}qk` };

const service = (track: string) => VOCABULARIES.serviceType.items.find((i) => i.group === track)!.code as never;
const day = (iso: string) => Date.parse(`${iso}T09:00:00.000Z`);

/** Runs `fn` as if today were `iso` (the vault's clock; the lock timers are not moved). */
function on<T>(iso: string, fn: () => T): T {
  const spy = vi.spyOn(f.clock, 'now').mockReturnValue(day(iso));
  try {
    return fn();
  } finally {
    spy.mockRestore();
  }
}
async function onAsync<T>(iso: string, fn: () => Promise<T>): Promise<T> {
  const spy = vi.spyOn(f.clock, 'now').mockReturnValue(day(iso));
  try {
    return await fn();
  } finally {
    spy.mockRestore();
  }
}

/** A case with identity, profile, sections, notes, a service, a referral, an attachment and history, closed today. */
function recordCase(words: { given: string; noteWord: string; family?: string; shelter?: string; serviceWord?: string; legalWord?: string; recruitment?: string }, attachment: Buffer) {
  const w = f.worker;
  const header = createCase(w, {
    office: 'Lima',
    identity: { givenNames: words.given, familyNames: words.family ?? 'Ramos', shelter: words.shelter ?? '', contacts: [{ kind: 'phone', value: `+51 9${stamp.slice(0, 8)}` }] },
    profile: { gender: 'Feminine', citizenship: ['PE'], ageAtIdentification: 19 },
    consents: [{ purpose: 'assistance', givenBy: 'the person', givenOn: '2026-11-20', method: 'written' }],
    risk: { assessedOn: '2026-11-20', level: 'medium', urgentProtection: false, safetyPlan: `plan ${words.noteWord}` },
  });
  const id = header.id;
  addRecord(w, id, 'note', { writtenOn: '2026-11-21', body: `Relato: ${words.noteWord} en el puerto` });
  addRecord(w, id, 'service', { track: 'medical', serviceType: service('medical'), status: 'delivered', providerName: `Clinica ${words.serviceWord ?? words.noteWord}` });
  saveSection(w, id, 'experience', 0, { recruitmentPlace: words.recruitment ?? 'Juliaca' });
  saveSection(w, id, 'legal', 0, { notes: `Expediente ${words.legalWord ?? words.noteWord}` });
  saveSection(w, id, 'legal', 1, { notes: `Expediente ${words.legalWord ?? words.noteWord} actualizado` });
  addAttachment(w, id, { name: `informe-${words.noteWord}.pdf`, bytes: attachment });
  saveSection(w, id, 'closure', 0, { reason: 'goals-achieved', closedOn: '2026-11-27', notes: `Cierre ${words.noteWord}` });
  getCaseFile(f.supervisor, id); // an audit entry about the case by someone else
  const version = w.vault.db.prepare('SELECT version FROM cases WHERE id = ?').pluck().get(id) as number;
  const closed = updateHeader(w, id, version, { status: 'closed' });
  return { id, code: header.code, closedOn: closed.closedOn };
}

/** Every text and blob value stored in the rows of the case (all tables), longer than trivial. */
function valuesOfCase(db: Database.Database, caseId: string): Buffer[] {
  const out: Buffer[] = [];
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  for (const table of tables) {
    const cols = (db.pragma(`table_info("${table}")`) as { name: string }[]).map((c) => c.name);
    const key = table === 'cases' ? 'id' : cols.includes('case_id') ? 'case_id' : null;
    if (!key) continue;
    for (const row of db.prepare(`SELECT * FROM "${table}" WHERE "${key}" = ?`).all(caseId) as Record<string, unknown>[]) {
      for (const value of Object.values(row)) {
        if (typeof value === 'string' && value.length >= 16) out.push(Buffer.from(value, 'utf8'));
        if (Buffer.isBuffer(value) && value.length >= 16) out.push(value);
      }
    }
  }
  return out;
}

/** Every value the database holds outside the case (to leave out needles that are shared, e.g. a timestamp). */
function valuesOutside(db: Database.Database, caseId: string): Buffer {
  const parts: Buffer[] = [];
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  for (const table of tables) {
    const cols = (db.pragma(`table_info("${table}")`) as { name: string }[]).map((c) => c.name);
    const key = table === 'cases' ? 'id' : cols.includes('case_id') ? 'case_id' : null;
    const rows = (key ? db.prepare(`SELECT * FROM "${table}" WHERE "${key}" <> ?`).all(caseId) : db.prepare(`SELECT * FROM "${table}"`).all()) as Record<string, unknown>[];
    for (const row of rows) for (const value of Object.values(row)) if (typeof value === 'string' || Buffer.isBuffer(value)) parts.push(Buffer.from(value as string), Buffer.from('\u0000'));
  }
  return Buffer.concat(parts);
}

/** Pieces of the attachment's bytes (an attachment spans pages, so the whole never appears in one). */
const slices = (bytes: Buffer) => Array.from({ length: Math.floor(bytes.length / 400) }, (_, i) => bytes.subarray(i * 400, i * 400 + 40));

/**
 * SQLCipher 4 pages decrypted with the data key (AES-256-CBC; the IV in the page's reserved
 * tail; page 1 starts after its 16-byte salt): the database file, and the log's frames.
 */
function decryptPages(bytes: Buffer, key: Uint8Array, frameHeader: number): Buffer {
  const pageSize = 4096;
  const reserve = 80;
  const stride = pageSize + frameHeader;
  const out: Buffer[] = [];
  for (let off = 0; off + stride <= bytes.length; off += stride) {
    const page = bytes.subarray(off + frameHeader, off + stride);
    const first = frameHeader === 0 && off === 0;
    const iv = page.subarray(pageSize - reserve, pageSize - reserve + 16);
    const decipher = crypto.createDecipheriv('aes-256-cbc', key, iv);
    decipher.setAutoPadding(false);
    out.push(decipher.update(page.subarray(first ? 16 : 0, pageSize - reserve)), decipher.final());
  }
  return Buffer.concat(out);
}

/** What every file of the data folder holds: as on disk, and (for the database and its log) decrypted. */
function dataFolderBytes(): { file: string; bytes: Buffer }[] {
  const key = f.admin.vault.copyDataKey();
  try {
    return fs.readdirSync(f.dir).flatMap((name) => {
      const full = path.join(f.dir, name);
      if (!fs.statSync(full).isFile()) return [];
      const raw = fs.readFileSync(full);
      const out: { file: string; bytes: Buffer }[] = [{ file: name, bytes: raw }];
      if (name === 'amparo.db') out.push({ file: `${name} (decrypted)`, bytes: decryptPages(raw, key, 0) });
      if (name === 'amparo.db-wal' && raw.length > 32) out.push({ file: `${name} (decrypted)`, bytes: decryptPages(raw.subarray(32), key, 24) });
      return out;
    });
  } finally {
    key.fill(0);
  }
}

const where = (needle: Buffer, sources: { file: string; bytes: Buffer }[]) => sources.filter((s) => s.bytes.includes(needle)).map((s) => s.file);

describe('retention', () => {
  let gone: { id: string; code: string };
  let kept: { id: string; code: string };
  let recent: { id: string };
  let open: { id: string };
  const goneBytes = crypto.randomBytes(6000);
  const keptBytes = crypto.randomBytes(6000);

  beforeAll(() => {
    gone = recordCase(GONE, goneBytes);
    kept = recordCase(KEPT, keptBytes);
    open = createCase(f.worker, { office: 'Puno', identity: { givenNames: 'Abierto' } });
    // Closed five years later: not past retention then.
    recent = on('2031-12-01', () => recordCase({ given: `Reciente${stamp}`, noteWord: `reciente${stamp}` }, crypto.randomBytes(100)));
  });

  it('computes the period by calendar days', () => {
    expect(closedBefore('2032-01-10', 5)).toBe('2027-01-10');
    expect(closedBefore('2028-02-29', 1)).toBe('2027-03-01');
    expect(yearsSince('2026-11-27', '2032-01-10')).toBe(5);
    expect(yearsSince('2026-11-27', '2031-11-26')).toBe(4);
  });

  it('lists the supervisor’s cases closed longer ago than the period: codes, dates and reasons only', () => {
    // On the day of closure nothing is past retention.
    expect(listPastRetention(f.supervisor).cases).toEqual([]);
    const list = on('2032-01-10', () => listPastRetention(f.supervisor));
    expect(list).toMatchObject({ retentionYears: 5, closedBefore: '2027-01-10', total: 2, cleanupPending: false });
    expect(list.cases).toEqual([
      { caseId: gone.id, code: gone.code, status: 'closed', closedOn: '2026-11-27', closureReason: 'goals-achieved' },
      { caseId: kept.id, code: kept.code, status: 'closed', closedOn: '2026-11-27', closureReason: 'goals-achieved' },
    ]);
    expect(JSON.stringify(list)).not.toContain(stamp);
    // The administrator's setting moves the line.
    f.core.updateSettings(f.admin, { retentionYears: 10 });
    expect(on('2032-01-10', () => listPastRetention(f.supervisor)).cases).toEqual([]);
    f.core.updateSettings(f.admin, { retentionYears: 5 });
  });

  it('is for supervisors only, within their need-to-know', async () => {
    const router = createRouter(f.core);
    for (const session of [f.worker, f.admin]) {
      expect(await router.handle(session, 'retention.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await router.handle(session, 'retention.delete', { caseId: gone.id, reason: 'retention period over' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await router.handle(f.supervisor, 'settings.update', { retentionYears: 1 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await router.handle(f.supervisor, 'retention.delete', { caseId: gone.id, reason: '   ' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    // A supervisor of no team sees none of these cases, and cannot delete one.
    await createAccount(f.admin, { username: 'otro.sup', displayName: 'Otro Supervisor', role: 'supervisor', initialPassphrase: 'supervisor lantern harbour otro' });
    const stranger = await sessionAs(f.admin.vault, 'otro.sup', 'supervisor lantern harbour otro');
    expect(on('2032-01-10', () => listPastRetention(stranger)).cases).toEqual([]);
    await expect(onAsync('2032-01-10', () => deletePastRetention(stranger, { caseId: gone.id, reason: 'x' }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(f.admin.vault.db.prepare('SELECT count(*) FROM cases WHERE id = ?').pluck().get(gone.id)).toBe(1);
  });

  it('refuses a case that is not past retention, with no exception', async () => {
    for (const id of [recent.id, open.id]) {
      await expect(onAsync('2032-01-10', () => deletePastRetention(f.supervisor, { caseId: id, reason: 'no longer needed' }))).rejects.toMatchObject({ code: 'NOT_PAST_RETENTION' });
    }
    // Nor the old case, before its time.
    await expect(onAsync('2031-11-26', () => deletePastRetention(f.supervisor, { caseId: gone.id, reason: 'early' }))).rejects.toMatchObject({ code: 'NOT_PAST_RETENTION' });
    expect(f.admin.vault.db.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(4);
  });

  it('deletes every trace of the case, and no file of the data folder keeps any value of it', async () => {
    const db = f.admin.vault.db;
    const counterBefore = db.prepare('SELECT last FROM case_counters').all();
    const auditAboutBefore = db.prepare('SELECT count(*) FROM audit_log WHERE target = ?').pluck().get(gone.id) as number;

    // The needles: every stored value of the case (sealed identity, key wraps, sections, records,
    // history, attachment, search documents), its words as the index keeps them, its code.
    const outside = valuesOutside(db, gone.id);
    const ownValues = valuesOfCase(db, gone.id).filter((v) => !outside.includes(v) && !v.equals(Buffer.from(gone.id)));
    // Words as typed (sealed identity: never in clear, checked all the same) and as indexed.
    const typed = [GONE.given, GONE.family, GONE.shelter].map((w) => Buffer.from(w));
    const indexed = [GONE.noteWord, GONE.serviceWord, GONE.legalWord, GONE.recruitment].map((w) => Buffer.from(w.toLowerCase()));
    const needles = [...ownValues, ...typed, ...indexed, ...slices(goneBytes), Buffer.from(gone.code)];
    expect(ownValues.length).toBeGreaterThan(20);
    // The scan sees them before the deletion (in the decrypted pages): values that fit in a page, the words, the code.
    const before = [{ file: 'serialize()', bytes: db.serialize() }];
    for (const needle of [...indexed, Buffer.from(gone.code)]) expect(where(needle, before)).toEqual(['serialize()']);
    expect(ownValues.filter((n) => where(n, before).length === 0).length).toBeLessThan(ownValues.length / 10);
    expect(slices(goneBytes).filter((n) => where(n, before).length > 0).length).toBeGreaterThan(slices(goneBytes).length / 2);
    expect(searchCases(f.supervisor, GONE.noteWord, 10).hits.map((r) => r.caseId)).toEqual([gone.id]);

    await expect(onAsync('2032-01-10', () => deletePastRetention(f.supervisor, { caseId: gone.id, reason: `Plazo vencido ${stamp}` }))).resolves.toEqual({ deleted: true });

    // No row anywhere.
    for (const table of db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'").pluck().all() as string[]) {
      const cols = (db.pragma(`table_info("${table}")`) as { name: string }[]).map((c) => c.name);
      if (cols.includes('case_id')) expect(db.prepare(`SELECT count(*) FROM "${table}" WHERE case_id = ?`).pluck().get(gone.id), table).toBe(0);
    }
    expect(db.prepare('SELECT count(*) FROM cases WHERE id = ?').pluck().get(gone.id)).toBe(0);
    expect(db.prepare("SELECT count(*) FROM case_search WHERE case_search MATCH ?").pluck().get(`"${GONE.noteWord}"`)).toBe(0);
    expect(searchCases(f.supervisor, GONE.noteWord, 10).hits).toEqual([]);
    expect(searchCases(f.supervisor, KEPT.noteWord, 10).hits.map((r) => r.caseId)).toEqual([kept.id]);
    expect(db.prepare('SELECT value FROM settings WHERE key = ?').get(REWRITE_PENDING_FLAG)).toBeUndefined();

    // Nothing in the pages SQLite reads, nor in any file on disk (as is and decrypted).
    const files = dataFolderBytes();
    expect(files.map((x) => x.file)).toContain('amparo.db (decrypted)');
    expect(fs.statSync(path.join(f.dir, 'amparo.db-wal')).size).toBe(0);
    const after = [{ file: 'serialize()', bytes: db.serialize() }, ...files];
    const leaks = needles.map((n, i) => ({ i, at: where(n, after) })).filter((x) => x.at.length > 0);
    expect(leaks).toEqual([]);
    expect(where(Buffer.from(`Plazo vencido ${stamp}`), after)).toEqual([]);
    // …while the other case's values are still found in both (so the scan is meaningful).
    const both = ['serialize()', 'amparo.db (decrypted)'];
    expect(where(Buffer.from(KEPT.noteWord.toLowerCase()), after)).toEqual(expect.arrayContaining(both));
    expect(where(Buffer.from(kept.code), after)).toEqual(expect.arrayContaining(both));
    expect(slices(keptBytes).filter((n) => both.every((b) => where(n, after).includes(b))).length).toBeGreaterThan(slices(keptBytes).length / 2);

    // The audit trail: one entry without content; the earlier entries keep their target id.
    const deleted = db.prepare("SELECT actor_id, target, detail FROM audit_log WHERE action = 'case.deleted'").all();
    expect(deleted).toEqual([{ actor_id: f.supervisor.accountId, target: gone.id, detail: '{"retentionYears":5,"yearsSinceClosure":5}' }]);
    expect(db.prepare('SELECT count(*) FROM audit_log WHERE target = ?').pluck().get(gone.id)).toBe(auditAboutBefore + 1);
    expect(verifyAuditChain(db).problems).toEqual([]);
    expect(verifyVault(f.admin.vault).filter((c) => !c.ok)).toEqual([]);
    // The code is never given again.
    expect(db.prepare('SELECT last FROM case_counters').all()).toEqual(counterBefore);
    expect(createCase(f.worker, { office: 'Lima', identity: { givenNames: 'Nuevo' } }).code).not.toBe(gone.code);
    // The list no longer has it; the other case is still there.
    expect(on('2032-01-10', () => listPastRetention(f.supervisor)).cases.map((c) => c.caseId)).toEqual([kept.id]);
  });

  it('a deletion whose rewrite did not finish is cleaned up on the next visit to the list', async () => {
    const db = f.admin.vault.db;
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(REWRITE_PENDING_FLAG, 'x');
    expect(listPastRetention(f.supervisor).cleanupPending).toBe(true);
    const router = createRouter(f.core);
    const answer = await onAsync('2032-01-10', () => router.handle(f.supervisor, 'retention.list', {}));
    expect(answer).toMatchObject({ ok: true, value: { cleanupPending: false, total: 1 } });
  });
});

describe('why the full-text index is merged', () => {
  it('FTS5 keeps a deleted document’s terms in its segments until they are merged (optimize)', () => {
    const db = new Database(':memory:');
    db.pragma('secure_delete = ON');
    db.exec("CREATE VIRTUAL TABLE t USING fts5 (body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')");
    const word = `palabraunica${stamp}`;
    db.prepare('INSERT INTO t (rowid, body) VALUES (1, ?)').run(`texto ${word}`);
    db.prepare('INSERT INTO t (rowid, body) VALUES (2, ?)').run('otro documento');
    db.prepare('DELETE FROM t WHERE rowid = 1').run();
    expect(db.serialize().includes(Buffer.from(word))).toBe(true);
    db.prepare("INSERT INTO t (t) VALUES ('optimize')").run();
    db.exec('VACUUM');
    expect(db.serialize().includes(Buffer.from(word))).toBe(false);
    db.close();
  });
});
