import { AppError } from '../../../shared/errors';
import type { Db } from './open';

/** What a step may need beyond the database: the recovery public key (to seal data to it). */
export interface MigrationContext {
  recoveryPublicKey: Uint8Array;
}

export interface Migration {
  version: number;
  name: string;
  up(db: Db, context: MigrationContext): void;
}

const CREATE_VERSION_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
) STRICT`;

export function currentVersion(db: Db): number {
  db.exec(CREATE_VERSION_TABLE);
  const row = db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

/**
 * Forward-only: each pending migration runs in its own transaction and records itself, so a
 * power cut leaves the schema at a known version. A vault from a newer Amparo is refused.
 */
export function migrate(db: Db, migrations: readonly Migration[], context: MigrationContext, now: () => Date = () => new Date()): { from: number; to: number } {
  assertOrdered(migrations);
  const latest = migrations.at(-1)?.version ?? 0;
  const from = currentVersion(db);
  if (from > latest) {
    throw new AppError(
      'VAULT_TOO_NEW',
      `This vault was made by a newer version of Amparo (schema ${from}; this version knows up to ${latest}). Install the newer version to open it.`,
    );
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of migrations) {
    if (m.version <= from) continue;
    db.transaction(() => {
      m.up(db, context);
      record.run(m.version, m.name, now().toISOString());
    })();
  }
  return { from, to: Math.max(from, latest) };
}

/** For `verify`: the recorded migrations are exactly the known ones, in order. */
export function checkMigrations(db: Db, migrations: readonly Migration[]): string[] {
  const problems: string[] = [];
  const rows = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as { version: number; name: string }[];
  const latest = migrations.at(-1)?.version ?? 0;
  if (rows.length !== migrations.length) problems.push(`expected ${migrations.length} applied migrations, found ${rows.length}`);
  rows.forEach((row, i) => {
    const known = migrations[i];
    if (!known || known.version !== row.version || known.name !== row.name) problems.push(`migration ${row.version} is not the one this version knows`);
  });
  if (rows.at(-1) && rows.at(-1)!.version !== latest) problems.push(`schema is at ${rows.at(-1)!.version}, expected ${latest}`);
  return problems;
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration list out of order at ${m.name}`);
  });
}
