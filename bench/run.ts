import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { AppCore } from '../src/main/core/app/app-core';
import { openDatabase } from '../src/main/core/db/open';
import { randomBytes } from '../src/main/core/crypto/bytes';
import { deriveKey, MINIMUM_KDF } from '../src/main/core/vault/kdf';

/**
 * `npm run bench`: the vault's costs on this machine, written to bench/results/latest.json.
 * Speed targets are checked here, never in timed unit tests (shared, noisy machines).
 */
const RUNS = 5;
const ROWS = 20_000;
const ADMIN = { username: 'bench.admin', displayName: 'Bench', passphrase: 'bench harbour violet compass' };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function time(fn: () => unknown): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

function insertRows(db: Database.Database): number {
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT, c INTEGER)');
  const insert = db.prepare('INSERT INTO t (a, b, c) VALUES (?, ?, ?)');
  const t = performance.now();
  db.transaction(() => {
    for (let i = 0; i < ROWS; i++) insert.run(`note ${i} about the follow-up visit`, `AR-2026-${i}`, i);
  })();
  return performance.now() - t;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-bench-'));
  try {
    const kdf: number[] = [];
    for (let i = 0; i < RUNS; i++) kdf.push(await time(() => deriveKey(new Uint8Array(32), randomBytes(16), MINIMUM_KDF)));

    const core = new AppCore({ dataDir: path.join(dir, 'vault') });
    const create = await time(() => core.createVault(ADMIN));
    core.lockNow('manual');
    const unlock: number[] = [];
    const lock: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      unlock.push(await time(() => core.login(ADMIN.username, ADMIN.passphrase)));
      lock.push(await time(() => core.lockNow('manual')));
    }

    const encrypted = openDatabase(path.join(dir, 'enc.db'), randomBytes(32));
    const encryptedMs = insertRows(encrypted);
    encrypted.close();
    const plain = new Database(path.join(dir, 'plain.db'));
    plain.pragma('journal_mode = WAL');
    plain.pragma('synchronous = FULL');
    const plainMs = insertRows(plain);
    plain.close();

    const results = {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      argon2id: { params: MINIMUM_KDF, medianMs: Math.round(median(kdf)) },
      vault: { createMs: Math.round(create), unlockMedianMs: Math.round(median(unlock)), lockMedianMs: +median(lock).toFixed(2) },
      inserts: { rows: ROWS, sqlcipherMs: Math.round(encryptedMs), plainSqliteMs: Math.round(plainMs), ratio: +(encryptedMs / plainMs).toFixed(2) },
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    };
    const out = path.resolve(import.meta.dirname, 'results/latest.json');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
    console.log(JSON.stringify(results, null, 2));
    console.log(`written to ${path.relative(process.cwd(), out)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
