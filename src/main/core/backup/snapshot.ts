import fs from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { startKeyedWorker } from '../db/keyed-worker';
import { AppError } from '../../../shared/errors';

/**
 * A consistent copy of a live vault's database, taken while the app keeps working.
 *
 * Why not `db.backup()` (SQLite's online backup API)? In SQLite3 Multiple Ciphers it refuses a
 * target that has no cipher ("backup is not supported with incompatible source and target
 * databases"), and better-sqlite3 opens the target itself, without a key and without URI
 * parameters, so an encrypted target cannot be given. `VACUUM INTO` is the engine's other
 * snapshot: it runs inside one read transaction (in WAL mode writers carry on meanwhile) and
 * writes the copy with the source's cipher and key — SQLCipher 4 pages, never plaintext.
 *
 * It runs in a worker thread with a read-only connection of its own, so the main process (and
 * the window it serves) never waits for it. The copy is compacted (free pages dropped).
 */
export interface SnapshotOptions {
  /** The live database file. */
  source: string;
  /** A file that does not exist yet, in the data folder: the encrypted copy. */
  dest: string;
  /** Copied into the worker (and wiped there after use); the caller wipes its own. */
  dataKey: Uint8Array;
  nativeBinding?: string;
  /** From 0 to 1, as the copy grows (estimated from the source's page count). */
  onProgress?: (fraction: number) => void;
}

export interface Snapshot {
  schemaVersion: number;
  bytes: number;
}

/**
 * The worker's part (db/keyed-worker.ts opens the read-only connection): it posts
 * `{ expected, schemaVersion }`, then `{ done }`, or `{ error }`.
 */
const WORKER_BODY = `
  const pages = db.pragma('page_count', { simple: true });
  const pageSize = db.pragma('page_size', { simple: true });
  const row = db.prepare('SELECT max(version) AS v FROM schema_migrations').get();
  parentPort.postMessage({ expected: pages * pageSize, schemaVersion: row && row.v ? row.v : 0 });
  db.prepare('VACUUM INTO ?').run(workerData.dest);
  parentPort.postMessage({ done: true });
`;

/** Files SQLite may leave beside a database it wrote. */
export function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
}

export function takeSnapshot(options: SnapshotOptions): Promise<Snapshot> {
  if (fs.existsSync(options.dest)) return Promise.reject(new AppError('INTERNAL', 'The snapshot file already exists.'));
  return new Promise<Snapshot>((resolve, reject) => {
    let worker: Worker;
    try {
      worker = startKeyedWorker(WORKER_BODY, {
        file: options.source,
        dataKey: options.dataKey,
        nativeBinding: options.nativeBinding,
        open: { readonly: true },
        data: { dest: options.dest },
      });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    let expected = 0;
    let schemaVersion = 0;
    let settled = false;
    const timer = setInterval(() => {
      if (!expected || !options.onProgress) return;
      try {
        options.onProgress(Math.min(0.99, fs.statSync(options.dest).size / expected));
      } catch {
        // not created yet
      }
    }, 100);
    const finish = (error: Error | null) => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      if (error) {
        void worker.terminate();
        removeDatabaseFiles(options.dest);
        reject(error);
        return;
      }
      // VACUUM INTO writes without a journal, but be sure nothing but the copy is left.
      for (const suffix of ['-journal', '-wal', '-shm']) fs.rmSync(options.dest + suffix, { force: true });
      options.onProgress?.(1);
      resolve({ schemaVersion, bytes: fs.statSync(options.dest).size });
    };
    worker.on('message', (message: { expected?: number; schemaVersion?: number; done?: boolean; error?: string }) => {
      if (message.error !== undefined) {
        const code = message.error;
        finish(
          code === 'SQLITE_FULL'
            ? new AppError('DISK_FULL', 'The disk of the data folder is full: there is no room for the snapshot. Nothing was saved.')
            : new AppError('DATABASE_CORRUPT', `The database could not be copied (${code}). Run verify; nothing was saved.`),
        );
      } else if (message.done) {
        finish(null);
      } else if (message.expected !== undefined) {
        expected = message.expected;
        schemaVersion = message.schemaVersion ?? 0;
      }
    });
    worker.on('error', () => finish(new AppError('INTERNAL', 'The snapshot of the database failed; nothing was saved.')));
    worker.on('exit', () => finish(new AppError('INTERNAL', 'The snapshot of the database stopped; nothing was saved.')));
  });
}
