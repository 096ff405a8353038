import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, contract, isChannel, type Channel } from '../../src/shared/contract';
import { AUTHORIZATION, isAllowed } from '../../src/shared/authorization';
import { ERROR_CODES } from '../../src/shared/errors';
import { MAX_ATTACHMENT_BYTES } from '../../src/main/core/cases/attachments';
import { verifyVault } from '../../src/main/core/vault/verify';
import { unlockWithPassphrase } from '../../src/main/core/vault/vault';
import { buildWorld, WHO, type World, type Who } from './support/fuzz-world';
import { compareSnapshots, takeSnapshot, type Snapshot } from './support/snapshot';
import { build, Huge, hostilePayloadArb, keyArb, mutate, opArb, validPayload, type Op } from './support/payloads';

/**
 * Issue 7 §1: every channel of the contract, fuzzed through the real router on a real vault with
 * real committed data (support/fuzz-world.ts). Each channel gets generated payloads — valid ones
 * for the sandbox, the valid shape with one field replaced, removed, wrapped or joined by a
 * prototype key, and hostile values (wrong types, huge strings, deep nesting, `__proto__`,
 * `constructor`) — from every role, a session that must change its passphrase, and no session.
 * Every answer must be a result matching the contract or a `{ code, message }` with a known code
 * other than INTERNAL and a short message that carries no stack and none of the input. After the
 * run: the database passes its integrity checks, the audit chain verifies, Object.prototype is
 * clean, and every row committed before the fuzz is unchanged unless it belongs to the sandbox.
 *
 * Deterministic per seed: fast-check prints the seed and the shrunk payload on a failure
 * (`FUZZ_SEED=<n>` replays it).
 */

let w: World;
let before: Snapshot;
const protoNames = Object.getOwnPropertyNames(Object.prototype).sort().join();
const arrayProtoNames = Object.getOwnPropertyNames(Array.prototype).sort().join();
/** One seed for the whole file (fast-check prints it with any counterexample; the final checks name it too). */
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const stats = { calls: 0, ok: 0, codes: new Map<string, number>() };

beforeAll(async () => {
  w = await buildWorld();
  before = takeSnapshot(w.vault.db, w.core.location.paths.keyring);
}, 120_000);
afterAll(() => w?.close());

/**
 * Runs per channel. Channels behind Argon2id (sign-in, recovery, passphrase change, new account:
 * ~0.4 s and 256 MiB per derivation when the shape is valid) get fewer runs, and so do those that
 * start a worker thread (statistics, retention's rewrite, backup) or write a PDF; the rest get
 * many, most of them refused by the router or the handler in well under a millisecond.
 */
const DEFAULT_RUNS = 250;
/** FUZZ_SCALE=0.1 for a quick look, 10 for a long night. */
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const runsOf = (channel: Channel) => Math.max(3, Math.round((RUNS[channel] ?? DEFAULT_RUNS) * SCALE));
/** Garbage payloads per channel, on top of its RUNS. */
const GARBAGE_RUNS = 1_000;
const ARGON2 = 30;
const WORKER = 25;
const RUNS: Partial<Record<Channel, number>> = {
  'auth.login': ARGON2,
  'auth.recover': ARGON2,
  'session.changePassphrase': ARGON2,
  'users.create': ARGON2,
  'users.resetPassphrase': ARGON2,
  'vault.confirmRecoveryKey': ARGON2,
  'recovery.createShares': ARGON2,
  'auth.recoverWithShares': 100,
  'statistics.dashboard': WORKER,
  'statistics.table': WORKER,
  'statistics.export': 2 * WORKER,
  'backup.create': 2 * WORKER,
  'retention.delete': 100,
  'retention.list': 100,
  'reports.caseReport': 100,
  'reports.subjectAccess': 100,
  'referrals.send': 100,
  'audit.exportCsv': 100,
};

/** Field names of the valid shapes: the router's messages may name them (never values). */
const FIELD_NAMES = new Set<string>();

function whoAllowed(channel: Channel): Who[] {
  return WHO.filter((who) => who !== 'none' && who !== 'pending' && isAllowed(AUTHORIZATION[channel], who)).concat(AUTHORIZATION[channel] === 'public' ? ['none'] : []);
}

/** The strings of a payload worth looking for in a message (bounded walk: payloads can be deep). */
function inputStrings(payload: unknown): string[] {
  const out: string[] = [];
  const stack: unknown[] = [payload];
  let budget = 5_000;
  while (stack.length && budget-- > 0) {
    const v = stack.pop();
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) stack.push(...v.slice(0, 50));
    else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v).slice(0, 50)) {
        if (!FIELD_NAMES.has(k)) out.push(k);
        stack.push(x);
      }
    }
  }
  // Codes (an enum value like 'supervisor' may be named in a message) are not input worth hiding;
  // free text (a passphrase, a name, a note, generated garbage) is.
  return out.filter((s) => s.trim().length >= 8 && !/^[a-z][a-zA-Z0-9._-]{0,39}$/.test(s)).map((s) => s.slice(0, 200));
}

function checkReply(channel: unknown, payload: unknown, reply: unknown): void {
  stats.calls += 1;
  const where = typeof channel === 'string' ? channel : `(a channel name of type ${typeof channel})`;
  expect(reply, where).toBeTypeOf('object');
  const r = reply as { ok: unknown; value?: unknown; error?: { code: unknown; message: unknown } };
  if (r.ok === true) {
    stats.ok += 1;
    expect(Object.keys(r).sort(), where).toEqual(['ok', 'value']);
    expect(isChannel(channel), where).toBe(true);
    const parsed = contract[channel as Channel].response.safeParse(r.value);
    expect(parsed.success, `${where}: the result matches the contract`).toBe(true);
    return;
  }
  expect(r.ok, where).toBe(false);
  expect(Object.keys(r).sort(), where).toEqual(['error', 'ok']);
  const { code, message } = r.error!;
  expect(Object.keys(r.error!).sort(), where).toEqual(['code', 'message']);
  stats.codes.set(String(code), (stats.codes.get(String(code)) ?? 0) + 1);
  expect(ERROR_CODES as readonly unknown[], where).toContain(code);
  if (code === 'INTERNAL') {
    const error = w.internalErrors.at(-1) as Error | undefined;
    // A test-only aid: the error's class and first line, never the payload (synthetic anyway).
    throw new Error(`${where} answered INTERNAL: ${error?.name}: ${String(error?.message).split('\n')[0]?.slice(0, 300)}\n${error?.stack?.split('\n').slice(1, 6).join('\n')}`);
  }
  expect(typeof message === 'string' && message.trim().length > 0, `${where}: a message`).toBe(true);
  const text = message as string;
  expect(text.length, where).toBeLessThanOrEqual(500);
  expect(text, `${where}: no stack trace`).not.toMatch(/\n\s*at |\.[cm]?[jt]s:\d+|node_modules|SQLITE_|Error:/);
  for (const s of inputStrings(payload)) expect(text.includes(s), `${where} (${String(code)}): the message "${text}" repeats the input ${JSON.stringify(s.slice(0, 40))}`).toBe(false);
}

function checkPrototypes(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort().join()).toBe(protoNames);
  expect(Object.getOwnPropertyNames(Array.prototype).sort().join()).toBe(arrayProtoNames);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(({} as Record<string, unknown>).inherited).toBeUndefined();
}

/** What the fake dialogs give: a file (garbage, empty, odd names, too big) or a cancel. */
const fileArb = fc.oneof(
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 4, arbitrary: fc.record({ name: fc.oneof(keyArb, fc.constantFrom('informe.pdf', '../../evil.exe', 'C:\\x\\y.png', '', new Huge(5000, 'a'))), bytes: fc.uint8Array({ maxLength: 2048 }) }) },
  { weight: 1, arbitrary: fc.constant('too-big' as const) },
);
type FileChoice = { name: string | Huge; bytes: Uint8Array } | null | 'too-big';

type Shape = { kind: 'valid'; n: number } | { kind: 'mutated'; n: number; op: Op } | { kind: 'hostile'; payload: unknown };

function pool(): unknown[] {
  // Ids a mutation may put anywhere. The protected cases and records are in (nobody fuzzed may
  // touch them, so the handlers must refuse them); the protected accounts and partner are not,
  // since an administrator may legitimately disable an account or remove a partner.
  const ids = [
    ...w.sandboxCases,
    ...w.protectedCases,
    w.retentionCase,
    ...w.sandboxRecords.map((r) => r.id),
    ...w.protectedRecords.map((r) => r.id),
    w.account.admin,
    w.account.sol,
    w.account.sam,
    w.account.dana,
    ...Object.values(w.team),
    w.partner.sandbox,
  ];
  const leaves: unknown[] = [];
  for (const channel of CHANNELS) {
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
      else leaves.push(v);
    };
    walk(validPayload(w, channel, 0));
  }
  return [...ids, ...new Set(leaves)];
}

function collectFieldNames(): void {
  for (const channel of CHANNELS) {
    for (let n = 0; n < 5; n++) {
      const walk = (v: unknown) => {
        if (Array.isArray(v)) v.forEach(walk);
        else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) {
          FIELD_NAMES.add(k);
          walk(x);
        }
      };
      walk(validPayload(w, channel, n));
    }
  }
}

describe('every channel, fuzzed (issue 7 §1)', () => {
  it('answers every channel of the contract, for every role and none, with a result or a clear error', async () => {
    collectFieldNames();
    const values = pool();
    const started = Date.now();
    for (const channel of CHANNELS.filter((c) => !process.env.FUZZ_ONLY || process.env.FUZZ_ONLY.split(',').includes(c))) {
      const allowed = whoAllowed(channel);
      const whoArb = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...allowed) }, { weight: 1, arbitrary: fc.constantFrom(...WHO) });
      const shapeArb: fc.Arbitrary<Shape> = fc.oneof(
        { weight: 2, arbitrary: fc.nat().map((n) => ({ kind: 'valid' as const, n })) },
        { weight: 6, arbitrary: fc.record({ n: fc.nat(), op: opArb(values) }).map(({ n, op }) => ({ kind: 'mutated' as const, n, op })) },
        { weight: 2, arbitrary: hostilePayloadArb.map((payload) => ({ kind: 'hostile' as const, payload })) },
      );
      const property = fc.asyncProperty(whoArb, shapeArb, fileArb, fc.boolean(), async (who, shape, file: FileChoice, save) => {
        const payload = shape.kind === 'valid' ? validPayload(w, channel, shape.n) : shape.kind === 'mutated' ? mutate(validPayload(w, channel, shape.n), shape.op) : build(shape.payload);
        w.nextFile = () => (file === 'too-big' ? { name: 'big.bin', bytes: new Uint8Array(MAX_ATTACHMENT_BYTES + 1) } : file && { name: String(build(file.name)), bytes: file.bytes });
        w.saveDialog.enabled = save;
        const reply = await w.router.handle(w.sessions[who], channel, payload);
        checkReply(channel, payload, reply);
        checkPrototypes();
      });
      const t = Date.now();
      await fc.assert(property, { numRuns: runsOf(channel), seed, endOnFailure: true });
      // Thousands more per channel, garbage only (wrong types, huge strings, deep nesting,
      // prototype keys): cheap, since the router refuses them before a handler runs, so the
      // channels behind Argon2id get them too. Mostly as someone allowed, so the payload is checked.
      const garbage = fc.asyncProperty(whoArb, hostilePayloadArb, async (who, raw) => {
        const payload = build(raw);
        const reply = await w.router.handle(w.sessions[who], channel, payload);
        checkReply(channel, payload, reply);
        checkPrototypes();
      });
      await fc.assert(garbage, { numRuns: Math.max(10, Math.round(GARBAGE_RUNS * SCALE)), seed, endOnFailure: true });
      if (process.env.FUZZ_VERBOSE) console.log(`${channel}: ${Date.now() - t} ms`);
    }
    if (process.env.FUZZ_VERBOSE) console.log(`${stats.calls} calls, ${stats.ok} ok, in ${Date.now() - started} ms`, Object.fromEntries(stats.codes));
    expect(w.internalErrors).toEqual([]);
    if (!process.env.FUZZ_ONLY) expect(stats.ok).toBeGreaterThan(500 * SCALE);
    // About 1,250 payloads per channel (1,030 behind Argon2id): minutes, not seconds.
  }, 600_000);

  it('refuses unknown and non-string channel names with UNKNOWN_CHANNEL, whoever asks', async () => {
    const names = fc.oneof(
      fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', 'cases.list ', ' cases.list', 'Cases.list', 'cases.list\u0000', 'cases', 'cases.', '', 'app.status.x'),
      fc.string(),
      fc.anything({ withObjectString: true, withBoxedValues: true, withNullPrototype: true, withMap: true }),
      fc.constantFrom(...CHANNELS).map((c) => [c]),
      fc.constantFrom(...CHANNELS).map((c) => new String(c)),
      fc.constantFrom(...CHANNELS).map((c) => ({ toString: () => c })),
    );
    await fc.assert(
      fc.asyncProperty(names, fc.constantFrom(...WHO), hostilePayloadArb, async (name, who, payload) => {
        fc.pre(!isChannel(name));
        const reply = await w.router.handle(w.sessions[who], name, build(payload));
        checkReply(name, payload, reply);
        expect(reply).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
        checkPrototypes();
      }),
      { numRuns: Math.max(10, Math.round(2_000 * SCALE)), seed },
    );
  });

  it('treats a field sent as undefined as not sent (found by the fuzz: settings dropped, a case header INTERNAL)', async () => {
    const admin = w.sessions.administrator;
    const set = await w.router.handle(admin, 'settings.update', { idleMinutes: 12, contentProtection: true, backupReminderDays: 7, retentionYears: 5 });
    expect(set).toMatchObject({ ok: true, value: { idleMinutes: 12 } });
    const reply = await w.router.handle(admin, 'settings.update', { idleMinutes: undefined, contentProtection: undefined, retentionYears: 5 });
    expect(reply).toMatchObject({ ok: true, value: { idleMinutes: 12, contentProtection: true, retentionYears: 5 } });
    expect(await w.router.handle(admin, 'settings.get', {})).toMatchObject({ ok: true, value: { idleMinutes: 12 } });
    // The same for a case's header: `status: undefined` reached the UPDATE (INTERNAL, NOT NULL).
    const caseId = w.sandboxCases[0]!;
    const { version } = w.vault.db.prepare('SELECT version FROM cases WHERE id = ?').get(caseId) as { version: number };
    expect(await w.router.handle(w.sessions.caseworker, 'cases.updateHeader', { caseId, version, change: { status: undefined, office: 'Quito' } })).toMatchObject({ ok: true, value: { office: 'Quito' } });
  });

  it('leaves the vault whole: integrity, audit chain, and every row committed before unchanged', async () => {
    const db = w.vault.db;
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // SQLCipher's page-by-page HMAC check (an engine without it answers no rows; verifyVault's
    // integrity_check below reads and authenticates every page either way).
    expect(db.pragma('cipher_integrity_check') as unknown[]).toEqual([]);
    const checks = verifyVault(w.vault);
    expect(checks.filter((c) => !c.ok), `replay with FUZZ_SEED=${seed}`).toEqual([]);
    expect(checks.map((c) => c.name)).toContain('audit chain');

    // The data as committed before the fuzz. The rows the fuzz may legitimately have changed:
    // the sandbox's cases and every row of theirs (by case id), the sandbox's accounts and
    // partner, the settings a valid call may write (preferences, organisation name, the flags
    // of a confirmed recovery key, a backup or a retention rewrite), and the running totals
    // (audit head, case counters, case counts per team and assignee). Everything else — the
    // protected cases, records, identities, attachments, history, the other accounts, teams,
    // every audit entry before the fuzz, every keyring slot — must be byte for byte the same.
    const sandboxCases = new Set([...w.sandboxCases, w.retentionCase]);
    const sandboxAccounts = new Set([w.account.sol, w.account.sam, w.account.dana]);
    const settingKeys = new Set(['security', 'organisation-name', 'recovery-key-confirmed-at', 'last-backup-at', 'retention-rewrite-pending', 'statistics-rules']);
    // A sandbox account's slot goes when it is disabled (or would change with a new passphrase).
    const sandboxSlots = new Set([...before.tables.get('accounts')!.values()].map((t) => JSON.parse(t) as { id: string; slot_id: string | null }).filter((a) => sandboxAccounts.has(a.id)).map((a) => String(a.slot_id)));
    const after = takeSnapshot(db, w.core.location.paths.keyring);
    const problems = compareSnapshots(before, after, (table, row) => {
      if (['audit_head', 'case_counters', 'team_case_counts', 'assignee_case_counts'].includes(table)) return true;
      if (table === 'settings') return settingKeys.has(String(row.key));
      if (table === 'cases') return sandboxCases.has(String(row.id));
      if ('case_id' in row) return sandboxCases.has(String(row.case_id));
      if (table === 'accounts') return sandboxAccounts.has(String(row.id));
      if (table === 'partner_organisations') return row.id === w.partner.sandbox;
      return false;
    }, (slotId) => sandboxSlots.has(slotId));
    expect(problems, `replay with FUZZ_SEED=${seed}`).toEqual([]);
    // The protected cases are all there, as their people see them.
    for (const caseId of w.protectedCases) expect(db.prepare('SELECT count(*) AS n FROM cases WHERE id = ?').get(caseId)).toEqual({ n: 1 });

    // A fresh unlock (the keyring's MAC and every slot parsed) of the files as they are now.
    w.clock.advance(24 * 3600_000); // past any sign-in delay the fuzz's wrong passphrases caused
    const fresh = await unlockWithPassphrase(w.core.location, 'ana.admin', 'lantern harbour violet compass');
    try {
      expect(verifyVault(fresh.vault).filter((c) => !c.ok)).toEqual([]);
    } finally {
      fresh.vault.lock();
    }
    checkPrototypes();
  });
});
