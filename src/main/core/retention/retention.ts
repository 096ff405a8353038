import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { RETENTION_LIST_LIMIT, type RetentionCase, type RetentionList } from '../../../shared/retention';
import { appendAudit } from '../audit/chain';
import { backupRunning } from '../backup/status';
import { assertVisible, visibleCases } from '../cases/access';
import { wipe } from '../crypto/bytes';
import type { Db } from '../db/open';
import { readFlag, readSettings, writeFlag } from '../settings/settings';
import type { Session } from '../users/session';
import { rewriteDatabase } from './rewrite';

/**
 * Retention (issue 6 §4, DESIGN.md §5): a closed case is kept for `retentionYears` after its
 * closure (a setting of the administrator); past that, a supervisor who may see the case deletes
 * it, with a reason. The deletion removes every row of the case in every table and then
 * rewrites the database (rewrite.ts), so that no file of the data folder keeps a byte of it.
 *
 * What stays: one audit entry `case.deleted` — the fact, who, when, the case's random id as its
 * target (the id links the earlier entries about the case, which hold no content and are part of
 * the hash chain, so they stay as they are), the retention period and the whole years since the
 * closure. Not the reason (it may name the person), not the code (on paper files and in letters
 * the code points at the person; its counter is never reset, so it is never given again).
 */

const CLOSED = ['closed', 'closed-referred'] as const;

/** Set in the deletion's transaction, cleared when the rewrite is done: a failed rewrite is run again. */
export const REWRITE_PENDING_FLAG = 'retention-rewrite-pending';

/** The day before which a case must have been closed to be past retention on `today`. */
export function closedBefore(today: string, years: number): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  // 29 February, years later, is 1 March when that year has none (Date rolls it over).
  return new Date(Date.UTC(y - years, m - 1, d)).toISOString().slice(0, 10);
}

/** Whole years between a closure and today. */
export function yearsSince(closedOn: string, today: string): number {
  const [y1, m1, d1] = closedOn.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = today.split('-').map(Number) as [number, number, number];
  return y2 - y1 - (m2 < m1 || (m2 === m1 && d2 < d1) ? 1 : 0);
}

function todayOf(session: Session): string {
  return session.vault.location.now().toISOString().slice(0, 10);
}

/** The cases past retention that the caller may see (supervisors: their teams' cases). */
export function listPastRetention(session: Session): RetentionList {
  const { db } = session.vault;
  const years = readSettings(db).retentionYears;
  const before = closedBefore(todayOf(session), years);
  const visible = visibleCases(session);
  const where = `c.status IN ('closed', 'closed-referred') AND c.closed_on IS NOT NULL AND c.closed_on < ? AND ${visible.sql}`;
  const total = db.prepare(`SELECT count(*) FROM cases c WHERE ${where}`).pluck().get(before, ...visible.params) as number;
  const rows = db
    .prepare(
      `SELECT c.id, c.code, c.status, c.closed_on,
              (SELECT s.data ->> '$.reason' FROM case_sections s WHERE s.case_id = c.id AND s.section = 'closure') AS reason
       FROM cases c WHERE ${where}
       ORDER BY c.closed_on, c.code LIMIT ?`,
    )
    .all(before, ...visible.params, RETENTION_LIST_LIMIT) as { id: string; code: string; status: RetentionCase['status']; closed_on: string; reason: string | null }[];
  return {
    retentionYears: years,
    closedBefore: before,
    cases: rows.map((r) => ({ caseId: r.id, code: r.code, status: r.status, closedOn: r.closed_on, closureReason: r.reason })),
    total,
    cleanupPending: readFlag(db, REWRITE_PENDING_FLAG) !== null,
  };
}

/** Every table that holds rows of a case: a foreign key to `cases`, or a `case_id` column. */
function caseTables(db: Db): { table: string; column: string }[] {
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'cases' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'")
    .pluck()
    .all() as string[];
  const found: { table: string; column: string }[] = [];
  for (const table of tables) {
    const columns = new Set<string>();
    for (const fk of db.pragma(`foreign_key_list("${table.replaceAll('"', '""')}")`) as { table: string; from: string }[]) {
      if (fk.table === 'cases') columns.add(fk.from);
    }
    for (const col of db.pragma(`table_info("${table.replaceAll('"', '""')}")`) as { name: string }[]) {
      if (col.name === 'case_id') columns.add(col.name);
    }
    for (const column of columns) found.push({ table, column });
  }
  return found;
}

/** The FTS5 tables of the vault (each one's index is merged by the rewrite). */
function ftsTables(db: Db): string[] {
  return db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%'").pluck().all() as string[];
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Deletions and rewrites running in this process, by data folder: one at a time. */
const running = new Set<string>();

/**
 * A supervisor deletes a case past retention, for good. Refused (NOT_PAST_RETENTION) for a case
 * that is not closed or was closed too recently: there is no exception. Resolves once the
 * database has been rewritten.
 */
export async function deletePastRetention(session: Session, input: { caseId: string; reason: string }): Promise<{ deleted: true }> {
  if (session.role !== 'supervisor') throw new AppError('FORBIDDEN', 'Only supervisors delete cases past retention.');
  if (!input.reason.trim()) throw new AppError('BAD_REQUEST', 'A reason is required.');
  assertVisible(session, input.caseId);
  const { db, location } = session.vault;
  const dataDir = path.resolve(location.paths.dataDir);
  if (running.has(dataDir) || backupRunning(dataDir)) {
    throw new AppError('RETENTION_BUSY', 'A backup or another deletion is in progress. Try again when it has finished.');
  }
  running.add(dataDir);
  try {
    const today = todayOf(session);
    const at = location.now().toISOString();
    db.transaction(() => {
      const row = db.prepare('SELECT status, closed_on FROM cases WHERE id = ?').get(input.caseId) as { status: string; closed_on: string | null };
      const years = readSettings(db).retentionYears;
      const past = (CLOSED as readonly string[]).includes(row.status) && row.closed_on !== null && row.closed_on < closedBefore(today, years);
      if (!past) throw new AppError('NOT_PAST_RETENTION', `Only a case closed more than ${years} years ago can be deleted.`);
      eraseCaseRows(db, input.caseId);
      appendAudit(db, {
        at,
        actorId: session.accountId,
        action: 'case.deleted',
        target: input.caseId,
        detail: { retentionYears: years, yearsSinceClosure: yearsSince(row.closed_on!, today) },
      });
      writeFlag(db, REWRITE_PENDING_FLAG, at);
    })();
    await rewriteNow(session);
    return { deleted: true };
  } finally {
    running.delete(dataDir);
  }
}

/** Inside a transaction: every row of the case, its search documents first, the case last. */
export function eraseCaseRows(db: Db, caseId: string): void {
  // The search documents' bodies live in the FTS5 table, keyed by search_docs.id.
  db.prepare('DELETE FROM case_search WHERE rowid IN (SELECT id FROM search_docs WHERE case_id = ?)').run(caseId);
  for (const { table, column } of caseTables(db)) {
    db.prepare(`DELETE FROM ${quote(table)} WHERE ${quote(column)} = ?`).run(caseId);
  }
  const removed = db.prepare('DELETE FROM cases WHERE id = ?').run(caseId).changes;
  if (removed !== 1) throw new AppError('NOT_FOUND', 'There is no such case.');
}

/**
 * Rewrites the database (rewrite.ts) if a deletion left it to do; also removes any snapshot a
 * backup left behind in the data folder (a copy of the database made before the deletion).
 */
export async function rewriteIfPending(session: Session): Promise<void> {
  if (readFlag(session.vault.db, REWRITE_PENDING_FLAG) === null) return;
  const dataDir = path.resolve(session.vault.location.paths.dataDir);
  if (running.has(dataDir) || backupRunning(dataDir)) return;
  running.add(dataDir);
  try {
    await rewriteNow(session);
  } finally {
    running.delete(dataDir);
  }
}

/** The backup's snapshot files (backup/create.ts), which a crash may leave in the data folder. */
const SNAPSHOT_PATTERN = /^\.backup-[0-9a-f]{16}\.snapshot(-journal|-wal|-shm)?$/;

async function rewriteNow(session: Session): Promise<void> {
  const { vault } = session;
  const dataDir = vault.location.paths.dataDir;
  for (const name of fs.readdirSync(dataDir)) {
    if (SNAPSHOT_PATTERN.test(name)) fs.rmSync(path.join(dataDir, name), { force: true });
  }
  const dataKey = vault.copyDataKey();
  try {
    await rewriteDatabase({ file: vault.location.paths.database, dataKey, nativeBinding: vault.location.nativeBinding, ftsTables: ftsTables(vault.db) });
  } finally {
    wipe(dataKey);
  }
  // The vault may have locked meanwhile; the flag then stays, and the next unlock's list retries.
  if (!vault.isOpen) return;
  const { db } = vault;
  db.transaction(() => db.prepare('DELETE FROM settings WHERE key = ?').run(REWRITE_PENDING_FLAG))();
  // Clearing the flag wrote a frame to the log: fold it away too, so the log is empty.
  db.pragma('wal_checkpoint(TRUNCATE)');
}
