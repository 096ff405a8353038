import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/core/db/open';
import { migrate } from '../../../src/main/core/db/migrations';
import { MIGRATIONS } from '../../../src/main/core/db/schema';
import { randomBytes } from '../../../src/main/core/crypto/bytes';
import { MIGRATION_CONTEXT } from '../../support/migration-context';
import { makeTempDir } from '../../support/temp-dir';

const temp = makeTempDir();
afterEach(() => temp.remove());

/** Schema step 12 on a vault that already has accounts, cases and assignments. */
it('numbers existing accounts in the order they were made and fills every case’s assignees', () => {
  const db = openDatabase(path.join(temp.dir, 'v.db'), randomBytes(32));
  try {
    const step = MIGRATIONS.findIndex((m) => m.name === 'assignees-in-list-indexes');
    migrate(db, MIGRATIONS.slice(0, step), MIGRATION_CONTEXT);
    const account = db.prepare(
      "INSERT INTO accounts (id, username, display_name, role, public_key, escrowed_secret_key, created_at, updated_at) VALUES (?, ?, 'x', 'caseworker', zeroblob(32), x'00', ?, ?)",
    );
    // Made out of id order: the numbers follow the time they were made.
    account.run('b-second', 'second', '2026-01-02T00:00:00.000Z', '2026-01-02T00:00:00.000Z');
    account.run('a-third', 'third', '2026-01-03T00:00:00.000Z', '2026-01-03T00:00:00.000Z');
    account.run('c-first', 'first', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
    const kase = db.prepare("INSERT INTO cases (id, code, status, opened_on, version, created_at, created_by, updated_at, updated_by) VALUES (?, ?, 'open', '2026-01-05', 1, 't', 'c-first', 't', 'c-first')");
    const assign = db.prepare('INSERT INTO case_assignments (case_id, account_id) VALUES (?, ?)');
    kase.run('case-1', 'C-1');
    assign.run('case-1', 'a-third');
    assign.run('case-1', 'c-first');
    kase.run('case-2', 'C-2');
    assign.run('case-2', 'b-second');
    kase.run('case-3', 'C-3');

    migrate(db, MIGRATIONS, MIGRATION_CONTEXT);
    expect(db.prepare('SELECT username, number FROM accounts ORDER BY number').all()).toEqual([
      { username: 'first', number: 1 },
      { username: 'second', number: 2 },
      { username: 'third', number: 3 },
    ]);
    expect(db.prepare('SELECT id, assignees FROM cases ORDER BY id').all()).toEqual([
      { id: 'case-1', assignees: ',1,3,' },
      { id: 'case-2', assignees: ',2,' },
      { id: 'case-3', assignees: null },
    ]);
    // A new account takes the next number; the triggers keep the column from then on.
    account.run('d-fourth', 'fourth', '2026-01-04T00:00:00.000Z', '2026-01-04T00:00:00.000Z');
    expect(db.prepare("SELECT number FROM accounts WHERE id = 'd-fourth'").pluck().get()).toBe(4);
    assign.run('case-3', 'd-fourth');
    db.prepare("DELETE FROM case_assignments WHERE case_id = 'case-1' AND account_id = 'c-first'").run();
    expect(db.prepare('SELECT id, assignees FROM cases ORDER BY id').all()).toEqual([
      { id: 'case-1', assignees: ',3,' },
      { id: 'case-2', assignees: ',2,' },
      { id: 'case-3', assignees: ',4,' },
    ]);
  } finally {
    db.close();
  }
});
