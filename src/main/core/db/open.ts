import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../../shared/errors';
import { toHex } from '../crypto/bytes';

export type Db = Database.Database;

/**
 * The settings of DESIGN.md §3. SQLite ignores a pragma it does not know, so each one is read
 * back after opening and a mismatch refuses the database rather than running unprotected.
 */
export const REQUIRED_PRAGMAS = [
  { set: 'journal_mode = WAL', read: 'journal_mode', expect: 'wal' },
  { set: 'synchronous = FULL', read: 'synchronous', expect: 2 },
  // Checkpoint on every commit: a write reported as saved is in amparo.db itself before the call
  // returns (unless a reader holds an older snapshot), so a -wal lost after a crash loses nothing.
  { set: 'wal_autocheckpoint = 1', read: 'wal_autocheckpoint', expect: 1 },
  { set: 'foreign_keys = ON', read: 'foreign_keys', expect: 1 },
  { set: 'secure_delete = ON', read: 'secure_delete', expect: 1 },
  { set: 'temp_store = MEMORY', read: 'temp_store', expect: 2 },
] as const;

export interface OpenOptions {
  /** Only the CLI's verify and tests need a read-only handle. */
  readonly?: boolean;
  /** Where the native addon built for this runtime lives (the Electron shell passes one). */
  nativeBinding?: string;
}

export function openDatabase(file: string, dataKey: Uint8Array, options: OpenOptions = {}): Db {
  assertWalIntact(file);
  const db = new Database(file, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    db.pragma(`cipher = 'sqlcipher'`);
    db.pragma('legacy = 4');
    // The raw-key form skips SQLCipher's own KDF: ours (Argon2id) already ran. The hex string
    // is unavoidable here and cannot be wiped (JS strings are immutable); it is short-lived.
    db.pragma(`key = "x'${toHex(dataKey)}'"`);
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (error) {
      if (isBusy(error)) throw vaultBusy();
      // A read-only data folder: the write-ahead log's index cannot be made; the file is fine.
      if (isReadOnlyFolder(error, file)) throw readOnlyFolder();
      throw new AppError('DATABASE_CORRUPT', 'The database cannot be opened with this vault key: it is damaged or was replaced.');
    }
    if (!options.readonly) {
      try {
        for (const p of REQUIRED_PRAGMAS) db.pragma(p.set);
      } catch (error) {
        // Another connection is in the middle of a write (a seed writes with a rollback journal: db/bulk-journal.ts).
        if (isBusy(error)) throw vaultBusy();
        throw error;
      }
    }
    assertSettings(db, options.readonly ?? false);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

const isBusy = (error: unknown) => (error as { code?: unknown } | null)?.code === 'SQLITE_BUSY';
const vaultBusy = () => new AppError('VAULT_BUSY', 'Another program is writing to this vault (such as the command line’s seed). Try again when it has finished.');

export function readSetting(db: Db, name: string): unknown {
  const row = db.pragma(name, { simple: true });
  return typeof row === 'string' ? row.toLowerCase() : row;
}

function assertSettings(db: Db, readonly: boolean): void {
  const cipher = readSetting(db, 'cipher');
  if (cipher !== 'sqlcipher' || String(readSetting(db, 'legacy')) !== '4') {
    throw new AppError('DATABASE_CORRUPT', 'The database engine is not in SQLCipher 4 mode.');
  }
  if (readonly) return;
  for (const p of REQUIRED_PRAGMAS) {
    if (readSetting(db, p.read) !== p.expect) {
      throw new AppError('DATABASE_CORRUPT', `The database setting ${p.read} could not be applied.`);
    }
  }
}

/** SQLite's codes for a page that failed its check (SQLCipher's HMAC), a cut file, or a file that is no database. */
export function isDatabaseDamage(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' || code === 'SQLITE_IOERR_SHORT_READ');
}

/** What a damaged page read anywhere becomes: a clear refusal, never the page's data. */
export function databaseDamaged(): AppError {
  return new AppError('DATABASE_CORRUPT', 'Part of the database is damaged or was changed outside Amparo; it was not used. Run verify, or restore a backup.');
}

/**
 * The write-ahead log must hold every frame its index (-shm, left by a crash or a running
 * process) says was committed and not yet copied into the database. If the -wal was deleted or
 * cut short, opening would silently drop those commits (SQLite starts over from the database
 * file), so the database is not opened at all: put the file back, or restore a backup.
 * The index header (SQLite's wal-index format): two equal 48-byte copies, then the checkpoint
 * info; native byte order (little-endian on every platform Amparo ships for).
 */
function assertWalIntact(file: string): void {
  let shm: Buffer;
  try {
    const fd = fs.openSync(file + '-shm', 'r');
    try {
      shm = Buffer.alloc(136);
      if (fs.readSync(fd, shm, 0, shm.length, 0) < shm.length) return;
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return;
  }
  const WAL_INDEX_VERSION = 3007000;
  const valid = shm.readUInt32LE(0) === WAL_INDEX_VERSION && shm[12] === 1 && shm.subarray(0, 48).equals(shm.subarray(48, 96));
  if (!valid) return;
  const pageSize = shm.readUInt16LE(14) === 1 ? 65536 : shm.readUInt16LE(14);
  const mxFrame = shm.readUInt32LE(16);
  const nBackfill = shm.readUInt32LE(96);
  if (mxFrame <= nBackfill) return;
  let walBytes = 0;
  try {
    walBytes = fs.statSync(file + '-wal').size;
  } catch {
    walBytes = 0;
  }
  const WAL_HEADER = 32;
  const FRAME_HEADER = 24;
  if (walBytes < WAL_HEADER + mxFrame * (FRAME_HEADER + pageSize)) {
    throw new AppError(
      'DATABASE_CORRUPT',
      'Saved changes are missing: the database’s write-ahead log (amparo.db-wal) was deleted or cut short. The database was not opened, so nothing more is lost; put the file back, or restore a backup.',
    );
  }
}

/** SQLite could not open or write beside the database because its folder refuses writes (EROFS, EACCES). */
function isReadOnlyFolder(error: unknown, file: string): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (code !== 'SQLITE_CANTOPEN' && !(typeof code === 'string' && code.startsWith('SQLITE_READONLY'))) return false;
  try {
    fs.accessSync(path.dirname(file), fs.constants.W_OK);
    return false;
  } catch (access) {
    return ['EROFS', 'EACCES', 'EPERM'].includes((access as NodeJS.ErrnoException).code ?? '');
  }
}

function readOnlyFolder(): AppError {
  return new AppError('READ_ONLY', 'The data folder of Amparo is read-only (or not open to Amparo), so the vault cannot be opened. Nothing was changed; make it writable and try again.');
}
