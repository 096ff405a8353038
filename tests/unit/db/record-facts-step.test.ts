import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src/main/core/db/open';
import { migrate } from '../../../src/main/core/db/migrations';
import { MIGRATIONS } from '../../../src/main/core/db/schema';
import { randomBytes } from '../../../src/main/core/crypto/bytes';
import { MIGRATION_CONTEXT } from '../../support/migration-context';
import { makeTempDir } from '../../support/temp-dir';

const temp = makeTempDir();
afterEach(() => temp.remove());

/**
 * Schema step 14 appends an added record's facts instead of computing the columns again: the
 * same writes on a vault at step 13 (whose triggers compute them again) and on one at step 14
 * leave the same stats_facts, row for row.
 */
it('keeps the same record facts as the triggers it replaces, through adds, changes and deletions', () => {
  const before = MIGRATIONS.findIndex((m) => m.name === 'record-facts-appended');
  expect(before).toBeGreaterThan(0);
  const dbs: Db[] = [];
  try {
    for (const [name, steps] of [
      ['old.db', MIGRATIONS.slice(0, before)],
      ['new.db', MIGRATIONS],
    ] as const) {
      const db = openDatabase(path.join(temp.dir, name), randomBytes(32));
      dbs.push(db);
      migrate(db, steps, MIGRATION_CONTEXT);
    }
    const facts = dbs.map((db) => {
      db.prepare(
        "INSERT INTO accounts (id, username, display_name, role, public_key, escrowed_secret_key, created_at, updated_at) VALUES ('w', 'w', 'w', 'caseworker', zeroblob(32), x'00', 't', 't')",
      ).run();
      const kase = db.prepare("INSERT INTO cases (id, code, status, opened_on, version, created_at, created_by, updated_at, updated_by) VALUES (?, ?, 'open', '2026-01-05', 1, 't', 'w', 't', 'w')");
      const add = db.prepare("INSERT INTO case_records (id, case_id, kind, data, version, created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, 1, 't', 'w', 't', 'w')");
      const change = db.prepare('UPDATE case_records SET data = ? WHERE id = ?');
      const remove = db.prepare('DELETE FROM case_records WHERE id = ?');
      kase.run('c1', 'C-1');
      kase.run('c2', 'C-2');
      add.run('r1', 'c1', 'consent', JSON.stringify({ purpose: 'sharing', givenOn: '2026-01-06', withdrawnOn: null }));
      add.run('r2', 'c1', 'service', JSON.stringify({ status: 'provided', serviceType: 'shelter-emergency' }));
      add.run('r3', 'c1', 'note', JSON.stringify({ body: 'no facts' }));
      add.run('r4', 'c1', 'service', JSON.stringify({ status: 'planned' }));
      add.run('r5', 'c1', 'referral', JSON.stringify({ direction: 'out', status: 'sent', organisationType: 'NGO' }));
      add.run('r6', 'c2', 'service', 'not json');
      add.run('r7', 'c2', 'service', JSON.stringify({ status: 'provided', serviceType: 'legal-aid' }));
      add.run('r8', 'c1', 'consent', JSON.stringify({ purpose: 'referral', givenOn: '2026-02-01', withdrawnOn: '2026-03-01' }));
      change.run(JSON.stringify({ status: 'provided', serviceType: 'medical-primary' }), 'r4');
      remove.run('r2');
      add.run('r9', 'c1', 'service', JSON.stringify({ status: 'referred', serviceType: 'psych-counselling' }));
      remove.run('r6');
      remove.run('r7');
      add.run('r10', 'c2', 'referral', JSON.stringify({ direction: 'in', status: 'accepted' }));
      return db.prepare('SELECT case_id, consents, services, referrals FROM stats_facts ORDER BY case_id').all();
    });
    expect(facts[1]).toEqual(facts[0]);
    expect(facts[1]).toHaveLength(2);
    // Not vacuous: every column has facts, and c2's services are gone with its records.
    expect(facts[1]![0]).toMatchObject({ case_id: 'c1', consents: expect.stringContaining('sharing'), referrals: expect.stringContaining('NGO') });
    expect(facts[1]![1]).toMatchObject({ case_id: 'c2', services: null, referrals: expect.stringContaining('accepted') });
  } finally {
    for (const db of dbs) db.close();
  }
});
