import { sha256 } from '@noble/hashes/sha2.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppCore } from '../../src/main/core/app/app-core';
import { createRouter, type Router } from '../../src/main/core/ipc/router';
import { appendAudit, describeChainProblem, type AuditDetail, entryHash, GENESIS_HASH, inspectAuditChain, inspectAuditChainInPages, verifyAuditChain } from '../../src/main/core/audit/chain';
import { canonicalJson } from '../../src/main/core/crypto/canonical-json';
import { toHex, utf8 } from '../../src/main/core/crypto/bytes';
import { createAccount } from '../../src/main/core/users/service';
import { Session } from '../../src/main/core/users/session';
import { unlockWithPassphrase, VaultLocation } from '../../src/main/core/vault/vault';
import type { Db } from '../../src/main/core/db/open';
import { AUDIT_CHAIN_MAX_PROBLEMS, auditChainStatusSchema, type AuditChainProblem, type AuditChainStatus } from '../../src/shared/audit';
import { ADMIN, WORKER } from '../support/core-fixture';
import { ManualClock } from '../support/manual-clock';
import { makeTempDir } from '../support/temp-dir';

/**
 * `audit.verify` through the real router on a real SQLCipher vault: intact, then tampered with
 * (the database opened with the key, as someone with a valid passphrase could): the answer says
 * which entries, by number only, and never carries what an entry holds.
 */
let temp: ReturnType<typeof makeTempDir>;
let clock: ManualClock;
let core: AppCore;
let router: Router;
let internalErrors: unknown[];

/** Text put in an entry's detail, so the answers can be searched for it. */
const MARKER = 'Marker-Quillfeather-7731';

beforeEach(async () => {
  temp = makeTempDir();
  clock = new ManualClock();
  internalErrors = [];
  core = new AppCore({ dataDir: temp.dir, clock });
  router = createRouter(core, { onInternalError: (e) => internalErrors.push(e) });
  await core.createVault(ADMIN);
  await createAccount(core.session!, WORKER);
}, 60_000);
afterEach(() => {
  core.close();
  temp.remove();
});

async function verify(session: Session | null = core.session): Promise<AuditChainStatus> {
  const envelope = await router.handle(session, 'audit.verify', {});
  if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code });
  return auditChainStatusSchema.parse(envelope.value);
}

const db = (): Db => core.session!.vault.db;
const count = () => (db().prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;

/** Entries written as the core writes them, one with the marker in its detail. */
function addEntries(n: number): void {
  const s = core.session!;
  db().transaction(() => {
    for (let i = 0; i < n; i++) {
      appendAudit(db(), { at: new Date(clock.now()).toISOString(), actorId: s.accountId, action: 'settings.changed', detail: i === 0 ? { note: MARKER } : { idleMinutes: i } });
    }
  })();
}

/** Every field a problem may carry: a kind and entry numbers, nothing else. */
function expectNoContent(status: AuditChainStatus): void {
  const text = JSON.stringify(status);
  expect(text).not.toContain(MARKER);
  expect(text).not.toContain('settings.changed');
  expect(text).not.toContain(core.session!.accountId);
  expect(text).not.toMatch(/[0-9a-f]{64}/);
  for (const problem of status.problems) {
    expect(Object.keys(problem).every((key) => ['kind', 'seq', 'from', 'to', 'after'].includes(key))).toBe(true);
    for (const [key, value] of Object.entries(problem)) if (key !== 'kind') expect(typeof value).toBe('number');
  }
}

describe('audit.verify', () => {
  it('says an untouched trail is intact, with every entry counted and the time of the check', async () => {
    addEntries(3);
    clock.advance(90_000);
    const status = await verify();
    expect(status).toEqual({ entries: count(), intact: true, problems: [], problemCount: 0, checkedAt: new Date(clock.now()).toISOString() });
    expect(status.entries).toBeGreaterThanOrEqual(5);
    expectNoContent(status);
    expect(internalErrors).toEqual([]);
  });

  it('names an entry edited in the database file, found after signing in again', async () => {
    addEntries(3);
    const entries = count();
    // Through a second opening of the file with the passphrase, the app locked: the change is on disk.
    core.lockNow('logout');
    const { vault } = await unlockWithPassphrase(new VaultLocation({ dataDir: temp.dir }), ADMIN.username, ADMIN.passphrase, false);
    vault.db.prepare('UPDATE audit_log SET detail = ? WHERE seq = 3').run(JSON.stringify({ note: `${MARKER}-edited` }));
    vault.lock();
    await core.login(ADMIN.username, ADMIN.passphrase);

    const status = await verify();
    expect(status.intact).toBe(false);
    // The sign-in just made is one more entry, properly linked after the edited one.
    expect(status.entries).toBe(entries + 2);
    expect(status.problems).toEqual([{ kind: 'edited', seq: 3 }]);
    expect(status.problemCount).toBe(1);
    expectNoContent(status);
  }, 60_000);

  it('names a deleted entry and the one that no longer follows it', async () => {
    addEntries(3);
    const entries = count();
    db().prepare('DELETE FROM audit_log WHERE seq = 4').run();
    const status = await verify();
    expect(status).toMatchObject({ entries: entries - 1, intact: false, problemCount: 2 });
    expect(status.problems).toEqual([
      { kind: 'missing', from: 4, to: 4 },
      { kind: 'unlinked', seq: 5 },
    ]);
    expectNoContent(status);
  });

  it('says when the newest entries were removed, or entries added past the recorded head', async () => {
    addEntries(3);
    const last = count();
    const newest = db().prepare('SELECT * FROM audit_log WHERE seq = ?').get(last) as Record<string, unknown>;
    db().prepare('DELETE FROM audit_log WHERE seq = ?').run(last);
    expect((await verify()).problems).toEqual([{ kind: 'truncated' }]);

    // Put back, and one more copied past the head (its hash then links to nothing written by Amparo).
    const insert = db().prepare('INSERT INTO audit_log (seq, at, actor_id, action, target, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    insert.run(last, newest.at, newest.actor_id, newest.action, newest.target, newest.detail, newest.prev_hash, newest.hash);
    expect((await verify()).intact).toBe(true);
    insert.run(last + 1, newest.at, newest.actor_id, newest.action, newest.target, newest.detail, newest.hash, newest.hash);
    const status = await verify();
    expect(status.problems).toEqual([
      { kind: 'edited', seq: last + 1 },
      { kind: 'appended', after: last },
    ]);
    expectNoContent(status);
  });

  it('keeps the answer small when every entry was edited, and counts them all', async () => {
    addEntries(40);
    const entries = count();
    db().prepare("UPDATE audit_log SET at = '2000-01-01T00:00:00.000Z'").run();
    const status = await verify();
    expect(status.intact).toBe(false);
    expect(status.entries).toBe(entries);
    expect(status.problems).toHaveLength(AUDIT_CHAIN_MAX_PROBLEMS);
    expect(status.problems[0]).toEqual({ kind: 'edited', seq: 1 });
    expect(status.problemCount).toBe(entries);
    expectNoContent(status);
  });

  it('is refused to a caseworker and to nobody, as audit.query is, and takes no input', async () => {
    const admin = core.session!;
    const caseworker = new Session({ ...admin.info, role: 'caseworker' }, admin.vault, new Uint8Array(32));
    const coordinator = new Session({ ...admin.info, role: 'coordinator' }, admin.vault, new Uint8Array(32));
    const supervisor = new Session({ ...admin.info, role: 'supervisor' }, admin.vault, new Uint8Array(32));
    for (const channel of ['audit.verify', 'audit.query']) {
      for (const [session, code] of [
        [caseworker, 'FORBIDDEN'],
        [coordinator, 'FORBIDDEN'],
        [null, 'NOT_SIGNED_IN'],
      ] as const) {
        const envelope = await router.handle(session, channel, {});
        expect(envelope, `${channel} as ${session?.role ?? 'nobody'}`).toMatchObject({ ok: false, error: { code } });
      }
    }
    expect((await verify(supervisor)).intact).toBe(true);
    expect(await router.handle(admin, 'audit.verify', { limit: 5 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});

describe('the walk in pages (the main process answers other calls meanwhile)', () => {
  const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

  it('finds what the walk at once finds, whatever the page size', async () => {
    addEntries(12);
    for (const tamper of [
      () => undefined,
      () => db().prepare('UPDATE audit_log SET at = ? WHERE seq = 5').run('2000-01-01T00:00:00.000Z'),
      () => db().prepare('DELETE FROM audit_log WHERE seq IN (8, 9)').run(),
      () => db().prepare('DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)').run(),
    ]) {
      tamper();
      const once = inspectAuditChain(db());
      for (const size of [1, 2, 3, 7, 5000]) expect(await inspectAuditChainInPages(db(), Infinity, size), `page of ${size}`).toEqual(once);
    }
  });

  it('takes in entries written between its pages, and the trail stays intact', async () => {
    addEntries(10);
    const walk = inspectAuditChainInPages(db(), Infinity, 2);
    for (let i = 0; i < 6; i++) {
      await turn();
      addEntries(1);
    }
    const result = await walk;
    expect(result).toMatchObject({ problems: [], problemCount: 0 });
    expect(result.entries).toBe(count());
  });

  it('stops with NOT_SIGNED_IN when the vault is locked between two pages', async () => {
    addEntries(10);
    const vaultDb = db();
    const walk = inspectAuditChainInPages(vaultDb, Infinity, 2);
    core.lockNow('logout');
    await expect(walk).rejects.toMatchObject({ code: 'NOT_SIGNED_IN' });
    expect(vaultDb.open).toBe(false);
  });
});

describe('the command line keeps its words', () => {
  it('describes each kind of problem as verify has always printed it', () => {
    const cases: [AuditChainProblem, string][] = [
      [{ kind: 'missing', from: 2, to: 4 }, 'entries 2–4 are missing (deleted)'],
      [{ kind: 'unlinked', seq: 3 }, 'entry 3 does not follow the entry before it (deleted, inserted or reordered)'],
      [{ kind: 'unreadable', seq: 3 }, 'entry 3 has an unreadable detail'],
      [{ kind: 'edited', seq: 3 }, 'entry 3 was edited (its hash does not match its content)'],
      [{ kind: 'appended', after: 9 }, 'entries after 9 were added outside Amparo (the chain goes past its recorded head)'],
      [{ kind: 'truncated' }, 'the newest entries were removed (the chain ends before its recorded head)'],
      [{ kind: 'head-missing' }, 'the record of the chain head is missing'],
    ];
    for (const [problem, words] of cases) expect(describeChainProblem(problem)).toBe(words);
  });

  it('verifyAuditChain is the inspection in those words', async () => {
    db().prepare("UPDATE audit_log SET detail = 'not json' WHERE seq = 2").run();
    db().prepare('DELETE FROM audit_head').run();
    const inspection = inspectAuditChain(db());
    expect(inspection.problems.map((p) => p.kind)).toEqual(['unreadable', 'edited', 'head-missing']);
    expect(verifyAuditChain(db())).toEqual({ entries: inspection.entries, problems: inspection.problems.map(describeChainProblem) });
    expect((await verify()).problems).toEqual(inspection.problems);
  });
});

describe('the entry hash', () => {
  it('is the SHA-256 the trail was always written with (vaults made before still verify)', () => {
    // Accents, an emoji and a lone surrogate: the UTF-8 of each must match the earlier pure-JS hash.
    for (const detail of [{}, { reason: 'manual' }, { name: 'Núñez 😀' }, { odd: 'a\ud800b' }] as AuditDetail[]) {
      const e = { seq: 7, at: '2026-11-27T09:30:00.000Z', actorId: 'x', action: 'settings.changed', target: null, detail };
      const before = toHex(sha256(utf8(`${GENESIS_HASH}\n${canonicalJson({ seq: e.seq, at: e.at, actorId: e.actorId, action: e.action, target: e.target, detail: e.detail })}`)));
      expect(entryHash(GENESIS_HASH, e)).toBe(before);
    }
  });
});
