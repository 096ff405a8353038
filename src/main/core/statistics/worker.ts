import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../../shared/errors';
import { openDatabase, type Db } from '../db/open';
import { runJob, type StatsJob } from './compute';

/**
 * The statistics worker (issue 5 §1): a thread with its own read-only connection to the vault,
 * so that counting 100,000 cases never blocks the main process. It receives the database file,
 * a copy of the data key (wiped once the connection is open), the job and "now"; it posts
 * `{ progress }` messages, then `{ result }` (codes, counts and rules only) or `{ error }` (the
 * code and generic message of an AppError, never content). Built as its own entry of the main
 * bundle (out/main/statistics-worker.js); from the sources it runs under tsx (jobs.ts).
 */
interface WorkerInput {
  file: string;
  key: Uint8Array;
  nativeBinding: string | null;
  job: StatsJob;
  now: string;
}

const input = workerData as WorkerInput;
let db: Db | null = null;
try {
  try {
    db = openDatabase(input.file, input.key, { readonly: true, ...(input.nativeBinding ? { nativeBinding: input.nativeBinding } : {}) });
  } finally {
    input.key.fill(0);
  }
  const open = db;
  const result = runJob(open, input.job, new Date(input.now), (fraction) => parentPort!.postMessage({ progress: fraction }));
  parentPort!.postMessage({ result });
} catch (error) {
  parentPort!.postMessage({
    error: error instanceof AppError ? { code: error.code, message: error.message } : { code: 'INTERNAL', message: 'The statistics could not be computed.' },
  });
} finally {
  db?.close();
}
