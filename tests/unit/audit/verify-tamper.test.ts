import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unlockWithPassphrase, VaultLocation } from '../../../src/main/core/vault/vault';
import type { Db } from '../../../src/main/core/db/open';
import { makeTempDir } from '../../support/temp-dir';
import { cli } from '../../support/cli';

/**
 * Issue 4 §3: someone opens the database with the key (as a colleague with a valid passphrase
 * could) and deletes or reorders audit entries; the command line's `verify` reports each.
 * (Each kind of tampering is also checked on the chain alone in chain.test.ts; an edited entry
 * through `verify` in tests/integration/cli.test.ts.)
 */
const PASS = 'lantern harbour violet compass';
let temp: ReturnType<typeof makeTempDir>;
let original: string;


/** A copy of the vault, tampered with through the database opened with the key, then verified. */
async function tamperAndVerify(name: string, tamper: (db: Db) => void) {
  const dir = path.join(temp.dir, name);
  fs.cpSync(original, dir, { recursive: true });
  const { vault } = await unlockWithPassphrase(new VaultLocation({ dataDir: dir }), 'ana.admin', PASS, false);
  tamper(vault.db);
  vault.lock();
  return cli(['verify', '--data-dir', dir, '--user', 'ana.admin'], [PASS]);
}

beforeAll(async () => {
  temp = makeTempDir();
  original = path.join(temp.dir, 'original');
  expect((await cli(['init', '--data-dir', original, '--admin', 'ana.admin'], [PASS])).code).toBe(0);
  // One more entry than init's: an account added through the command line.
  const add = await cli(['user', 'add', '--data-dir', original, '--user', 'ana.admin', '--username', 'marco.cw', '--role', 'caseworker'], [PASS, 'river stone window temporary']);
  expect(add.code).toBe(0);
}, 120_000);
afterAll(() => temp.remove());

describe('verify reports tampering with the audit trail', () => {
  it('an untouched copy verifies', async () => {
    const result = await tamperAndVerify('untouched', () => undefined);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/ok {3}audit chain: \d+ entries/);
  });

  it('a deleted entry', async () => {
    const result = await tamperAndVerify('deleted', (db) => db.prepare('DELETE FROM audit_log WHERE seq = 2').run());
    expect(result.code).toBe(1);
    expect(result.out).toContain('FAIL audit chain: entries 2–2 are missing (deleted)');
    expect(result.out).toContain('entry 3 does not follow the entry before it');
  });

  it('the newest entries deleted', async () => {
    const result = await tamperAndVerify('truncated', (db) => db.prepare('DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)').run());
    expect(result.code).toBe(1);
    expect(result.out).toContain('FAIL audit chain: the newest entries were removed');
  });

  it('two entries swapped', async () => {
    const result = await tamperAndVerify('reordered', (db) => {
      const row = (seq: number) => db.prepare('SELECT * FROM audit_log WHERE seq = ?').get(seq) as Record<string, unknown>;
      const a = row(1);
      const b = row(2);
      const put = db.prepare('UPDATE audit_log SET at = ?, actor_id = ?, action = ?, target = ?, detail = ?, prev_hash = ?, hash = ? WHERE seq = ?');
      db.transaction(() => {
        put.run(b.at, b.actor_id, b.action, b.target, b.detail, b.prev_hash, b.hash, 1);
        put.run(a.at, a.actor_id, a.action, a.target, a.detail, a.prev_hash, a.hash, 2);
      })();
    });
    expect(result.code).toBe(1);
    expect(result.out).toContain('FAIL audit chain:');
    expect(result.out).toContain('entry 1 does not follow the entry before it');
    expect(result.out).toContain('entry 2 was edited');
  });

  it('entries renumbered to hide a deletion', async () => {
    const result = await tamperAndVerify('renumbered', (db) => {
      db.transaction(() => {
        db.prepare('DELETE FROM audit_log WHERE seq = 2').run();
        db.prepare('UPDATE audit_log SET seq = seq - 1 WHERE seq > 2').run();
        db.prepare('UPDATE audit_head SET seq = seq - 1').run();
      })();
    });
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/FAIL audit chain:.*entry 2 does not follow/);
  });
});
