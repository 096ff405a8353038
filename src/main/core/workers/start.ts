import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * A worker thread of the core (the statistics, the seed's planners). The built app has each one
 * beside the main bundle (out/main/<name>.js, an entry of electron.vite.config.ts); run from the
 * sources (tests, the CLI under tsx, the e2e harness) it is the TypeScript file, loaded through
 * tsx's require hook.
 */
const here = path.dirname(fileURLToPath(import.meta.url));

/** Plain CommonJS: registers tsx, then runs the TypeScript worker in this thread. */
const SOURCE_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
require(workerData.tsx).require(workerData.entry, __filename);
`;

export interface CoreWorker {
  /** The entry's name in electron.vite.config.ts (out/main/<name>.js). */
  name: string;
  /** The TypeScript file (absolute), for runs from the sources. */
  source: string;
}

/** The benchmark's choice: the built workers (out/main), as the packaged app runs them, while the rest runs from the sources. */
let builtDir: string | null = null;
export function useBuiltWorkers(dir: string): void {
  if (!fs.existsSync(path.join(dir, 'statistics-worker.js'))) throw new Error('The workers are not built: run `npm run build` first.');
  builtDir = dir;
}

export function startCoreWorker(worker: CoreWorker, workerData: Record<string, unknown>, options: { resourceLimits?: ResourceLimits } = {}): Worker {
  const built = path.join(builtDir ?? here, `${worker.name}.js`);
  if (fs.existsSync(built)) return new Worker(built, { workerData, resourceLimits: options.resourceLimits });
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs/api');
  return new Worker(SOURCE_BOOTSTRAP, { eval: true, workerData: { ...workerData, tsx, entry: worker.source }, resourceLimits: options.resourceLimits });
}
