import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { AppCore } from '../src/main/core/app/app-core';
import { REQUIRED_PRAGMAS } from '../src/main/core/db/open';
import { createRouter } from '../src/main/core/ipc/router';
import { useBuiltWorkers } from '../src/main/core/workers/start';
import { findByUsername, toSessionInfo } from '../src/main/core/users/accounts';
import { Session } from '../src/main/core/users/session';
import { UnlockedVault } from '../src/main/core/vault/vault';
import { explainQueries } from './explain';
import { writeMarkdown } from './report';
import { sessionAs } from '../tests/support/sessions';
import { ensureVault, clockFor, passphraseOf, SUPERVISOR, type BenchVault } from './vaults';
import { OPS, PERSONAS, type Call, type Op, type OpContext, type OpKind } from './ops';

/**
 * `npm run bench`: the case file at scale, on this machine. Vaults of 1,000, 10,000 and 100,000
 * synthetic cases (seeded by the real `seed` command, cached in bench/.cache/) are measured
 * THROUGH THE ROUTER, as the renderer calls it, signed in as the caseworker the cases are
 * assigned to; then the same operations on the plain twin of each vault (the same file,
 * decrypted) give the cost of the encryption as a ratio. Writes bench/results.json and
 * bench/results.md. Targets are reported, never enforced (a shared machine is noisy); this is
 * never part of `npm test`.
 *
 *   npm run bench                  all sizes
 *   npm run bench -- 1000 10000    only these sizes
 */
const SIZES = process.argv.slice(2).length ? process.argv.slice(2).map(Number) : [1_000, 10_000, 100_000];
const WARMUP = 3;
const RUNS = 30;
const SLOW_MS = 150;
const SLOW_RUNS = 10;
const UNLOCK_RUNS = 5;
const EXPERIMENT_CACHE_MIB = 128;

export const TARGETS = { interactiveP95Ms: 20, searchP95Ms: 50, statisticsP95Ms: 2000, encryptionRatio: 2.0, seed100kMs: 60_000 };

export interface Stats {
  runs: number;
  medianMs: number;
  /** CPU time of the process per call (median): less sensitive than wall time to other jobs on the machine. */
  cpuMedianMs: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
}

interface Sample {
  ms: number;
  cpuMs: number;
}

function stats(samples: Sample[]): Stats {
  const s = samples.map((x) => x.ms).sort((a, b) => a - b);
  const cpu = samples.map((x) => x.cpuMs).sort((a, b) => a - b);
  const at = (xs: number[], q: number) => xs[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)]!;
  const r = (x: number) => Math.round(x * 100) / 100;
  return { runs: s.length, medianMs: r(at(s, 0.5)), cpuMedianMs: r(at(cpu, 0.5)), p95Ms: r(at(s, 0.95)), minMs: r(s[0]!), maxMs: r(s.at(-1)!) };
}

/** Samples in ms; run i of an operation works on the same case in both databases. */
async function timeOp(op: Op, ctx: OpContext, runs: number, from: number, warmup = WARMUP): Promise<Sample[]> {
  for (let i = 0; i < warmup; i++) await op.run(ctx, 100_000 + from + i);
  const samples: Sample[] = [];
  for (let i = from; i < from + runs; i++) samples.push(await timed(() => op.run(ctx, i)));
  return samples;
}

async function timed(work: () => Promise<unknown>): Promise<Sample> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  await work();
  const ms = performance.now() - t;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000 };
}

function routerCall(core: AppCore, session: () => Session | null): Call {
  const router = createRouter(core, { onInternalError: (e) => console.error(e) });
  return async (channel, payload = {}) => {
    const result = await router.handle(session(), channel, payload);
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}`);
    return result.value;
  };
}

/**
 * A-B-B-A: half the encrypted runs, all the plain ones, the other half, so that a change in the
 * machine's load (other jobs, the disk flushing) weighs on both alike.
 */
async function compare(op: Op, encCtx: OpContext, plainCtx: OpContext, label: string): Promise<OpResult> {
  // A slow operation (a probe call over SLOW_MS) gets fewer runs, so the whole bench stays minutes.
  const probe = await timed(() => op.run(encCtx, 200_000));
  const slow = probe.ms > SLOW_MS;
  const runs = slow ? SLOW_RUNS : RUNS;
  const warmup = slow ? 1 : WARMUP;
  const half = runs / 2;
  if (op.encryptedOnly) {
    const enc = stats(await timeOp(op, encCtx, runs, 0, warmup));
    return { label, kind: op.kind, encrypted: enc, plain: null, ratio: null, cpuRatio: null };
  }
  const a1 = await timeOp(op, encCtx, half, 0, warmup);
  const plain = await timeOp(op, plainCtx, runs, 0, warmup);
  const a2 = await timeOp(op, encCtx, half, half, warmup);
  const enc = stats([...a1, ...a2]);
  const plainStats = stats(plain);
  return {
    label,
    kind: op.kind,
    encrypted: enc,
    plain: plainStats,
    ratio: Math.round((enc.medianMs / plainStats.medianMs) * 100) / 100,
    cpuRatio: plainStats.cpuMedianMs > 0 ? Math.round((enc.cpuMedianMs / plainStats.cpuMedianMs) * 100) / 100 : null,
  };
}

export interface OpResult {
  label: string;
  kind: OpKind | 'unlock';
  encrypted: Stats;
  plain: Stats | null;
  /** Median encrypted / median plain (wall time). */
  ratio: number | null;
  /** The same with CPU time: the cost of the cipher with less noise from other jobs. */
  cpuRatio: number | null;
}

export interface SizeResult {
  cases: number;
  seed: { ms: number; cpuMs: number; measuredThisRun: boolean; builtAt: string };
  databaseMiB: number;
  plainMiB: number;
  /** The main process's resident memory after the measurements (both databases open). */
  rssMiB: number;
  ops: Record<string, OpResult>;
  /** At the largest size: the role-dependent operations again with a bigger page cache. */
  cacheExperiment?: { cacheMiB: number; rssMiB?: number; ops: Record<string, OpResult> };
}

const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
const rss = () => mib(process.memoryUsage().rss);

async function measureSize(vault: BenchVault, log: (l: string) => void, withCacheExperiment: boolean): Promise<SizeResult> {
  const clock = clockFor(vault.meta);
  const core = new AppCore({ dataDir: vault.dir, clock });
  const result: SizeResult = {
    cases: vault.meta.cases,
    seed: { ms: vault.meta.seedMs, cpuMs: vault.meta.seedCpuMs, measuredThisRun: vault.built, builtAt: vault.meta.builtAt },
    databaseMiB: mib(fs.statSync(path.join(vault.dir, 'amparo.db')).size),
    plainMiB: mib(fs.statSync(vault.plainFile).size),
    rssMiB: 0,
    ops: {},
  };
  try {
    // Unlock: sign in through the router (Argon2id, open, migrations check, audit), then lock.
    const call = routerCall(core, () => core.session);
    const unlock: Sample[] = [];
    for (let i = 0; i < UNLOCK_RUNS; i++) {
      unlock.push(await timed(() => call('auth.login', { username: SUPERVISOR.username, passphrase: SUPERVISOR.passphrase })));
      if (i < UNLOCK_RUNS - 1) await call('session.lock', { reason: 'manual' });
    }
    result.ops.unlock = { label: 'unlock (sign in through the router: Argon2id + open)', kind: 'unlock', encrypted: stats(unlock), plain: null, ratio: null, cpuRatio: null };
    const supervisor = core.session!;
    const { vault: encVault } = supervisor;
    const caseIds = (encVault.db.prepare('SELECT id FROM cases ORDER BY code').all() as { id: string }[]).map((r) => r.id);

    // The plain twin: the same router and services on sessions whose database has no key.
    const plainDb = new Database(vault.plainFile);
    for (const p of REQUIRED_PRAGMAS) plainDb.pragma(p.set);
    const plainVault = new UnlockedVault(encVault.location, encVault.keyring, new Uint8Array(32), plainDb);
    // The caseworkers work in the same open vault as the supervisor (one process, one database),
    // as if they had signed in, each with their account's real secret key (opening a case
    // unwraps its key); the plain twin's sessions hold the same keys.
    const encSessions = new Map<string, Session>([[SUPERVISOR.username, supervisor]]);
    for (const p of PERSONAS) if (!encSessions.has(p.username)) encSessions.set(p.username, await sessionAs(encVault, p.username, passphraseOf(p.username)));
    const plainSessions = new Map(
      [...encSessions].map(([username, s]) => [username, new Session({ ...toSessionInfo(findByUsername(plainDb, username)!), mustChangePassphrase: false }, plainVault, s.secretKey.slice())]),
    );
    const personas = PERSONAS.map((p) => {
      const encrypted = encSessions.get(p.username)!;
      const plainSession = plainSessions.get(p.username)!;
      const visible = p.username === SUPERVISOR.username ? caseIds.length : (encVault.db.prepare('SELECT count(*) AS n FROM case_assignments WHERE account_id = ?').get(encrypted.accountId) as { n: number }).n;
      return {
        ...p,
        enc: { call: routerCall(core, () => encrypted), caseIds, db: encVault.db, visible } satisfies OpContext,
        plain: { call: routerCall(core, () => plainSession), caseIds, db: plainDb, visible } satisfies OpContext,
      };
    });
    try {
      for (const p of personas) {
        for (const op of OPS.filter((o) => p.allOps || o.roleDependent)) {
          const key = `${op.name}${p.suffix}`;
          const r = (result.ops[key] = await compare(op, p.enc, p.plain, `${op.label}${p.label}`));
          log(`  ${key}: encrypted median ${r.encrypted.medianMs} ms, p95 ${r.encrypted.p95Ms} ms${r.plain ? `; plain median ${r.plain.medianMs} ms, p95 ${r.plain.p95Ms} ms` : ''}`);
        }
      }
      result.rssMiB = rss();
      if (withCacheExperiment) {
        // A proposal measured: the same operations with a 128 MiB page cache on both connections
        // (the default is 16 MiB), so the pages a list reads again stay decrypted.
        for (const db of [encVault.db, plainDb]) db.pragma(`cache_size = ${-EXPERIMENT_CACHE_MIB * 1024}`);
        result.cacheExperiment = { cacheMiB: EXPERIMENT_CACHE_MIB, ops: {} };
        for (const p of personas) {
          for (const op of OPS.filter((o) => o.roleDependent)) {
            const key = `${op.name}${p.suffix}`;
            const r = (result.cacheExperiment.ops[key] = await compare(op, p.enc, p.plain, result.ops[key]!.label));
            log(`  [${EXPERIMENT_CACHE_MIB} MiB cache] ${key}: encrypted median ${r.encrypted.medianMs} ms, plain ${r.plain!.medianMs} ms`);
          }
        }
        result.cacheExperiment.rssMiB = rss();
      }
    } finally {
      plainVault.lock();
    }
  } finally {
    core.close();
  }
  return result;
}

export interface Verdict {
  target: string;
  value: string;
  pass: boolean;
}

function verdicts(size: SizeResult): Verdict[] {
  const out: Verdict[] = [];
  for (const [name, op] of Object.entries(size.ops)) {
    if (op.kind === 'unlock') continue;
    const limit = op.kind === 'search' ? TARGETS.searchP95Ms : op.kind === 'statistics' ? TARGETS.statisticsP95Ms : TARGETS.interactiveP95Ms;
    out.push({ target: `${name} p95 < ${limit} ms`, value: `${op.encrypted.p95Ms} ms`, pass: op.encrypted.p95Ms < limit });
  }
  for (const [name, op] of Object.entries(size.ops)) {
    if (op.ratio === null) continue;
    out.push({ target: `${name} encrypted/plain < ${TARGETS.encryptionRatio}×`, value: `${op.ratio}×`, pass: op.ratio < TARGETS.encryptionRatio });
  }
  out.push({ target: `seed ${size.cases} cases < ${TARGETS.seed100kMs / 1000} s`, value: `${(size.seed.ms / 1000).toFixed(1)} s`, pass: size.seed.ms < TARGETS.seed100kMs });
  return out;
}

async function main() {
  const log = (line: string) => console.log(line);
  // The statistics run in the worker the app ships (built by `npm run bench` first), not in one
  // that compiles its TypeScript on every start as it must when run from the sources.
  useBuiltWorkers(path.resolve(import.meta.dirname, '../out/main'));
  const started = Date.now();
  const sizes: SizeResult[] = [];
  let explain: Awaited<ReturnType<typeof explainQueries>> | null = null;
  for (const size of SIZES) {
    const vault = ensureVault(size);
    // Let the disk finish writing what building (or the last size) left dirty, before timing.
    if (process.platform !== 'win32') execFileSync('sync');
    log(`measuring ${size} cases${vault.built ? '' : ` (cached vault, seeded ${vault.meta.builtAt})`}`);
    sizes.push(await measureSize(vault, log, size === Math.max(...SIZES)));
    if (size === Math.max(...SIZES)) explain = await explainQueries(vault);
  }
  const largest = sizes.find((s) => s.cases === Math.max(...SIZES))!;
  const results = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadAverage: os.loadavg().map((l) => +l.toFixed(2)) },
    method: {
      through: 'createRouter(core).handle(session, channel, payload), as a supervisor (sees every case) and, where the queries depend on the role, as a caseworker with a realistic caseload and as the caseworker of all the other cases',
      warmup: WARMUP,
      runs: RUNS,
      slowRuns: `${SLOW_RUNS} runs after 1 warm-up when a first call takes over ${SLOW_MS} ms`,
      unlockRuns: UNLOCK_RUNS,
      plainTwin: 'the vault database copied byte for byte and decrypted with PRAGMA rekey = \'\'; same pragmas (WAL, synchronous=FULL, secure_delete, temp_store=MEMORY)',
    },
    targets: TARGETS,
    sizes,
    verdicts: { cases: largest.cases, checks: verdicts(largest) },
    explain,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    durationS: Math.round((Date.now() - started) / 1000),
  };
  const dir = import.meta.dirname;
  fs.writeFileSync(path.join(dir, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  fs.writeFileSync(path.join(dir, 'results.md'), writeMarkdown(results));
  log(`written bench/results.json and bench/results.md (${results.durationS} s)`);
  for (const v of results.verdicts.checks) log(`${v.pass ? 'pass' : 'MISS'}  ${v.target}: ${v.value}`);
}

export type Results = {
  date: string;
  machine: { cpus: number; model: string; memoryGiB: number; node: string; loadAverage: number[] };
  method: Record<string, unknown>;
  targets: typeof TARGETS;
  sizes: SizeResult[];
  verdicts: { cases: number; checks: Verdict[] };
  explain: Awaited<ReturnType<typeof explainQueries>> | null;
  peakRssMiB: number;
  durationS: number;
};

void main();
