import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../../../shared/errors';
import { createSealer } from '../../crypto/sealed-box';
import { rowsOf } from '../creation/apply';
import { planCase, type Recorder } from '../creation/plan';
import { syntheticCase } from '../synthetic';
import type { PlanRequest, PlanResult } from './seeder';

/**
 * A seed's planner (seeder.ts): makes synthetic cases and plans them (checked, sealed, made into
 * rows) while the main thread writes the batches before. It holds no key but public ones and
 * never opens the database. Built as its own entry of the main bundle (out/main/seed-worker.js);
 * from the sources it runs under tsx (workers/start.ts).
 */
const { seed, today, recorder } = workerData as { seed: number; today: string; recorder: Recorder };

parentPort!.on('message', (request: PlanRequest) => {
  // One ephemeral key per batch, as for a batch written on the main thread.
  const sealer = createSealer();
  let result: PlanResult;
  try {
    const ctx = { ...recorder, at: request.at, sealer };
    const planned = Array.from({ length: request.count }, (_, k) => planCase(syntheticCase(seed, request.first + k, today), ctx));
    result = { batch: request.batch, rows: rowsOf(planned) };
  } catch (error) {
    // The code and the app's sentence only: never a value of a case.
    result = { batch: request.batch, error: error instanceof AppError ? { code: error.code, message: error.message } : { code: 'INTERNAL', message: 'A synthetic case could not be planned.' } };
  } finally {
    sealer.dispose();
  }
  parentPort!.postMessage(result);
});
