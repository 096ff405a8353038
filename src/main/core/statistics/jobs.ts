import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { startCoreWorker } from '../workers/start';
import { AppError, type ErrorCode } from '../../../shared/errors';
import type { StatsProgress } from '../../../shared/statistics';
import type { UnlockedVault } from '../vault/vault';
import type { JobResult, StatsJob } from './compute';

/**
 * Runs a statistics job in a worker thread (worker.ts) with its own read-only connection, and
 * keeps its progress for `statistics.progress` (the screens poll it, as the backup's status).
 */

const WORKER = { name: 'statistics-worker', source: path.join(path.dirname(fileURLToPath(import.meta.url)), 'worker.ts') };

/**
 * A larger young generation than V8's default: reading 100,000 cases makes many short-lived
 * strings, and fewer scavenges took about a tenth off a dashboard at 100,000 cases (bench).
 */
const RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 48 };

function workerFor(workerData: Record<string, unknown>): Worker {
  return startCoreWorker(WORKER, workerData, { resourceLimits: RESOURCE_LIMITS });
}

/** Jobs running in this process, by vault (data folder), each with its fraction done. */
const running = new Map<string, Map<number, number>>();
let nextJob = 1;

export function statisticsProgress(dataDir: string): StatsProgress {
  const jobs = running.get(path.resolve(dataDir));
  if (!jobs || jobs.size === 0) return { running: 0, percent: 0 };
  const fractions = [...jobs.values()];
  return { running: fractions.length, percent: Math.round((100 * fractions.reduce((a, b) => a + b, 0)) / fractions.length) };
}

/** At most this many computations at once per vault (each holds the facts of every case in memory). */
const MAX_JOBS = 4;

export function runStatisticsJob(vault: UnlockedVault, job: StatsJob): Promise<JobResult> {
  const dir = path.resolve(vault.location.paths.dataDir);
  let jobs = running.get(dir);
  if (!jobs) running.set(dir, (jobs = new Map()));
  if (jobs.size >= MAX_JOBS) return Promise.reject(new AppError('BAD_REQUEST', 'Several statistics are already being computed. Wait for them to finish.'));
  const id = nextJob++;
  jobs.set(id, 0);
  const jobsOfVault = jobs;
  const key = vault.copyDataKey();
  return new Promise<JobResult>((resolve, reject) => {
    let worker: Worker;
    try {
      worker = workerFor({ file: vault.location.paths.database, key, nativeBinding: vault.location.nativeBinding ?? null, job, now: vault.location.now().toISOString() });
    } catch {
      jobsOfVault.delete(id);
      reject(new AppError('INTERNAL', 'The statistics could not be computed.'));
      return;
    } finally {
      // The worker received its own copy (structured clone) and wipes it.
      key.fill(0);
    }
    let settled = false;
    const finish = (error: Error | null, result?: JobResult) => {
      if (settled) return;
      settled = true;
      jobsOfVault.delete(id);
      void worker.terminate();
      if (error) reject(error);
      else resolve(result!);
    };
    worker.on('message', (message: { progress?: number; result?: JobResult; error?: { code: ErrorCode; message: string } }) => {
      if (message.progress !== undefined) {
        if (jobsOfVault.has(id)) jobsOfVault.set(id, Math.min(1, Math.max(0, message.progress)));
      } else if (message.error) finish(new AppError(message.error.code, message.error.message));
      else if (message.result) finish(null, message.result);
    });
    worker.on('error', () => finish(new AppError('INTERNAL', 'The statistics could not be computed.')));
    worker.on('exit', () => finish(new AppError('INTERNAL', 'The statistics computation stopped.')));
  });
}
