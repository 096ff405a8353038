import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3-multiple-ciphers';
import { runCli } from '../src/cli/main';
import { AppCore } from '../src/main/core/app/app-core';
import { toHex, wipe } from '../src/main/core/crypto/bytes';
import { MIGRATIONS } from '../src/main/core/db/schema';
import { useBuiltWorkers } from '../src/main/core/workers/start';
import { SYNTHETIC_VERSION } from '../src/main/core/cases/synthetic';
import type { Clock } from '../src/main/core/lock/lock-controller';
import { changeOwnPassphrase, createAccount } from '../src/main/core/users/service';
import { createTeam } from '../src/main/core/users/teams';
import { readKeyring } from '../src/main/core/vault/keyring';
import { decodeAccountPayload, openAccountSlot } from '../src/main/core/vault/keyslots';
import { vaultPaths } from '../src/main/core/vault/paths';

/**
 * The benchmark's vaults: seeded through the real `seed` command, kept under bench/.cache/ (one
 * folder per size, seed, schema and generator version), each with a plain twin: the same
 * database file, page for page, decrypted with `PRAGMA rekey = ''`, so that the two differ only
 * by the cipher.
 */
export const BENCH_SEED = 1;
export const ADMIN = { username: 'bench.admin', displayName: 'Bench Administrator', passphrase: 'bench harbour violet compass' };
/** Seeds all but the last CASELOAD cases, which are all assigned to them: the worst case for the need-to-know filter. */
export const WORKER = { username: 'bench.cw', displayName: 'Bench Caseworker', passphrase: 'bench copper kettle garden river' };
/** Seeds the last CASELOAD cases: a caseworker with a realistic caseload in a big vault. */
export const WORKER2 = { username: 'bench.cw2', displayName: 'Bench Caseworker Two', passphrase: 'bench amber willow harbour stone' };
export const CASELOAD = 300;
/** Leads the team both caseworkers are in, so sees every case: the person for whom the vault is 100,000 cases big. */
export const SUPERVISOR = { username: 'bench.sup', displayName: 'Bench Supervisor', passphrase: 'bench silver meadow lantern tide' };
const INITIAL = 'bench temporary lantern stone';

export function passphraseOf(username: string): string {
  const account = [ADMIN, WORKER, WORKER2, SUPERVISOR].find((a) => a.username === username);
  if (!account) throw new Error(`no bench account ${username}`);
  return account.passphrase;
}
/** Bumped when the make-up of the bench vaults (accounts, twin) changes. */
const LAYOUT_VERSION = 4;
const CACHE = path.resolve(import.meta.dirname, '.cache');
const DAY = 86_400_000;

export interface VaultMeta {
  cases: number;
  seed: number;
  schemaVersion: number;
  generatorVersion: number;
  /** The vault's "today" when it was seeded (follow-ups due today, ages): the bench's clock keeps it. */
  today: string;
  builtAt: string;
  seedMs: number;
  seedCpuMs: number;
  plainTwinMs: number;
}

export interface BenchVault {
  dir: string;
  plainFile: string;
  meta: VaultMeta;
  /** True when this run built it (its seed time was measured now). */
  built: boolean;
}

export function cacheKey(cases: number): string {
  return `cases-${cases}-seed-${BENCH_SEED}-schema-${MIGRATIONS.at(-1)!.version}-gen-${SYNTHETIC_VERSION}-layout-${LAYOUT_VERSION}`;
}

/** The real clock moved back to the day the vault was seeded, so its dates mean what they meant then. */
export function clockFor(meta: VaultMeta): Clock {
  const shift = Math.floor((Date.now() - Date.parse(meta.today)) / DAY) * DAY;
  return {
    now: () => Date.now() - shift,
    setTimeout: (fn, ms) => {
      const t = setTimeout(fn, ms);
      t.unref();
      return t;
    },
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  };
}

/**
 * The cached vault of this size, built first if need be, in a child process: the benchmark's own
 * memory (RSS) is then that of the measurements, not of the seeding.
 */
export function ensureVault(cases: number): BenchVault {
  const dir = path.join(CACHE, cacheKey(cases));
  const metaFile = path.join(dir, 'meta.json');
  const plainFile = path.join(dir, 'plain.db');
  let built = false;
  if (!fs.existsSync(metaFile) || !fs.existsSync(plainFile)) {
    const tsx = path.resolve(import.meta.dirname, '../node_modules/.bin/tsx');
    const child = spawnSync(tsx, [fileURLToPath(import.meta.url), 'build', String(cases)], { stdio: 'inherit' });
    if (child.status !== 0) throw new Error(`building the vault of ${cases} cases failed`);
    built = true;
  }
  return { dir: path.join(dir, 'vault'), plainFile, meta: JSON.parse(fs.readFileSync(metaFile, 'utf8')) as VaultMeta, built };
}

async function buildVault(cases: number, log: (line: string) => void): Promise<void> {
  const dir = path.join(CACHE, cacheKey(cases));
  const metaFile = path.join(dir, 'meta.json');
  const plainFile = path.join(dir, 'plain.db');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const vaultDir = path.join(dir, 'vault');
  const today = new Date().toISOString().slice(0, 10);

  log(`building a vault of ${cases} cases in ${path.relative(process.cwd(), dir)}`);
  const core = new AppCore({ dataDir: vaultDir });
  await core.createVault(ADMIN);
  // The supervisor first, then their team, then the caseworkers in it (before any case is
  // recorded: a case belongs to the team of whoever records it).
  let teamId: string | null = null;
  for (const [account, role] of [
    [SUPERVISOR, 'supervisor'],
    [WORKER, 'caseworker'],
    [WORKER2, 'caseworker'],
  ] as const) {
    core.lockNow('logout');
    await core.login(ADMIN.username, ADMIN.passphrase);
    const created = await createAccount(core.session!, { username: account.username, displayName: account.displayName, role, initialPassphrase: INITIAL, teamId: role === 'caseworker' ? teamId : null });
    if (role === 'supervisor') teamId = createTeam(core.session!, { name: 'Bench team', supervisorId: created.id }).id;
    core.lockNow('logout');
    await core.login(account.username, INITIAL);
    await changeOwnPassphrase(core.session!, INITIAL, account.passphrase);
  }
  core.close();

  // The seed's planner threads as the packaged app runs them (built by `npm run bench` first), not
  // compiling their TypeScript on start as they must when run from the sources.
  useBuiltWorkers(path.resolve(import.meta.dirname, '../out/main'));
  // The seed command itself, as an administrator would run it (its login included): the first
  // caseworker records all but the last CASELOAD cases, the second those (the sequence continues).
  const cpu = process.cpuUsage();
  const start = performance.now();
  await seedAs(vaultDir, WORKER, cases - CASELOAD, log);
  await seedAs(vaultDir, WORKER2, CASELOAD, log);
  const seedMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  log(`  seeded ${cases} cases in ${(seedMs / 1000).toFixed(1)} s`);

  const twinStart = performance.now();
  await makePlainTwin(vaultDir, plainFile);
  const plainTwinMs = performance.now() - twinStart;
  log(`  plain twin in ${(plainTwinMs / 1000).toFixed(1)} s`);

  const meta: VaultMeta = {
    cases,
    seed: BENCH_SEED,
    schemaVersion: MIGRATIONS.at(-1)!.version,
    generatorVersion: SYNTHETIC_VERSION,
    today,
    builtAt: new Date().toISOString(),
    seedMs: Math.round(seedMs),
    seedCpuMs: Math.round((used.user + used.system) / 1000),
    plainTwinMs: Math.round(plainTwinMs),
  };
  // Written last: a vault without it (an interrupted build) is built again.
  fs.writeFileSync(metaFile, JSON.stringify(meta, null, 2) + '\n');
}

async function seedAs(vaultDir: string, account: { username: string; passphrase: string }, cases: number, log: (line: string) => void): Promise<void> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let lastProgress = 0;
  stderr.on('data', (chunk: Buffer) => {
    const now = Date.now();
    if (now - lastProgress > 10_000) {
      lastProgress = now;
      log(`  ${chunk.toString().trim().split('\n').at(-1)}`);
    }
  });
  stdout.resume();
  stdin.end(account.passphrase + '\n');
  const code = await runCli(['seed', '--data-dir', vaultDir, '--user', account.username, '--cases', String(cases), '--seed', String(BENCH_SEED)], { stdin, stdout, stderr });
  if (code !== 0) throw new Error(`seed as ${account.username} exited with ${code}`);
}

/**
 * A byte copy of the closed database (so the same pages in the same places), decrypted in
 * place: `rekey = ''` rewrites every page without the cipher. Rekeying needs a rollback
 * journal; the twin is switched back to WAL afterwards, like the vault.
 */
async function makePlainTwin(vaultDir: string, plainFile: string): Promise<void> {
  const paths = vaultPaths(vaultDir);
  const keyring = readKeyring(paths.keyring);
  const found = await openAccountSlot(keyring.vaultId, keyring.slots, WORKER.username, WORKER.passphrase);
  if (!found) throw new Error('bench passphrase does not open the vault');
  const { dataKey, secretKey } = decodeAccountPayload(found.payload);
  wipe(found.payload, secretKey);
  if (fs.existsSync(paths.database + '-wal')) throw new Error('the vault was not closed cleanly');
  fs.copyFileSync(paths.database, plainFile);
  const db = new Database(plainFile);
  try {
    db.pragma(`cipher = 'sqlcipher'`);
    db.pragma('legacy = 4');
    db.pragma(`key = "x'${toHex(dataKey)}'"`);
    db.pragma('journal_mode = DELETE');
    db.pragma(`rekey = ''`);
    db.pragma('journal_mode = WAL');
  } finally {
    db.close();
    wipe(dataKey);
  }
  const head = Buffer.alloc(15);
  const fd = fs.openSync(plainFile, 'r');
  fs.readSync(fd, head, 0, 15, 0);
  fs.closeSync(fd);
  if (head.toString() !== 'SQLite format 3') throw new Error('the plain twin is still encrypted');
}

// `tsx bench/vaults.ts build N` (what ensureVault runs).
if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === 'build') {
  buildVault(Number(process.argv[3]), (line) => console.log(line)).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
