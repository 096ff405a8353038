import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * A worker thread with its own connection to the vault's database, for long jobs (a snapshot,
 * a rewrite) that must not hold up the main process. The worker's code is plain CommonJS given
 * as text: it needs only the engine, whose resolved path it is given, so it runs the same under
 * Node, the tests, tsx and Electron without a build entry of its own. `body` runs with `db`
 * open (SQLCipher 4, the raw key, temp_store in memory), `parentPort` and `workerData`; the
 * key's copy is wiped as soon as the connection has it. An error posts `{ error: code }` (the
 * engine's code names no content).
 */
const PRELUDE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
const key = workerData.key;
let db = null;
try {
  db = new Database(workerData.file, Object.assign({ fileMustExist: true }, workerData.open, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}));
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
  db.pragma('key = "x\\'' + Buffer.from(key).toString('hex') + '\\'"');
  key.fill(0);
  db.pragma('temp_store = MEMORY');
`;
const POSTLUDE = `
} catch (error) {
  parentPort.postMessage({ error: String(error && error.code ? error.code : 'ERROR') });
} finally {
  key.fill(0);
  if (db) db.close();
}
`;

let enginePath: string | null = null;
function engineModulePath(): string {
  enginePath ??= createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers');
  return enginePath;
}

export interface KeyedWorkerOptions {
  file: string;
  /** Copied into the worker (and wiped there); the caller wipes its own. */
  dataKey: Uint8Array;
  nativeBinding?: string;
  /** better-sqlite3 options for the worker's connection, e.g. `{ readonly: true }`. */
  open?: Record<string, unknown>;
  /** Anything else the body reads from `workerData`. */
  data?: Record<string, unknown>;
}

export function startKeyedWorker(body: string, options: KeyedWorkerOptions): Worker {
  const key = Uint8Array.from(options.dataKey);
  try {
    return new Worker(PRELUDE + body + POSTLUDE, {
      eval: true,
      workerData: { ...options.data, modulePath: engineModulePath(), nativeBinding: options.nativeBinding ?? null, file: options.file, open: options.open ?? {}, key },
    });
  } finally {
    // The worker got its own copy (structured clone).
    key.fill(0);
  }
}
