import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/core/db/open';
import { checkMigrations, currentVersion, migrate, type Migration } from '../../../src/main/core/db/migrations';
import { MIGRATION_CONTEXT } from '../../support/migration-context';
import { MIGRATIONS } from '../../../src/main/core/db/schema';
import { randomBytes } from '../../../src/main/core/crypto/bytes';
import { makeTempDir } from '../../support/temp-dir';

let temp: ReturnType<typeof makeTempDir>;
afterEach(() => temp?.remove());

const open = () => {
  temp = makeTempDir();
  return openDatabase(path.join(temp.dir, 'm.db'), randomBytes(32));
};

describe('migrations', () => {
  it('bring a new database to the latest version, record each, and run once', () => {
    const db = open();
    expect(migrate(db, MIGRATIONS, MIGRATION_CONTEXT)).toEqual({ from: 0, to: MIGRATIONS.length });
    expect(migrate(db, MIGRATIONS, MIGRATION_CONTEXT)).toEqual({ from: MIGRATIONS.length, to: MIGRATIONS.length });
    expect(currentVersion(db)).toBe(MIGRATIONS.length);
    expect(checkMigrations(db, MIGRATIONS)).toEqual([]);
    db.close();
  });

  it('are transactional: a failing step leaves the schema at the previous version', () => {
    const db = open();
    const steps: Migration[] = [
      { version: 1, name: 'one', up: (d) => d.exec('CREATE TABLE a (x)') },
      {
        version: 2,
        name: 'two',
        up: (d) => {
          d.exec('CREATE TABLE b (x)');
          throw new Error('power cut');
        },
      },
    ];
    expect(() => migrate(db, steps, MIGRATION_CONTEXT)).toThrow('power cut');
    expect(currentVersion(db)).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toBeUndefined();
    db.close();
  });

  it('refuse a vault made by a newer version, clearly, and change nothing', () => {
    const db = open();
    migrate(db, MIGRATIONS, MIGRATION_CONTEXT);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(99, 'future', '2030-01-01T00:00:00.000Z');
    expect(() => migrate(db, MIGRATIONS, MIGRATION_CONTEXT)).toThrowError(expect.objectContaining({ code: 'VAULT_TOO_NEW', message: expect.stringContaining('newer version') }) as unknown as Error);
    expect(currentVersion(db)).toBe(99);
    expect(checkMigrations(db, MIGRATIONS).length).toBeGreaterThan(0);
    db.close();
  });

  it('are forward-only and numbered in order', () => {
    MIGRATIONS.forEach((m, i) => expect(m.version).toBe(i + 1));
    const db = open();
    expect(() => migrate(db, [{ version: 2, name: 'gap', up: () => undefined }], MIGRATION_CONTEXT)).toThrow(/out of order/);
    db.close();
  });
});
