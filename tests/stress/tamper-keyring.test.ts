import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../src/shared/errors';
import { AppCore } from '../../src/main/core/app/app-core';
import { createRouter } from '../../src/main/core/ipc/router';
import type { Keyring } from '../../src/main/core/vault/keyring';
import { vaultPaths } from '../../src/main/core/vault/paths';
import { ADMIN } from '../support/core-fixture';
import { ManualClock } from '../support/manual-clock';
import { makeTempDir } from '../support/temp-dir';
import { cli } from '../support/cli';
import { OutcomeTable, copyVault, expectRefused, expectVerifyFails } from './tamper-support';

/**
 * Issue 7 §4, the keyring: a byte changed (in its syntax, a slot, the MAC, the vault id, a public
 * key, and a sweep through the file), the file cut short, slots reordered, removed or exchanged,
 * edits that leave valid JSON with a wrong MAC, absurd key-derivation parameters, another vault's
 * keyring. Through the router's sign-in and recovery and the CLI's `verify`: each is a refusal
 * with a clear code, the vault is never opened with it, and neither the keyring nor the database
 * is written.
 *
 * A changed vault id or slot id cannot be told from a wrong passphrase before the key is known
 * (slot ids are derived from the passphrase, so the keyring names nobody): that person's sign-in
 * answers WRONG_CREDENTIALS, and the first sign-in by anyone whose slot still opens (or the
 * recovery key) answers KEYRING_TAMPERED, from the MAC.
 */
const WORKER = { username: 'marco.cw', passphrase: 'temporary river stone window' };
const NEW_PASS = 'a brand new passphrase for ana';

let temp: ReturnType<typeof makeTempDir>;
let pristine: string;
let recoveryKey: string;
let otherVaultKeyring: Buffer;
const internal: unknown[] = [];
const table = new OutcomeTable('keyring tampering: admin sign-in | worker sign-in | recovery key | verify');

const newCore = (dir: string) => new AppCore({ dataDir: dir, clock: new ManualClock() });

beforeAll(async () => {
  temp = makeTempDir('amparo-tamper-keyring-');
  pristine = path.join(temp.dir, 'pristine');
  const core = newCore(pristine);
  recoveryKey = (await core.createVault(ADMIN)).recoveryKey;
  const made = await createRouter(core).handle(core.session, 'users.create', { username: WORKER.username, displayName: 'Marco', role: 'caseworker', initialPassphrase: WORKER.passphrase });
  expect(made.ok).toBe(true);
  core.close();
  // Another vault, same administrator's name and passphrase: its keyring is valid, for another database.
  const other = newCore(path.join(temp.dir, 'other'));
  await other.createVault(ADMIN);
  other.close();
  otherVaultKeyring = fs.readFileSync(vaultPaths(path.join(temp.dir, 'other')).keyring);
}, 120_000);

afterAll(() => {
  table.print();
  temp?.remove();
});

type Who = 'admin' | 'worker' | 'recovery';
type Expect = Partial<Record<Who, ErrorCode | readonly ErrorCode[]>>;
const ANY_REFUSAL: readonly ErrorCode[] = ['KEYRING_INVALID', 'KEYRING_TAMPERED', 'WRONG_CREDENTIALS', 'KDF_DOWNGRADE', 'DATABASE_CORRUPT'];

/**
 * A copy of the pristine vault with its keyring's text replaced; then each sign-in of `expect`
 * through the router, and `verify`. The keyring and the database must be byte for byte as before.
 */
async function probe(name: string, tamper: (text: string) => string | Buffer, expected: Expect, options: { verify?: boolean } = {}): Promise<void> {
  const dir = copyVault(pristine, path.join(temp.dir, name.replace(/\W+/g, '-')));
  const { keyring, database } = vaultPaths(dir);
  fs.writeFileSync(keyring, tamper(fs.readFileSync(keyring, 'utf8')));
  const keyringBefore = fs.readFileSync(keyring);
  const databaseBefore = fs.readFileSync(database);
  const cells: string[] = [];
  for (const who of ['admin', 'worker', 'recovery'] as const) {
    const codes = expected[who];
    if (!codes) {
      cells.push('-');
      continue;
    }
    const core = newCore(dir);
    const router = createRouter(core, { onInternalError: (e) => internal.push(e) });
    const result =
      who === 'recovery'
        ? await router.handle(null, 'auth.recover', { recoveryKey, username: ADMIN.username, newPassphrase: NEW_PASS })
        : await router.handle(null, 'auth.login', who === 'admin' ? { username: ADMIN.username, passphrase: ADMIN.passphrase } : WORKER);
    expect(core.session, `${name}: nobody is signed in`).toBeNull();
    core.close();
    expectRefused(result, codes, `${name}: ${who}`);
    cells.push(result.ok ? 'ok' : result.error.code);
  }
  if (options.verify !== false) cells.push(`exit ${(await expectVerifyFails(dir, ADMIN.username, ADMIN.passphrase, `${name}: verify`)).code}`);
  else cells.push('-');
  expect(fs.readFileSync(keyring).equals(keyringBefore), `${name}: the keyring was not rewritten`).toBe(true);
  expect(fs.readFileSync(database).equals(databaseBefore), `${name}: the database was not touched`).toBe(true);
  expect(fs.existsSync(database + '-wal'), `${name}: the database was not opened for writing`).toBe(false);
  expect(internal, name).toEqual([]);
  table.add(name, ...cells);
}

const parsed = (text: string) => JSON.parse(text) as Keyring;
const written = (k: unknown) => JSON.stringify(k, null, 2) + '\n';
const editJson = (fn: (k: Keyring) => void) => (text: string) => {
  const k = parsed(text);
  fn(k);
  return written(k);
};
/** Replaces one base64 character of `value` (in the middle) by another valid one. */
const otherB64 = (value: string, at = Math.floor(value.length / 2)) => value.slice(0, at) + (value[at] === 'A' ? 'B' : 'A') + value.slice(at + 1);
/** Changes one byte of the text at the position where `needle` starts, plus `offset`. */
const byteAt = (needle: (k: Keyring) => string, offset: number, replace: (c: string) => string) => (text: string) => {
  const at = text.indexOf(needle(parsed(text))) + offset;
  expect(at).toBeGreaterThanOrEqual(offset);
  return text.slice(0, at) + replace(text[at]!) + text.slice(at + 1);
};

describe('a tampered keyring is refused, never used', () => {
  it('an untouched copy opens for both accounts and verifies', async () => {
    const dir = copyVault(pristine, path.join(temp.dir, 'untouched'));
    const core = newCore(dir);
    const router = createRouter(core);
    expect((await router.handle(null, 'auth.login', { username: ADMIN.username, passphrase: ADMIN.passphrase })).ok).toBe(true);
    core.close();
    expect((await cli(['verify', '--data-dir', dir, '--user', ADMIN.username], [ADMIN.passphrase])).code).toBe(0);
  });

  it('one byte changed: in the syntax, a slot, the MAC, a public key, the vault id', async () => {
    await probe('the first byte', (t) => 'x' + t.slice(1), { admin: 'KEYRING_INVALID', recovery: 'KEYRING_INVALID' });
    await probe('a byte of the administrator’s sealed slot', byteAt((k) => k.slots[0]!.ciphertext, 20, (c) => (c === 'A' ? 'B' : 'A')), { admin: 'KEYRING_TAMPERED', worker: 'KEYRING_TAMPERED' });
    await probe('a byte of the worker’s slot nonce', byteAt((k) => k.slots[1]!.nonce, 3, (c) => (c === 'A' ? 'B' : 'A')), { admin: 'KEYRING_TAMPERED', worker: 'KEYRING_TAMPERED' });
    await probe('a byte of the MAC', byteAt((k) => k.mac, 10, (c) => (c === 'A' ? 'B' : 'A')), { admin: 'KEYRING_TAMPERED', recovery: 'KEYRING_TAMPERED' });
    await probe('a byte of the recovery public key', byteAt((k) => k.recoveryPublicKey, 5, (c) => (c === 'A' ? 'B' : 'A')), { admin: 'KEYRING_TAMPERED' });
    await probe('a byte of the vault id', byteAt((k) => k.vaultId, 4, (c) => (c === 'a' ? 'b' : 'a')), { admin: 'WRONG_CREDENTIALS', recovery: 'KEYRING_TAMPERED' });
    await probe('a byte of a slot id', byteAt((k) => k.slots[0]!.id, 2, (c) => (c === 'A' ? 'B' : 'A')), { admin: 'WRONG_CREDENTIALS', worker: 'KEYRING_TAMPERED' });
  });

  it('one byte changed, a sweep through the file: never opens (verify runs the same unlock: not repeated here)', async () => {
    const size = fs.readFileSync(vaultPaths(pristine).keyring).length;
    for (let i = 1; i <= 6; i++) {
      const at = Math.floor((size * i) / 7);
      await probe(`byte ${at} of ${size} xor 0x01`, (t) => {
        const b = Buffer.from(t, 'utf8');
        b[at] = b[at]! ^ 0x01;
        return b;
      }, { admin: ANY_REFUSAL }, { verify: false });
    }
  });

  it('cut short', async () => {
    await probe('cut in half', (t) => t.slice(0, Math.floor(t.length / 2)), { admin: 'KEYRING_INVALID', recovery: 'KEYRING_INVALID' });
    await probe('the closing brace cut', (t) => t.trimEnd().slice(0, -1), { admin: 'KEYRING_INVALID' });
    await probe('emptied', () => '', { admin: 'KEYRING_INVALID' });
  });

  it('slots reordered, removed, exchanged with the recovery slot', async () => {
    await probe('the two account slots swapped', editJson((k) => k.slots.reverse()), { admin: 'KEYRING_TAMPERED', worker: 'KEYRING_TAMPERED' });
    await probe('the worker’s slot removed', editJson((k) => k.slots.pop()), { admin: 'KEYRING_TAMPERED', worker: 'WRONG_CREDENTIALS' });
    await probe(
      'the administrator’s slot and the recovery slot exchanged',
      editJson((k) => {
        const admin = k.slots[0]!;
        k.slots[0] = k.recovery;
        k.recovery = admin;
      }),
      { admin: 'WRONG_CREDENTIALS', worker: 'KEYRING_TAMPERED', recovery: 'KEYRING_INVALID' },
    );
  });

  it('valid JSON with a wrong MAC, or with a structure that is not a keyring', async () => {
    await probe('another MAC', editJson((k) => (k.mac = otherB64(k.mac))), { admin: 'KEYRING_TAMPERED', worker: 'KEYRING_TAMPERED', recovery: 'KEYRING_TAMPERED' });
    await probe('the MAC removed', editJson((k) => delete (k as Partial<Keyring>).mac), { admin: 'KEYRING_INVALID' });
    await probe('a field added', editJson((k) => Object.assign(k, { note: 'x' })), { admin: 'KEYRING_INVALID' });
    await probe('the attempts key replaced', editJson((k) => (k.attemptsPublicKey = otherB64(k.attemptsPublicKey, 4))), { admin: 'KEYRING_TAMPERED' });
  });

  it('absurd key-derivation parameters are refused before any derivation runs (no huge allocation, no endless unlock)', async () => {
    const started = Date.now();
    await probe('memory raised to a petabyte', editJson((k) => (k.slots[0]!.kdf.memoryKiB = 2 ** 40)), { admin: 'KEYRING_INVALID', worker: 'KEYRING_INVALID' });
    await probe('iterations raised to a billion', editJson((k) => (k.slots[0]!.kdf.iterations = 1e9)), { admin: 'KEYRING_INVALID' });
    expect(Date.now() - started).toBeLessThan(30_000);
    await probe('memory lowered below the floor', editJson((k) => (k.slots[0]!.kdf.memoryKiB = 1024)), { admin: 'KDF_DOWNGRADE' });
  });

  it('another vault’s keyring in its place: its slot opens, its key does not open this database', async () => {
    await probe('another vault’s keyring', () => otherVaultKeyring, { admin: 'DATABASE_CORRUPT', worker: 'WRONG_CREDENTIALS' });
  });
});
