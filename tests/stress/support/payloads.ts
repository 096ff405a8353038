import fc from 'fast-check';
import type { Channel } from '../../../src/shared/contract';
import { SECTION_NAMES } from '../../../src/shared/case-file/sections';
import { RECORD_KINDS } from '../../../src/shared/case-file/records';
import type { World } from './fuzz-world';

/**
 * Payloads for the channel fuzz: a valid shape per channel (built at call time, so versions are
 * current and the handlers really run), one-field mutations of it, and hostile values.
 *
 * Big or deep values are generated as small recipes (`Huge`, `Deep`) and built only when the
 * payload is sent, so that fast-check's counterexample stays readable.
 */
export class Huge {
  constructor(
    readonly length: number,
    readonly unit: string,
  ) {}
  build(): string {
    return this.unit.repeat(Math.ceil(this.length / this.unit.length)).slice(0, this.length);
  }
  [fc.toStringMethod](): string {
    return `Huge(${this.length}, ${JSON.stringify(this.unit)})`;
  }
}

export class Deep {
  constructor(
    readonly depth: number,
    readonly shape: 'array' | 'object' | 'proto',
  ) {}
  build(): unknown {
    let v: unknown = 'bottom';
    for (let i = 0; i < this.depth; i++) v = this.shape === 'array' ? [v] : this.shape === 'object' ? { a: v } : ownProto({ polluted: v });
    return v;
  }
  [fc.toStringMethod](): string {
    return `Deep(${this.depth}, ${this.shape})`;
  }
}

/** An object whose own key is `__proto__` (as JSON.parse or structured clone can produce). */
export function ownProto(value: unknown, rest: Record<string, unknown> = {}): Record<string, unknown> {
  const o: Record<string, unknown> = { ...rest };
  Object.defineProperty(o, '__proto__', { value, enumerable: true, writable: true, configurable: true });
  return o;
}

/** Turns recipes into the values they stand for (outermost level of a mutation's value only). */
export function build(v: unknown): unknown {
  return v instanceof Huge || v instanceof Deep ? v.build() : v;
}

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'isPrototypeOf'];
export const keyArb = fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.string({ maxLength: 12 }));

const hostileAnything = fc.anything({
  key: keyArb,
  maxDepth: 3,
  maxKeys: 5,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
});

const hugeArb = fc
  .record({ length: fc.constantFrom(201, 501, 1025, 4097, 65_537, 1 << 20, 8 << 20), unit: fc.constantFrom('x', 'é', '🙂', '\u0000', ' ', "'; DROP TABLE cases; --", '%s%n', '<script>') })
  .map(({ length, unit }) => new Huge(length, unit));
const deepArb = fc.record({ depth: fc.constantFrom(10, 100, 1000, 10_000, 100_000), shape: fc.constantFrom('array' as const, 'object' as const, 'proto' as const) }).map(({ depth, shape }) => new Deep(depth, shape));

const weirdStrings = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  '\uD800',
  '\u202E',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  "' OR 1=1 --",
  '" OR ""="',
  '"*',
  'NEAR(a b)',
  'a* OR b*',
  '../../../etc/passwd',
  'C:\\Windows\\win.ini',
  '2026-02-30',
  '0000-00-00',
  '9999-12-31',
  '2026-11-27T25:61:00Z',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '$where',
  '{"__proto__":{"polluted":1}}',
);
const weirdNumbers = fc.constantFrom(0, -0, -1, 1, 0.5, NaN, Infinity, -Infinity, 2 ** 31, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e308, Number.MIN_VALUE, Number.MAX_VALUE);
const protoObjects = fc.constantFrom(
  () => ownProto({ polluted: 'yes' }),
  () => ({ constructor: { prototype: { polluted: 'yes' } } }),
  () => JSON.parse('{"__proto__":{"polluted":"yes"},"a":1}') as unknown,
  () => Object.create(null) as unknown,
  () => Object.assign(Object.create({ inherited: 'yes' }) as object, { own: 1 }),
);

/** Values a mutation puts in place of a field. `pool` holds every id and leaf of the world. */
export function valueArb(pool: readonly unknown[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: hostileAnything },
    { weight: 3, arbitrary: fc.nat().map((i) => pool[i % pool.length]) },
    { weight: 2, arbitrary: weirdStrings },
    { weight: 2, arbitrary: weirdNumbers },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: hugeArb },
    { weight: 1, arbitrary: deepArb },
    { weight: 1, arbitrary: protoObjects.map((f) => f()) },
    { weight: 1, arbitrary: fc.constantFrom(null, undefined, true, false, [], {}) },
  );
}

/** A whole payload that has nothing to do with the channel. */
export const hostilePayloadArb = fc.oneof(
  hostileAnything,
  hugeArb,
  deepArb,
  protoObjects.map((f) => f()),
  fc.dictionary(keyArb, hostileAnything, { maxKeys: 6 }),
  fc.constantFrom(null, undefined, 0, '', [], {}, 'payload', true),
);

export type Op = { op: 'replace' | 'delete' | 'addKey' | 'wrap'; at: number; key: string; value: unknown };
export const opArb = (pool: readonly unknown[]): fc.Arbitrary<Op> =>
  fc.record({ op: fc.constantFrom('replace' as const, 'replace' as const, 'replace' as const, 'delete' as const, 'addKey' as const, 'wrap' as const), at: fc.nat(), key: keyArb, value: valueArb(pool) });

type Path = (string | number)[];
function pathsOf(v: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => pathsOf(x, [...at, i], out));
  else if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) pathsOf((v as Record<string, unknown>)[k], [...at, k], out);
  return out;
}

function clone(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(clone);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone(x)]));
  return v;
}

function setOwn(o: Record<string | number, unknown>, key: string | number, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The base with one change at one place (the place chosen by `at` among all its nodes). */
export function mutate(base: unknown, { op, at, key, value }: Op): unknown {
  const root = clone(base);
  const paths = pathsOf(root);
  const path = paths[at % paths.length]!;
  const v = build(value);
  if (path.length === 0) {
    if (op === 'addKey' && root !== null && typeof root === 'object') {
      setOwn(root as Record<string, unknown>, key, v);
      return root;
    }
    return op === 'wrap' ? [root] : op === 'delete' ? undefined : v;
  }
  let parent = root as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (op === 'delete') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else if (op === 'addKey') {
    const target = parent[last];
    if (target !== null && typeof target === 'object' && !Array.isArray(target)) setOwn(target as Record<string, unknown>, key, v);
    else setOwn(parent, last, v);
  } else if (op === 'wrap') setOwn(parent, last, [parent[last]]);
  else setOwn(parent, last, v);
  return root;
}

/**
 * One valid payload per channel, for the world's sandbox. `n` picks among the sandbox's targets.
 * Versions are read at call time, so a write is usually current and really happens.
 */
export function validPayload(w: World, channel: Channel, n: number): unknown {
  const db = w.vault.db;
  const pick = <T>(items: readonly T[]): T => items[n % items.length]!;
  const caseId = pick([...w.sandboxCases, w.retentionCase]);
  const caseVersion = (id: string) => (db.prepare('SELECT version FROM cases WHERE id = ?').get(id) as { version: number } | undefined)?.version ?? 1;
  const record = pick(w.sandboxRecords);
  const recordVersion = (db.prepare('SELECT version FROM case_records WHERE id = ?').get(record.id) as { version: number } | undefined)?.version ?? 1;
  const section = pick(SECTION_NAMES.filter((s) => s !== 'closure'));
  const sectionVersion = (db.prepare('SELECT version FROM case_sections WHERE case_id = ? AND section = ?').get(caseId, section) as { version: number } | undefined)?.version ?? 0;
  const identityVersion = (db.prepare('SELECT version FROM case_identity WHERE case_id = ?').get(caseId) as { version: number } | undefined)?.version ?? 0;
  const kind = pick(RECORD_KINDS.filter((k) => k !== 'referral'));
  const statsRange = pick([{}, { fromYear: 2020, toYear: 2026 }, { fromYear: null, toYear: 2026 }]);
  // By name, with a default: channels added to the contract later still get fuzzed (with `{}`).
  switch (channel as string) {
    case 'app.status':
    case 'session.activity':
    case 'settings.get':
    case 'users.list':
    case 'teams.list':
    case 'staff.directory':
    case 'backup.create':
    case 'backup.status':
    case 'cases.home':
    case 'retention.list':
    case 'organisation.get':
    case 'organisation.exportKey':
    case 'partners.list':
    case 'partners.readKeyFile':
    case 'referrals.open':
    case 'statistics.progress':
    case 'audit.verify':
      return {};
    case 'preferences.setLanguage':
      return { language: pick(['en', 'es']) };
    // Argon2id (256 MiB, ~0.4 s) behind each of these once the shape is valid: vault.create stops
    // at VAULT_EXISTS first; the others derive a key from a wrong passphrase or recovery key.
    case 'vault.create':
      return { username: 'new.admin', displayName: 'New Admin', passphrase: 'another long passphrase here' };
    case 'vault.confirmRecoveryKey':
      return { recoveryKey: pick([w.recoveryKey, w.wrongRecoveryKey, 'AAAA-BBBB']) };
    case 'auth.login':
      return { username: pick(['sam.cw', 'nobody.here', 'ana.admin']), passphrase: 'not the right passphrase at all' };
    case 'auth.recover':
      return { recoveryKey: pick([w.wrongRecoveryKey, 'AAAA-BBBB']), username: 'dana.cw', newPassphrase: 'a brand new passphrase for dana' };
    case 'auth.recoverWithShares':
      return { shares: ['amparo-share-1-of-3 garbage', 'amparo-share-2-of-3 garbage'], username: 'dana.cw', newPassphrase: 'a brand new passphrase for dana' };
    case 'session.lock':
      return { reason: pick(['manual', 'quick-hide', 'logout']) };
    case 'session.changePassphrase':
      return { currentPassphrase: 'not the current passphrase', newPassphrase: 'a brand new passphrase for me' };
    case 'settings.update':
      return pick([{ idleMinutes: 10 }, { contentProtection: true }, { backupReminderDays: 30 }, { retentionYears: 5 }, { idleMinutes: 5, contentProtection: true, backupReminderDays: 7, retentionYears: 5 }]);
    case 'users.create':
      return { username: `fuzz.${n % 100_000}`, displayName: 'Fuzz Account', role: pick(['caseworker', 'coordinator', 'supervisor', 'administrator']), initialPassphrase: 'fuzzed account passphrase words', teamId: pick([w.team.quito, null]) };
    case 'users.disable':
      return { accountId: pick([w.account.dana, w.account.admin]) };
    case 'users.resetPassphrase':
      return { accountId: w.account.dana, recoveryKey: pick([w.wrongRecoveryKey, 'AAAA-BBBB']), newPassphrase: 'a brand new passphrase for dana' };
    case 'users.setTeam':
      return { accountId: pick([w.account.dana, w.account.sam]), teamId: pick([w.team.quito, null]) };
    case 'teams.create':
      return { name: `Equipo ${n % 1000}`, supervisorId: w.account.sol };
    case 'recovery.createShares':
      return { recoveryKey: pick([w.recoveryKey, w.wrongRecoveryKey]), threshold: 2, shares: 3 };
    case 'audit.query':
      return pick([{}, { limit: 5 }, { action: 'case.viewed', limit: 3 }, { from: '2026-01-01', to: '2026-12-31', beforeSeq: 10 }, { caseCode: 'AR-2026-0001' }]);
    case 'audit.exportCsv':
      return pick([{}, { action: 'session.login' }, { actorId: w.account.sam }]);
    case 'cases.list':
      return pick([{}, { status: ['open'], sort: 'code', direction: 'asc', limit: 5 }, { followUpDue: true }, { assignedTo: w.account.sam, offset: 1 }, { riskLevel: ['high'], track: 'medical' }]);
    case 'cases.create':
      return w.intake;
    case 'cases.get':
    case 'cases.timeline':
    case 'cases.history':
    case 'attachments.add':
      return { caseId };
    case 'cases.updateHeader':
      return { caseId, version: caseVersion(caseId), change: pick([{ office: 'Quito' }, { status: 'follow-up' }, { status: 'open' }, {}]) };
    case 'cases.reassign':
      return { caseId, version: caseVersion(caseId), assignedIds: pick([[w.account.sam], [w.account.sam, w.account.dana]]), reason: 'fuzz' };
    case 'cases.saveSection':
      return { caseId, version: sectionVersion, section, data: w.sections[section] };
    case 'cases.saveIdentity':
      return { caseId, version: identityVersion, data: w.identity };
    case 'records.add':
      return { caseId, kind, data: w.records[kind] };
    case 'records.update':
      return { recordId: record.id, version: recordVersion, kind: record.kind, data: w.records[record.kind] };
    case 'cases.search':
      return { query: pick(['Rosa', 'Quispe', 'albergue', '', 'AR-2026']), limit: pick([1, 50, 200]) };
    case 'retention.delete':
      return { caseId: w.retentionCase, reason: 'past retention' };
    case 'organisation.setName':
      return { name: pick(['Amparo Quito', 'Amparo Lima']) };
    case 'partners.add':
      return { name: 'Nueva Casa', ...w.newPartner, confirmed: true };
    case 'partners.remove':
      return { partnerId: w.partner.sandbox };
    case 'referrals.send':
      return { caseId, partnerId: w.partner.sandbox, parts: pick([['profile'], ['identity', 'service', 'note']]), servicesRequested: [], reason: 'fuzz', overrideReason: pick(['', 'urgent']) };
    case 'referrals.accept':
    case 'referrals.discard':
      return { token: pick(['0123456789abcdef0123456789abcdef', 'ffffffffffffffffffffffffffffffff']) };
    case 'reports.caseReport':
      return { caseId, sections: pick([['header'], ['header', 'profile', 'services', 'notes', 'clinical']]), includeIdentity: n % 2 === 0, language: pick(['en', 'es']) };
    case 'reports.subjectAccess':
      return { caseId, format: pick(['json', 'pdf']), language: pick(['en', 'es']), includeAttachmentBytes: n % 2 === 0 };
    case 'statistics.dashboard':
      return statsRange;
    case 'statistics.table':
      return { dimensions: pick([['year'], ['gender', 'age_band'], ['citizenship', 'year', 'gender']]), ...statsRange };
    case 'statistics.export':
      return pick([
        { what: 'table', dimensions: ['year'], format: 'csv' },
        { what: 'dashboard', format: 'xlsx', language: 'es' },
        { what: 'microdata', format: 'csv' },
      ]);
    case 'statistics.rules':
      return {};
    case 'statistics.setRules':
      return pick([{ threshold: 10, roundingBase: 10, k: 11, maxEpsilon: 100 }, { threshold: 20, roundingBase: 10, k: 15, maxEpsilon: 2 }]);
    // Replacing the vault by a backup: the core refuses it to a session that is not its own
    // signed-in one (FORBIDDEN) and while a vault exists (VAULT_EXISTS), before any dialog.
    case 'backup.restore':
    case 'vault.restore':
      return { username: 'ana.admin', passphrase: 'not the right passphrase at all' };
    default:
      return {};
  }
}
