import type { Worker } from 'node:worker_threads';
import { startKeyedWorker } from '../db/keyed-worker';
import { AppError } from '../../../shared/errors';

/**
 * The rewrite after a retention deletion: the database rewritten so that no freed page, no old
 * frame of the write-ahead log and no segment of the full-text index keeps a byte of the case.
 *
 * - `secure_delete` already zeroes the cells the deletion freed, but the write-ahead log still
 *   holds the pages as they were before, and FTS5 does not remove a deleted document's terms
 *   from its index: it writes delete markers into a new segment, and the old segments keep the
 *   terms until they are merged. The FTS5 `optimize` command merges every segment into one,
 *   leaving the deleted documents out.
 * - `VACUUM` then writes the whole database anew (no free page, nothing left in slack space),
 *   and `wal_checkpoint(TRUNCATE)` folds the log into the file and empties it.
 *
 * On a vault of 10,000 cases (188 MB) the VACUUM alone takes about 4 s, and it grows with the
 * vault, so all of this runs in a worker thread with its own connection: the main process (and
 * the window it serves) keeps answering. Meanwhile a write from the main connection waits for
 * the VACUUM's lock (up to the busy timeout); the retention screen keeps its dialog busy, so the
 * person who asked for the deletion is not writing.
 *
 * The worker's part (db/keyed-worker.ts opens its connection) posts `{ done, busy, ms }` or
 * `{ error }`.
 */
const WORKER_BODY = `
  const started = Date.now();
  // As the app's own connection (db/open.ts): VACUUM's temporary copy stays in memory.
  db.pragma('secure_delete = ON');
  db.pragma('synchronous = FULL');
  if (db.pragma('secure_delete', { simple: true }) !== 1 || db.pragma('temp_store', { simple: true }) !== 2) throw Object.assign(new Error('settings'), { code: 'SETTINGS' });
  if (workerData.ftsTables.length) {
    for (const table of workerData.ftsTables) db.prepare('INSERT INTO "' + table + '" ("' + table + '") VALUES (\\'optimize\\')').run();
  }
  db.exec('VACUUM');
  let busy = 1;
  for (let i = 0; i < 20 && busy; i++) busy = db.pragma('wal_checkpoint(TRUNCATE)')[0].busy;
  parentPort.postMessage({ done: true, busy: busy, ms: Date.now() - started });
`;

export interface RewriteOptions {
  /** The live database file. */
  file: string;
  /** Copied into the worker and wiped there; the caller wipes its own copy. */
  dataKey: Uint8Array;
  nativeBinding?: string;
  /** The FTS5 tables to optimize (their names come from the schema, never from input). */
  ftsTables: string[];
}

export interface RewriteResult {
  ms: number;
}

/** Runs the rewrite in a worker thread; resolves when the database file holds only live data. */
export function rewriteDatabase(options: RewriteOptions): Promise<RewriteResult> {
  return new Promise<RewriteResult>((resolve, reject) => {
    let worker: Worker;
    try {
      worker = startKeyedWorker(WORKER_BODY, {
        file: options.file,
        dataKey: options.dataKey,
        nativeBinding: options.nativeBinding,
        open: { timeout: 30000 },
        data: { ftsTables: options.ftsTables },
      });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    let settled = false;
    const finish = (error: Error | null, result?: RewriteResult) => {
      if (settled) return;
      settled = true;
      if (error) {
        void worker.terminate();
        reject(error);
      } else resolve(result!);
    };
    worker.on('message', (message: { done?: boolean; busy?: number; ms?: number; error?: string }) => {
      if (message.error !== undefined) {
        const code = message.error;
        finish(
          code === 'SQLITE_FULL'
            ? new AppError('RETENTION_CLEANUP_FAILED', 'The disk of the data folder is full: the database could not be rewritten. The case is deleted; the clean-up will be tried again.')
            : new AppError('RETENTION_CLEANUP_FAILED', `The database could not be rewritten (${code}). The case is deleted; the clean-up will be tried again.`),
        );
      } else if (message.done) {
        if (message.busy) finish(new AppError('RETENTION_CLEANUP_FAILED', 'The database was busy: its log could not be emptied. The clean-up will be tried again.'));
        else finish(null, { ms: message.ms ?? 0 });
      }
    });
    worker.on('error', () => finish(new AppError('RETENTION_CLEANUP_FAILED', 'The rewrite of the database failed. The clean-up will be tried again.')));
    worker.on('exit', () => finish(new AppError('RETENTION_CLEANUP_FAILED', 'The rewrite of the database stopped. The clean-up will be tried again.')));
  });
}
