import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../src/main/core/app/app-core';
import { createRouter } from '../../src/main/core/ipc/router';
import { appendAudit, entryHash, verifyAuditChain } from '../../src/main/core/audit/chain';
import { createBackup } from '../../src/main/core/backup/create';
import { MAGIC, TAG_BYTES } from '../../src/main/core/backup/format';
import { createCase } from '../../src/main/core/cases/service';
import { wipe } from '../../src/main/core/crypto/bytes';
import { canonicalJson } from '../../src/main/core/crypto/canonical-json';
import { openDatabase, type Db } from '../../src/main/core/db/open';
import { exportOrganisationKey, setOrganisationName } from '../../src/main/core/referrals/organisation';
import { addPartner, readKeyFile } from '../../src/main/core/referrals/partners';
import { sendReferral } from '../../src/main/core/referrals/send';
import type { Session } from '../../src/main/core/users/session';
import { vaultPaths } from '../../src/main/core/vault/paths';
import { makeCaseVault } from '../support/case-fixture';
import { ADMIN } from '../support/core-fixture';
import { makeTempDir } from '../support/temp-dir';
import { cli, snapshot } from '../support/cli';
import { OutcomeTable, copyVault, errorLines, expectRefused, expectVerifyFails, swapRegions } from './tamper-support';

/**
 * Issue 7 §4, the files that leave the machine and the audit trail:
 * - a backup file: a byte changed at several offsets, cut short, chunks swapped, bytes appended,
 *   the keyring section edited with its checksum fixed, a backup of a vault whose audit trail
 *   was edited — through the CLI's `verify-backup` and `restore` (exit 1, one line, nothing left
 *   in the target, the backup and the vault untouched);
 * - a referral package: the same kinds of damage, through the router's `referrals.open` (a clear
 *   REFERRAL_* refusal, audited, no case created, the partner's audit trail intact);
 * - the audit trail edited with the key in ways the existing tests do not cover (the head's record
 *   deleted, an entry appended past the head, an unreadable detail), through `verify`.
 * (tests/integration/backup*.test.ts and referral-packages.test.ts already flip every kind of byte
 * through the core functions; tests/unit/audit/verify-tamper.test.ts deletes and reorders entries.)
 */
let temp: ReturnType<typeof makeTempDir>;
let sender: Awaited<ReturnType<typeof makeCaseVault>>;
let partner: Awaited<ReturnType<typeof makeCaseVault>>;
const tableBackup = new OutcomeTable('backup tampering: verify-backup | restore');
const tableReferral = new OutcomeTable('referral package tampering: referrals.open');

beforeAll(async () => {
  temp = makeTempDir('amparo-tamper-files-');
  [sender, partner] = [await makeCaseVault(), await makeCaseVault()];
}, 120_000);

afterAll(() => {
  tableBackup.print();
  tableReferral.print();
  sender?.cleanup();
  partner?.cleanup();
  temp?.remove();
});

describe('a tampered backup file is refused by verify-backup and restore', () => {
  let file: string;
  let second: string;
  let bytes: Buffer;
  let layout: { headerStart: number; keyringStart: number; dbStart: number; dbBytes: number };

  beforeAll(async () => {
    createCase(sender.worker, { office: 'Lima', identity: { givenNames: 'Persona Sintética' }, profile: { gender: 'Feminine' } });
    file = path.join(temp.dir, 'office.amparo-backup');
    second = path.join(temp.dir, 'office-2.amparo-backup');
    await createBackup(sender.admin, file);
    await createBackup(sender.admin, second);
    bytes = fs.readFileSync(file);
    const headerLength = bytes.readUInt32BE(MAGIC.length);
    const headerStart = MAGIC.length + 4;
    const header = JSON.parse(bytes.subarray(headerStart, headerStart + headerLength).toString('utf8')) as { keyringBytes: number; databaseBytes: number };
    const keyringStart = headerStart + headerLength;
    layout = { headerStart, keyringStart, dbStart: keyringStart + header.keyringBytes, dbBytes: header.databaseBytes };
    expect(bytes.length).toBe(layout.dbStart + layout.dbBytes + TAG_BYTES);
  }, 120_000);

  /** Writes the variant, runs verify-backup (and restore when asked): exit 1, one line, nothing left. */
  async function probe(name: string, variant: Buffer, options: { restore?: boolean; expect?: RegExp } = {}) {
    const target = path.join(temp.dir, `${name.replace(/\W+/g, '-')}.amparo-backup`);
    fs.writeFileSync(target, variant);
    const vaultBefore = snapshot(sender.dir);
    const verify = await cli(['verify-backup', '--from', target, '--user', ADMIN.username], [ADMIN.passphrase]);
    expect(verify.code, `${name}: ${verify.err}`).toBe(1);
    const line = errorLines(verify.err);
    expect(line, `${name}: ${verify.err}`).toHaveLength(1);
    expect(line[0], name).toMatch(options.expect ?? /not a usable Amparo backup/);
    const cells = [name, line[0]!.replace(/^amparo: /, '')];
    if (options.restore) {
      const into = path.join(temp.dir, `restored-${name.replace(/\W+/g, '-')}`);
      const restore = await cli(['restore', '--from', target, '--data-dir', into, '--user', ADMIN.username], [ADMIN.passphrase]);
      expect(restore.code, `${name}: ${restore.err}`).toBe(1);
      expect(errorLines(restore.err), name).toHaveLength(1);
      expect(fs.existsSync(into), `${name}: nothing is left where it was to be restored`).toBe(false);
      cells.push(`exit ${restore.code}, nothing left`);
    }
    expect(fs.readFileSync(target).equals(variant), `${name}: the backup file is untouched`).toBe(true);
    expect(snapshot(sender.dir), `${name}: the vault is untouched`).toEqual(vaultBefore);
    tableBackup.add(...cells);
  }

  const flipped = (at: number) => {
    const b = Buffer.from(bytes);
    b[at] = b[at]! ^ 0x01;
    return b;
  };

  it('the untouched file verifies', async () => {
    expect((await cli(['verify-backup', '--from', file, '--user', ADMIN.username], [ADMIN.passphrase])).code).toBe(0);
  });

  it('one byte changed: the header, the keyring section, the first and a middle database page, the tag', async () => {
    await probe('a byte of the header', flipped(layout.headerStart + 20), { restore: true });
    await probe('a byte of the keyring section', flipped(layout.keyringStart + 100));
    await probe('a byte of the first database page', flipped(layout.dbStart + 5));
    await probe('a byte in the middle of the database', flipped(layout.dbStart + Math.floor(layout.dbBytes / 2)), { restore: true });
    await probe('a byte of the tag', flipped(bytes.length - 1));
  });

  it('cut short: mid-database, the tag removed, only the header and keyring left', async () => {
    await probe('cut in the middle of the database', bytes.subarray(0, layout.dbStart + Math.floor(layout.dbBytes / 2)), { restore: true, expect: /cut short/ });
    await probe('the tag cut off', bytes.subarray(0, bytes.length - TAG_BYTES), { expect: /cut short/ });
    await probe('only the header and keyring', bytes.subarray(0, layout.dbStart), { expect: /cut short/ });
  });

  it('chunks swapped: two database pages, the tag with the last database bytes, another backup’s tag or database', async () => {
    const page = 4096;
    await probe('two database pages swapped', swapRegions(bytes, layout.dbStart + page, layout.dbStart + 3 * page, page), { restore: true });
    await probe('the tag and the last 32 database bytes swapped', swapRegions(bytes, bytes.length - 2 * TAG_BYTES, bytes.length - TAG_BYTES, TAG_BYTES));
    const other = fs.readFileSync(second);
    await probe('another backup’s tag', Buffer.concat([bytes.subarray(0, bytes.length - TAG_BYTES), other.subarray(other.length - TAG_BYTES)]));
    const otherDbStart = other.length - layout.dbBytes - TAG_BYTES;
    await probe('another backup’s database and tag after this header', Buffer.concat([bytes.subarray(0, layout.dbStart), other.subarray(otherDbStart)]), {
      expect: /not a usable Amparo backup/,
    });
  });

  it('bytes appended: one, a whole second backup', async () => {
    await probe('one byte appended', Buffer.concat([bytes, Buffer.from([0])]), { expect: /extra bytes/ });
    await probe('a second backup appended', Buffer.concat([bytes, fs.readFileSync(second)]), { restore: true, expect: /extra bytes/ });
  });

  it('the keyring section edited and its checksum fixed: valid JSON, wrong MAC', async () => {
    const headerLength = bytes.readUInt32BE(MAGIC.length);
    const header = JSON.parse(bytes.subarray(layout.headerStart, layout.keyringStart).toString('utf8')) as Record<string, unknown>;
    const keyring = JSON.parse(bytes.subarray(layout.keyringStart, layout.dbStart).toString('utf8')) as { slots: unknown[] };
    keyring.slots.reverse();
    const keyringBytes = Buffer.from(JSON.stringify(keyring, null, 2) + '\n');
    expect(keyringBytes.length).toBe(layout.dbStart - layout.keyringStart);
    const { createHash } = await import('node:crypto');
    const headerBytes = Buffer.from(JSON.stringify({ ...header, keyringSha256: createHash('sha256').update(keyringBytes).digest('hex') }));
    expect(headerBytes.length).toBe(headerLength);
    const edited = Buffer.concat([bytes.subarray(0, layout.headerStart), headerBytes, keyringBytes, bytes.subarray(layout.dbStart)]);
    await probe('keyring slots reordered, checksum fixed', edited, { restore: true, expect: /key file section was changed/ });
  });
});

describe('a tampered referral package is refused through the router; nothing is imported', () => {
  let bytes: Uint8Array;
  let secondBytes: Uint8Array;

  beforeAll(async () => {
    setOrganisationName(sender.admin, 'Casa Refugio Lima');
    setOrganisationName(partner.admin, 'Asistencia Legal Tumbes');
    const exchange = async (from: Session, to: Session, name: string) => {
      const keyFile = path.join(temp.dir, `${name}.amparo-key`);
      await exportOrganisationKey(from, async () => keyFile);
      const preview = readKeyFile(to, new Uint8Array(fs.readFileSync(keyFile)));
      return addPartner(to, { name: preview.organisation, encryptionKey: preview.encryptionKey, signingKey: preview.signingKey, fingerprint: preview.fingerprint, confirmed: true }).id;
    };
    const partnerId = await exchange(partner.admin, sender.admin, 'partner');
    await exchange(sender.admin, partner.admin, 'sender');
    const made = createCase(sender.worker, {
      office: 'Lima',
      identity: { givenNames: 'Persona Sintética' },
      profile: { gender: 'Feminine' },
      consents: [{ purpose: 'sharing', organisation: 'Asistencia Legal Tumbes', givenBy: 'the person', givenOn: '2026-03-02', method: 'written' }],
    });
    const send = async (name: string) => {
      const out = path.join(temp.dir, name);
      await sendReferral(sender.worker, { caseId: made.id, partnerId, parts: ['identity', 'profile'], servicesRequested: ['legal-counselling'], reason: 'Legal counsel.', overrideReason: '' }, async () => out);
      return new Uint8Array(fs.readFileSync(out));
    };
    bytes = await send('one.amparo-referral');
    sender.clock.advance(60_000);
    secondBytes = await send('two.amparo-referral');
  }, 120_000);

  const count = (sql: string) => (partner.admin.vault.db.prepare(sql).get() as { n: number }).n;

  /** `referrals.open` with the chosen file's bytes, as the partner's caseworker. */
  async function open(variant: Uint8Array) {
    const core = { pickFile: async () => ({ name: 'p.amparo-referral', bytes: variant }) } as unknown as AppCore;
    const internal: unknown[] = [];
    const result = await createRouter(core, { onInternalError: (e) => internal.push(e) }).handle(partner.worker, 'referrals.open', {});
    expect(internal).toEqual([]);
    return result;
  }

  async function probe(name: string, variant: Uint8Array) {
    const cases = count('SELECT count(*) AS n FROM cases');
    const refusals = count("SELECT count(*) AS n FROM audit_log WHERE action = 'referral.refused'");
    const copy = variant.slice();
    const result = await open(variant);
    expectRefused(result, ['REFERRAL_INVALID', 'REFERRAL_SIGNATURE_INVALID', 'REFERRAL_NOT_FOR_US', 'REFERRAL_UNKNOWN_SENDER'], name);
    expect(count('SELECT count(*) AS n FROM cases'), `${name}: no case`).toBe(cases);
    expect(count("SELECT count(*) AS n FROM audit_log WHERE action = 'referral.refused'"), `${name}: the refusal is audited`).toBe(refusals + 1);
    expect(Buffer.from(variant).equals(Buffer.from(copy)), `${name}: the file's bytes are untouched`).toBe(true);
    tableReferral.add(name, result.ok ? 'ok' : result.error.code);
    return result.ok ? 'ok' : result.error.code;
  }

  const text = () => new TextDecoder().decode(bytes);
  const encode = (s: string) => new TextEncoder().encode(s);
  const flip = (at: number) => {
    const b = bytes.slice();
    b[at] = b[at]! ^ 0x01;
    return b;
  };

  it('the untouched package opens (the refusals below are for the damage, not the setup)', async () => {
    const result = await open(bytes);
    expect(result.ok).toBe(true);
  });

  it('one byte changed: in the ciphertext (start, middle, end), the header, the signature', async () => {
    const t = text();
    const cipherStart = t.indexOf('"ciphertext":"') + 14;
    const cipherEnd = t.indexOf('"', cipherStart);
    await probe('a byte at the start of the ciphertext', flip(cipherStart + 2));
    await probe('a byte in the middle of the ciphertext', flip(Math.floor((cipherStart + cipherEnd) / 2)));
    await probe('a byte at the end of the ciphertext', flip(cipherEnd - 3));
    expect(await probe('a digit of the date in the header', encode(t.replace(/"createdAt":"(\d{4})/, (_m, y: string) => `"createdAt":"${Number(y) + 1}`)))).toBe('REFERRAL_SIGNATURE_INVALID');
    await probe('a byte of the signature', flip(t.indexOf('"signature":"') + 20));
  });

  it('cut short: in half, the last bytes, to the ciphertext only', async () => {
    await probe('cut in half', bytes.subarray(0, Math.floor(bytes.length / 2)));
    await probe('the last 10 bytes cut', bytes.subarray(0, bytes.length - 10));
    await probe('empty', new Uint8Array());
  });

  it('chunks swapped: two pieces of the ciphertext, ciphertext and signature, another package’s header', async () => {
    const t = text();
    const cipherStart = t.indexOf('"ciphertext":"') + 14;
    // Two 8-character groups (6 bytes each, still valid base64), far apart.
    const swapped = swapRegions(bytes, cipherStart + 16, cipherStart + 400, 8);
    expect(await probe('two pieces of the ciphertext swapped', swapped)).toBe('REFERRAL_SIGNATURE_INVALID');
    const parsed = JSON.parse(t) as { ciphertext: string; header: unknown; signature: string };
    await probe('ciphertext and signature exchanged', encode(canonicalJson({ ...parsed, ciphertext: parsed.signature, signature: parsed.ciphertext })));
    const other = JSON.parse(new TextDecoder().decode(secondBytes)) as typeof parsed;
    expect(canonicalJson(other.header)).not.toBe(canonicalJson(parsed.header));
    expect(await probe('another package’s header on this body', encode(canonicalJson({ ...parsed, header: other.header })))).toBe('REFERRAL_SIGNATURE_INVALID');
    expect(await probe('another package’s signature on this body', encode(canonicalJson({ ...parsed, signature: other.signature })))).toBe('REFERRAL_SIGNATURE_INVALID');
  });

  it('bytes appended: a newline, a NUL, a whole second package', async () => {
    await probe('a newline appended', new Uint8Array([...bytes, 0x0a]));
    await probe('a NUL appended', new Uint8Array([...bytes, 0x00]));
    await probe('a second package appended', new Uint8Array([...bytes, ...secondBytes]));
  });

  it('after every refusal the partner’s vault is whole: its audit chain verifies, and the genuine package still opens', async () => {
    expect(verifyAuditChain(partner.admin.vault.db).problems).toEqual([]);
    expect((await open(bytes)).ok).toBe(true);
  });
});

describe('the audit trail edited with the key: what the other tests do not cover', () => {
  let pristine: string;
  let dataKey: Uint8Array;

  beforeAll(() => {
    // A closed copy of the sender's vault (its database checkpointed: copied by the engine's backup).
    pristine = path.join(temp.dir, 'audit-pristine');
    fs.mkdirSync(pristine);
    fs.copyFileSync(vaultPaths(sender.dir).keyring, vaultPaths(pristine).keyring);
    dataKey = sender.admin.vault.copyDataKey();
    sender.admin.vault.db.pragma('wal_checkpoint(TRUNCATE)');
    fs.copyFileSync(vaultPaths(sender.dir).database, vaultPaths(pristine).database);
  });
  afterAll(() => wipe(dataKey));

  /** A copy, edited through the database opened with the key (as a colleague's passphrase allows), then `verify`. */
  async function tamperAndVerify(name: string, tamper: (db: Db) => void) {
    const dir = copyVault(pristine, path.join(temp.dir, `audit-${name}`));
    const db = openDatabase(vaultPaths(dir).database, dataKey);
    tamper(db);
    db.close();
    const result = await expectVerifyFails(dir, ADMIN.username, ADMIN.passphrase, name);
    expect(result.out).toContain('FAIL audit chain');
    expect(result.err).toContain('verification failed: audit chain');
    return { dir, out: result.out };
  }

  it('the record of the chain’s head deleted', async () => {
    const { out } = await tamperAndVerify('head-deleted', (db) => db.prepare('DELETE FROM audit_head').run());
    expect(out).toContain('the record of the chain head is missing');
  });

  it('an entry appended past the head, correctly linked and hashed', async () => {
    const { out } = await tamperAndVerify('appended', (db) => {
      const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
      const entry = { seq: last.seq + 1, at: '2026-11-27T12:00:00.000Z', actorId: null, action: 'backup.created', target: null, detail: {} };
      db.prepare('INSERT INTO audit_log (seq, at, actor_id, action, target, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
        entry.seq,
        entry.at,
        null,
        entry.action,
        null,
        '{}',
        last.hash,
        entryHash(last.hash, entry),
      );
    });
    expect(out).toMatch(/entries after \d+ were added outside Amparo/);
  });

  it('an entry’s detail made unreadable', async () => {
    const { out } = await tamperAndVerify('unreadable', (db) => db.prepare("UPDATE audit_log SET detail = '{not json' WHERE seq = 2").run());
    expect(out).toContain('entry 2 has an unreadable detail');
  });

  it('a backup of a vault whose trail was edited is authentic but refused by verify-backup and restore', async () => {
    const dir = copyVault(pristine, path.join(temp.dir, 'audit-edited-backup'));
    const db = openDatabase(vaultPaths(dir).database, dataKey);
    db.prepare("UPDATE audit_log SET at = '2020-01-01T00:00:00.000Z' WHERE seq = 3").run();
    // A change after it, through the app's own code, so the edit is not the newest entry.
    db.transaction(() => appendAudit(db, { at: '2026-11-27T12:00:00.000Z', actorId: null, action: 'settings.changed' }))();
    db.close();
    const out = path.join(temp.dir, 'audit-edited.amparo-backup');
    expect((await cli(['backup', '--data-dir', dir, '--user', ADMIN.username, '--out', out], [ADMIN.passphrase])).code).toBe(0);
    const verify = await cli(['verify-backup', '--from', out, '--user', ADMIN.username], [ADMIN.passphrase]);
    expect(verify.code).toBe(1);
    expect(errorLines(verify.err)).toEqual(['amparo: The restored copy failed its checks (audit chain); nothing was restored.']);
    const into = path.join(temp.dir, 'audit-edited-restored');
    const restore = await cli(['restore', '--from', out, '--data-dir', into, '--user', ADMIN.username], [ADMIN.passphrase]);
    expect(restore.code).toBe(1);
    expect(fs.existsSync(into)).toBe(false);
    tableBackup.add('a backup of a vault whose audit trail was edited', errorLines(verify.err)[0]!, 'exit 1, nothing left');
  });
});
