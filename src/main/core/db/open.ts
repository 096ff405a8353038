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
    } catch {
      throw new AppError('DATABASE_CORRUPT', 'The database cannot be opened with this vault key: it is damaged or was replaced.');
    }
    if (!options.readonly) {
      for (const p of REQUIRED_PRAGMAS) db.pragma(p.set);
    }
    assertSettings(db, options.readonly ?? false);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

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
