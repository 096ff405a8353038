import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../../../../shared/errors';
import { withRollbackJournal } from '../../db/bulk-journal';
import { diskError } from '../../fs/disk-errors';
import { restoreSuspendedIndexes, suspendIndexes } from '../../db/suspended-indexes';
import type { Session } from '../../users/session';
import { startCoreWorker } from '../../workers/start';
import { assertMayCreateCases, withBatchCache, writeRows } from '../batch';
import type { CaseRows } from '../creation/apply';
import { recorderOf } from '../creation/recorder';

/**
 * Many synthetic cases (the CLI's `seed`): planner threads (worker.ts) make and plan batches of
 * cases while this thread writes the batches before them, one transaction each, in order — so
 * case k of a seed is the same file, with the same code, however the work was shared. At
 * 100,000 cases writing takes about 47 s and planning (checking, sealing, making rows) about
 * 35 s of another core, beside it (bench/results.md).
 */
export interface PlanRequest {
  batch: number;
  first: number;
  count: number;
  at: string;
}

export type PlanResult = { batch: number; rows: CaseRows } | { batch: number; error: { code: ErrorCode; message: string } };

const WORKER = { name: 'seed-worker', source: path.join(path.dirname(fileURLToPath(import.meta.url)), 'worker.ts') };

export interface SeedRun {
  seed: number;
  /** How many cases, numbered from `first` in the seed's sequence. */
  count: number;
  first: number;
  /** The vault's "today" (the synthetic dates are relative to it). */
  today: string;
  batchSize: number;
  /** Planner threads (default: one fewer than the cores, at least one: this thread writes). */
  planners?: number;
  /** After each batch is written: how many cases are written so far. */
  onProgress?: (done: number) => void;
}

/** The first batch's size (see `scheduleOf`). */
const FIRST_BATCH = 250;

/** Requests a planner holds at once: the next batch is ready when it sends the one before. */
const PER_PLANNER = 2;

export async function seedCases(session: Session, run: SeedRun): Promise<void> {
  assertMayCreateCases(session);
  if (run.count <= 0) return;
  const { db } = session.vault;
  const recorder = recorderOf(session);
  const batches = scheduleOf(run.count, run.batchSize);
  const planners = Math.max(1, Math.min(run.planners ?? os.availableParallelism() - 1, batches.length));
  const workers = Array.from({ length: planners }, () => startCoreWorker(WORKER, { seed: run.seed, today: run.today, recorder }));
  try {
    // A seed that at least doubles the vault builds the cases' list indexes after its rows.
    const bulk = run.count >= (db.prepare('SELECT count(*) FROM cases').pluck().get() as number);
    await withBatchCache(db, () =>
      withRollbackJournal(db, async () => {
        if (bulk) suspendIndexes(db, 'cases');
        try {
          await pipeline(session, workers, run, batches);
        } catch (error) {
          // The failure (a full disk…) is the error to tell: indexes that cannot be built now are built at the next unlock.
          try {
            restoreSuspendedIndexes(db);
          } catch {
            /* left for the next unlock (vault.ts) */
          }
          throw error;
        }
        restoreSuspendedIndexes(db);
      }),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * The batches, as [first, count] in the run: the first ones small, so that writing starts soon,
 * doubling up to `batchSize` (each is one transaction: larger ones write a page changed by many
 * cases once).
 */
export function scheduleOf(count: number, batchSize: number): [first: number, count: number][] {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('a batch holds at least one case');
  const out: [number, number][] = [];
  for (let first = 0, size = Math.min(FIRST_BATCH, batchSize); first < count; first += size, size = Math.min(size * 2, batchSize)) out.push([first, Math.min(size, count - first)]);
  return out;
}

function pipeline(session: Session, workers: Worker[], run: SeedRun, batches: [number, number][]): Promise<void> {
  const { db } = session.vault;
  return new Promise((resolve, reject) => {
    const ready = new Map<number, CaseRows>();
    const holding = new Map<Worker, number>(workers.map((w) => [w, 0]));
    let nextToPlan = 0;
    let nextToWrite = 0;
    let written = 0;
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      // A planner's is an AppError already; a writer's full or read-only disk is told as such (the batches before it are kept).
      reject(diskError(error) ?? error);
    };
    // Each planner holds up to PER_PLANNER requests, and no more than that many batches per
    // planner wait to be written: memory stays flat whatever the count.
    const feed = () => {
      for (const w of workers) {
        while (holding.get(w)! < PER_PLANNER && nextToPlan < batches.length && nextToPlan - nextToWrite < PER_PLANNER * workers.length) {
          const batch = nextToPlan++;
          const [first, count] = batches[batch]!;
          const request: PlanRequest = { batch, first: run.first + first, count, at: session.vault.location.now().toISOString() };
          holding.set(w, holding.get(w)! + 1);
          w.postMessage(request);
        }
      }
    };
    for (const w of workers) {
      w.on('message', (result: PlanResult) => {
        if (settled) return;
        holding.set(w, holding.get(w)! - 1);
        if ('error' in result) return fail(new AppError(result.error.code, result.error.message));
        ready.set(result.batch, result.rows);
        try {
          for (let rows = ready.get(nextToWrite); rows; rows = ready.get(nextToWrite)) {
            ready.delete(nextToWrite++);
            writeRows(db, rows);
            written += rows.cases.length;
            run.onProgress?.(written);
          }
        } catch (error) {
          return fail(error);
        }
        if (nextToWrite === batches.length) {
          settled = true;
          return resolve();
        }
        feed();
      });
      w.on('error', () => fail(new AppError('INTERNAL', 'A seed planner stopped.')));
      w.on('exit', () => {
        if (nextToWrite < batches.length) fail(new AppError('INTERNAL', 'A seed planner stopped.'));
      });
    }
    feed();
  });
}
