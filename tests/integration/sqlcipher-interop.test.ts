import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unlockWithPassphrase, VaultLocation } from '../../src/main/core/vault/vault';
import { decodeAccountPayload, openAccountSlot } from '../../src/main/core/vault/keyslots';
import { readKeyring } from '../../src/main/core/vault/keyring';
import { toHex } from '../../src/main/core/crypto/bytes';
import { ADMIN, makeCoreWithVault } from '../support/core-fixture';

/**
 * The vault database is a standard SQLCipher 4 file: the reference SQLCipher build
 * (@journeyapps/sqlcipher, optional: it does not install everywhere) opens it with the key and
 * fails without it. So an NGO is never locked in.
 */
const require = createRequire(import.meta.url);
type Sqlcipher = {
  Database: new (file: string, mode: number, cb: (err: Error | null) => void) => {
    serialize(fn: () => void): void;
    run(sql: string, cb?: (err: Error | null) => void): void;
    all(sql: string, cb: (err: Error | null, rows: Record<string, unknown>[]) => void): void;
    close(cb?: () => void): void;
  };
  OPEN_READONLY: number;
};
let sqlcipher: Sqlcipher | null = null;
try {
  sqlcipher = require('@journeyapps/sqlcipher') as Sqlcipher;
} catch {
  sqlcipher = null;
}

function query(file: string, pragmas: string[], sql: string): Promise<Record<string, unknown>[]> {
  return new Promise((resolve, reject) => {
    const db = new sqlcipher!.Database(file, sqlcipher!.OPEN_READONLY, (err) => err && reject(err));
    db.serialize(() => {
      for (const p of pragmas) db.run(p);
      db.all(sql, (err, rows) => {
        db.close();
        if (err) reject(err);
        else resolve(rows);
      });
    });
  });
}

describe.skipIf(!sqlcipher)('interoperability with the reference SQLCipher', () => {
  let f: Awaited<ReturnType<typeof makeCoreWithVault>>;
  let hexKey: string;

  beforeAll(async () => {
    f = await makeCoreWithVault();
    f.core.lockNow('manual');
    // Get the data key as an administrator with the passphrase could (only tests do this).
    const keyring = readKeyring(`${f.dir}/keyring.json`);
    const found = await openAccountSlot(keyring.vaultId, keyring.slots, ADMIN.username, ADMIN.passphrase);
    hexKey = toHex(decodeAccountPayload(found!.payload).dataKey);
    // Fold the WAL into the main file so a read-only reader sees everything.
    const { vault } = await unlockWithPassphrase(new VaultLocation({ dataDir: f.dir }), ADMIN.username, ADMIN.passphrase, false);
    vault.db.pragma('wal_checkpoint(TRUNCATE)');
    vault.lock();
  });
  afterAll(() => f.cleanup());

  it('opens the vault database with the key', async () => {
    const rows = await query(`${f.dir}/amparo.db`, ["PRAGMA cipher_compatibility = 4", `PRAGMA key = "x'${hexKey}'"`], 'SELECT username, role FROM accounts');
    expect(rows).toEqual([{ username: ADMIN.username, role: 'administrator' }]);
  });

  it('fails without the key, and with a wrong one', async () => {
    await expect(query(`${f.dir}/amparo.db`, [], 'SELECT count(*) FROM accounts')).rejects.toThrow(/not a database|encrypted/i);
    await expect(query(`${f.dir}/amparo.db`, ["PRAGMA cipher_compatibility = 4", `PRAGMA key = "x'${'0'.repeat(64)}'"`], 'SELECT count(*) FROM accounts')).rejects.toThrow(
      /not a database|encrypted/i,
    );
  });
});

if (!sqlcipher) {
  describe('interoperability with the reference SQLCipher', () => {
    it.skip('skipped: @journeyapps/sqlcipher (optional) is not installed on this machine', () => undefined);
  });
}
