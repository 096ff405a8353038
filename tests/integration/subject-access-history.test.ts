import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { caseHistory } from '../../src/main/core/cases/queries';
import { createCase } from '../../src/main/core/cases/service';
import { exportSubjectAccess } from '../../src/main/core/reports/subject-access';
import { makeCaseVault } from '../support/case-fixture';
import { makeTempDir } from '../support/temp-dir';

/**
 * Subject access is complete (issue 6 §3): the case view's history shows the latest 2,000
 * entries, but the export holds every one of them.
 */
let f: Awaited<ReturnType<typeof makeCaseVault>>;
let out: ReturnType<typeof makeTempDir>;

beforeAll(async () => {
  f = await makeCaseVault();
  out = makeTempDir('amparo-subject-access-');
}, 120_000);

afterAll(() => {
  f.cleanup();
  out.remove();
});

it('holds the whole field history of a case, beyond the screen’s 2,000 entries', async () => {
  const header = createCase(f.worker, { profile: { gender: 'Feminine' } });
  const { db } = f.admin.vault;
  const insert = db.prepare("INSERT INTO case_history (case_id, at, actor_id, part, record_id, field, old_value, new_value) VALUES (?, ?, ?, 'legal', NULL, 'notes', ?, ?)");
  db.transaction(() => {
    for (let i = 0; i < 2100; i++) insert.run(header.id, new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(), f.worker.accountId, `"v${i}"`, `"v${i + 1}"`);
  })();
  const total = (db.prepare('SELECT count(*) AS n FROM case_history WHERE case_id = ?').get(header.id) as { n: number }).n;
  expect(caseHistory(f.supervisor, header.id)).toHaveLength(2000);
  const all = caseHistory(f.supervisor, header.id, null);
  expect(all.length).toBeGreaterThanOrEqual(total);

  const file = path.join(out.dir, 'access.json');
  await exportSubjectAccess(f.supervisor, { caseId: header.id, format: 'json', language: 'en' }, async () => file);
  const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as { history: { newValue: string | null }[] };
  expect(doc.history).toHaveLength(all.length);
  // The oldest change is there too.
  expect(doc.history.some((h) => h.newValue === '"v1"')).toBe(true);
}, 120_000);
