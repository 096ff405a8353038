import { afterEach, expect, it } from 'vitest';
import { writeCases } from '../../../src/main/core/cases/batch';
import { listCases } from '../../../src/main/core/cases/queries';
import { syntheticCase } from '../../../src/main/core/cases/synthetic';
import { restoreSuspendedIndexes, suspendIndexes } from '../../../src/main/core/db/suspended-indexes';
import type { Db } from '../../../src/main/core/db/open';
import { ADMIN } from '../../support/core-fixture';
import { makeCaseVault } from '../../support/case-fixture';

/** db/suspended-indexes.ts: a bulk load builds the cases' indexes after its rows; an interrupted one is finished at the next unlock. */
let f: Awaited<ReturnType<typeof makeCaseVault>> | null = null;
afterEach(() => {
  f?.cleanup();
  f = null;
});

const indexesOf = (db: Db, table: string) =>
  db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? ORDER BY name").all(table) as { name: string; sql: string | null }[];

it('drops the indexes no constraint needs, keeps their definitions, and builds them again as they were', async () => {
  f = await makeCaseVault();
  const db = f.admin.vault.db;
  writeCases(f.worker, Array.from({ length: 12 }, (_, k) => syntheticCase(3, k, '2026-11-27')));
  const before = indexesOf(db, 'cases');
  const droppable = before.filter((i) => i.sql !== null);
  expect(droppable.length).toBeGreaterThanOrEqual(11);
  const query = { sort: 'openedOn' as const, direction: 'desc' as const, offset: 0, limit: 50 };
  const listed = listCases(f.supervisor, query);

  expect(suspendIndexes(db, 'cases')).toBe(droppable.length);
  // Only the constraints' own indexes (primary key, unique code) are left; the definitions are kept.
  expect(indexesOf(db, 'cases')).toEqual(before.filter((i) => i.sql === null));
  expect(db.prepare('SELECT name, sql FROM suspended_indexes ORDER BY name').all()).toEqual(droppable);
  // Lists still answer the same while they are suspended (read without them).
  expect(listCases(f.supervisor, query)).toEqual(listed);
  writeCases(f.worker, [syntheticCase(3, 12, '2026-11-27')]);

  expect(restoreSuspendedIndexes(db)).toBe(droppable.length);
  expect(indexesOf(db, 'cases')).toEqual(before);
  expect(db.prepare('SELECT count(*) FROM suspended_indexes').pluck().get()).toBe(0);
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(restoreSuspendedIndexes(db)).toBe(0);
});

it('a load interrupted with its indexes suspended has them built again when the vault is next unlocked', async () => {
  f = await makeCaseVault();
  const before = indexesOf(f.admin.vault.db, 'cases');
  suspendIndexes(f.admin.vault.db, 'cases');
  // The process ends here (nothing builds them again), then someone signs in.
  f.core.close();
  const core = f.reopen();
  try {
    await core.login(ADMIN.username, ADMIN.passphrase);
    const db = core.session!.vault.db;
    expect(indexesOf(db, 'cases')).toEqual(before);
    expect(db.prepare('SELECT count(*) FROM suspended_indexes').pluck().get()).toBe(0);
  } finally {
    core.close();
  }
});
