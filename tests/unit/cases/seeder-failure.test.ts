import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../src/main/core/audit/chain';
import { seedCases } from '../../../src/main/core/cases/seed/seeder';
import { makeCaseVault } from '../../support/case-fixture';

/**
 * A seed whose writing fails part-way (here a batch refused by the database): the error is told,
 * the planner threads stop, the batches written before it are kept whole, and the vault is left
 * as the app expects it (write-ahead log, every index built, an intact audit chain).
 */
let f: Awaited<ReturnType<typeof makeCaseVault>>;
beforeAll(async () => {
  f = await makeCaseVault();
});
afterAll(() => f.cleanup());

it('keeps the batches written before a failure, builds the indexes again and goes back to the write-ahead log', async () => {
  const db = f.worker.vault.db;
  const indexes = () => db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cases' ORDER BY name").pluck().all();
  const before = indexes();
  // On this connection only: the database refuses any case past the 300th (the second batch).
  db.exec("CREATE TEMP TRIGGER refuse_after_300 BEFORE INSERT ON cases WHEN (SELECT count(*) FROM cases) >= 300 BEGIN SELECT RAISE(ABORT, 'refused'); END");
  try {
    await expect(seedCases(f.worker, { seed: 9, count: 1000, first: 0, today: '2026-11-27', batchSize: 250, planners: 1 })).rejects.toThrow('refused');
  } finally {
    db.exec('DROP TRIGGER temp.refuse_after_300');
  }
  // The first batch (250 cases) whole, nothing of the second.
  expect(db.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(250);
  expect(db.prepare("SELECT count(*) FROM audit_log WHERE action = 'case.created'").pluck().get()).toBe(250);
  expect(indexes()).toEqual(before);
  expect(db.prepare('SELECT count(*) FROM suspended_indexes').pluck().get()).toBe(0);
  expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  expect(fs.existsSync(path.join(f.dir, 'amparo.db-journal'))).toBe(false);
  expect(verifyAuditChain(db).problems).toEqual([]);
});
