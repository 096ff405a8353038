import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, readSetting } from '../../../src/main/core/db/open';
import { randomBytes } from '../../../src/main/core/crypto/bytes';
import { makeTempDir } from '../../support/temp-dir';

let temp: ReturnType<typeof makeTempDir>;
afterEach(() => temp?.remove());

describe('the encrypted database', () => {
  it('applies every setting of DESIGN.md §3 and reads each back', () => {
    temp = makeTempDir();
    const db = openDatabase(path.join(temp.dir, 'a.db'), randomBytes(32));
    expect(readSetting(db, 'cipher')).toBe('sqlcipher');
    expect(String(readSetting(db, 'legacy'))).toBe('4');
    expect(readSetting(db, 'journal_mode')).toBe('wal');
    expect(readSetting(db, 'synchronous')).toBe(2);
    expect(readSetting(db, 'foreign_keys')).toBe(1);
    expect(readSetting(db, 'secure_delete')).toBe(1);
    expect(readSetting(db, 'temp_store')).toBe(2);
    db.close();
  });

  it('opened while another connection writes with a rollback journal (a seed): VAULT_BUSY, not "damaged"', () => {
    temp = makeTempDir();
    const file = path.join(temp.dir, 'a.db');
    const key = randomBytes(32);
    const writer = openDatabase(file, key);
    try {
      writer.exec('CREATE TABLE t (x TEXT)');
      expect(writer.pragma('journal_mode = DELETE', { simple: true })).toBe('delete');
      writer.exec('BEGIN EXCLUSIVE');
      let error: unknown = null;
      try {
        openDatabase(file, key).close();
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ code: 'VAULT_BUSY' });
      writer.exec('ROLLBACK');
      // Once the write is over, the vault opens (and is back in WAL mode).
      const reader = openDatabase(file, key);
      expect(readSetting(reader, 'journal_mode')).toBe('wal');
      reader.close();
    } finally {
      writer.close();
    }
  }, 20_000);

  it('writes no plaintext: not the header, not the rows, not the WAL', () => {
    temp = makeTempDir();
    const file = path.join(temp.dir, 'a.db');
    const db = openDatabase(file, randomBytes(32));
    db.exec('CREATE TABLE t (x TEXT)');
    db.prepare('INSERT INTO t VALUES (?)').run('Maria Fernanda Quispe, shelter Los Olivos');
    // Before the checkpoint the row sits in the WAL, which must be encrypted too.
    const wal = fs.readFileSync(file + '-wal');
    expect(wal.includes('Maria Fernanda')).toBe(false);
    db.close();
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\u0000');
    expect(bytes.includes('Maria Fernanda')).toBe(false);
    expect(bytes.includes('CREATE TABLE')).toBe(false);
  });

  it('refuses the wrong key with a clear error', () => {
    temp = makeTempDir();
    const file = path.join(temp.dir, 'a.db');
    openDatabase(file, randomBytes(32)).exec('CREATE TABLE t (x)');
    expect(() => openDatabase(file, randomBytes(32))).toThrowError(expect.objectContaining({ code: 'DATABASE_CORRUPT' }) as unknown as Error);
  });

  it('a page changed on disk fails its HMAC and surfaces as an error, never as data', () => {
    temp = makeTempDir();
    const file = path.join(temp.dir, 'a.db');
    const key = randomBytes(32);
    const db = openDatabase(file, key);
    db.exec('CREATE TABLE t (x TEXT)');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 500; i++) insert.run(`row ${i} ${'x'.repeat(100)}`);
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = fs.readFileSync(file);
    bytes[4096 * 3 + 200]! ^= 0xff; // a byte in the fourth page
    fs.writeFileSync(file, bytes);
    const reopened = openDatabase(file, key);
    expect(() => reopened.prepare('SELECT count(*), group_concat(x) FROM t').get()).toThrow();
    reopened.close();
  });
});
