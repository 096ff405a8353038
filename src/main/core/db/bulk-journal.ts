import type { Db } from './open';

/**
 * A bulk load (the seed) with a rollback journal instead of the write-ahead log. With the log,
 * every new page is written twice (to the log, then into amparo.db by the checkpoint on every
 * commit); with a rollback journal a page appended to the file is written once and only the
 * pages changed in place are journaled first (encrypted, as the log's). Each commit is as
 * durable (synchronous = FULL) and a crash part-way is rolled back from the journal on the next
 * open, which sets the write-ahead log again (db/open.ts). Only possible while no other
 * connection has the database open: otherwise the load runs with the log, as usual.
 */
export async function withRollbackJournal<T>(db: Db, work: () => Promise<T>): Promise<T> {
  let switched = false;
  try {
    switched = db.pragma('journal_mode = DELETE', { simple: true }) === 'delete';
  } catch {
    // Another connection holds the database: keep the write-ahead log.
  }
  try {
    return await work();
  } finally {
    if (switched && db.open) db.pragma('journal_mode = WAL');
  }
}
