import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, entryHash, verifyAuditChain } from '../../../src/main/core/audit/chain';
import { openDatabase, type Db } from '../../../src/main/core/db/open';
import { migrate } from '../../../src/main/core/db/migrations';
import { MIGRATION_CONTEXT } from '../../support/migration-context';
import { MIGRATIONS } from '../../../src/main/core/db/schema';
import { randomBytes } from '../../../src/main/core/crypto/bytes';
import { makeTempDir } from '../../support/temp-dir';

let temp: ReturnType<typeof makeTempDir>;
let db: Db;

beforeEach(() => {
  temp = makeTempDir();
  db = openDatabase(path.join(temp.dir, 'audit.db'), randomBytes(32));
  migrate(db, MIGRATIONS, MIGRATION_CONTEXT);
  for (let i = 0; i < 6; i++) {
    appendAudit(db, { at: `2026-11-27T10:0${i}:00.000Z`, actorId: 'a', action: i % 2 ? 'session.login' : 'session.lock', target: 'a', detail: { n: i } });
  }
});
afterEach(() => {
  db.close();
  temp.remove();
});

describe('audit chain', () => {
  it('verifies when untouched', () => {
    expect(verifyAuditChain(db)).toEqual({ entries: 6, problems: [] });
  });

  it('detects an edited entry', () => {
    db.prepare("UPDATE audit_log SET actor_id = 'mallory' WHERE seq = 3").run();
    expect(verifyAuditChain(db).problems).toEqual(['entry 3 was edited (its hash does not match its content)']);
  });

  it('detects an edited entry whose hash was recomputed, by the next link', () => {
    const row = db.prepare('SELECT * FROM audit_log WHERE seq = 3').get() as { prev_hash: string; at: string; detail: string };
    const forged = entryHash(row.prev_hash, { seq: 3, at: row.at, actorId: 'mallory', action: 'session.lock', target: 'a', detail: JSON.parse(row.detail) });
    db.prepare("UPDATE audit_log SET actor_id = 'mallory', hash = ? WHERE seq = 3").run(forged);
    expect(verifyAuditChain(db).problems).toContainEqual(expect.stringContaining('entry 4 does not follow'));
  });

  it('detects a deleted entry', () => {
    db.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    const { problems } = verifyAuditChain(db);
    expect(problems).toContainEqual(expect.stringContaining('missing'));
    expect(problems).toContainEqual(expect.stringContaining('entry 3 does not follow'));
  });

  it('detects the newest entries removed', () => {
    db.prepare('DELETE FROM audit_log WHERE seq >= 5').run();
    expect(verifyAuditChain(db).problems).toEqual(['the newest entries were removed (the chain ends before its recorded head)']);
  });

  it('detects reordered entries', () => {
    const a = db.prepare('SELECT * FROM audit_log WHERE seq = 2').get() as Record<string, unknown>;
    const b = db.prepare('SELECT * FROM audit_log WHERE seq = 4').get() as Record<string, unknown>;
    const swap = db.prepare('UPDATE audit_log SET at = ?, actor_id = ?, action = ?, target = ?, detail = ?, prev_hash = ?, hash = ? WHERE seq = ?');
    db.transaction(() => {
      swap.run(b.at, b.actor_id, b.action, b.target, b.detail, b.prev_hash, b.hash, 2);
      swap.run(a.at, a.actor_id, a.action, a.target, a.detail, a.prev_hash, a.hash, 4);
    })();
    expect(verifyAuditChain(db).problems.length).toBeGreaterThanOrEqual(2);
  });
});
