import fs from 'node:fs';
import { randomBytes as nodeRandomBytes, randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { randomBytes, toBase64, fromBase64, wipe } from '../crypto/bytes';
import { generateKeyPair } from '../crypto/sealed-box';
import { databaseDamaged, isDatabaseDamage, openDatabase, type Db } from '../db/open';
import { migrate } from '../db/migrations';
import { restoreSuspendedIndexes } from '../db/suspended-indexes';
import { MIGRATIONS } from '../db/schema';
import { MINIMUM_KDF, type KdfParams } from './kdf';
import { readKeyring, verifyKeyringMac, writeKeyring, KEYRING_VERSION, type Keyring, type Slot } from './keyring';
import {
  decodeAccountPayload,
  decodeRecoveryPayload,
  encodeAccountPayload,
  encodeRecoveryPayload,
  openAccountSlot,
  openRecoverySlot,
  sealAccountSlot,
  sealRecoverySlot,
} from './keyslots';
import { generateRecoveryKey, parseRecoveryKey } from './recovery-key';
import { drainAttempts, recordFailure, retryAfterSeconds } from './attempts';
import { vaultPaths, type VaultPaths } from './paths';

export interface VaultOptions {
  dataDir: string;
  /** Parameters for new slots; never below MINIMUM_KDF (refused). */
  kdf?: KdfParams;
  now?: () => Date;
  nativeBinding?: string;
}

/** What the vault knows before it is open: files and the clock. */
export class VaultLocation {
  readonly paths: VaultPaths;
  readonly kdf: KdfParams;
  readonly now: () => Date;
  readonly nativeBinding?: string;

  constructor(options: VaultOptions) {
    this.paths = vaultPaths(options.dataDir);
    this.kdf = options.kdf ?? MINIMUM_KDF;
    this.now = options.now ?? (() => new Date());
    this.nativeBinding = options.nativeBinding;
  }

  exists(): boolean {
    return fs.existsSync(this.paths.keyring);
  }

  retryAfterSeconds(): number {
    return retryAfterSeconds(this.paths.attempts, this.now());
  }

  ensureFolder(): void {
    fs.mkdirSync(this.paths.dataDir, { recursive: true, mode: 0o700 });
  }
}

/**
 * An open vault: the database handle and the data key. `lock()` closes the database and
 * overwrites every key buffer this object holds.
 */
export class UnlockedVault {
  private dataKeyBuffer: Uint8Array | null;
  private dbHandle: Db | null;

  constructor(
    readonly location: VaultLocation,
    private keyringState: Keyring,
    dataKey: Uint8Array,
    db: Db,
  ) {
    this.dataKeyBuffer = dataKey;
    this.dbHandle = db;
  }

  get db(): Db {
    if (!this.dbHandle) throw new AppError('NOT_SIGNED_IN', 'The vault is locked.');
    return this.dbHandle;
  }

  get keyring(): Keyring {
    return this.keyringState;
  }

  get isOpen(): boolean {
    return this.dbHandle !== null;
  }

  private get dataKey(): Uint8Array {
    if (!this.dataKeyBuffer) throw new AppError('NOT_SIGNED_IN', 'The vault is locked.');
    return this.dataKeyBuffer;
  }

  recoveryPublicKey(): Uint8Array {
    return fromBase64(this.keyringState.recoveryPublicKey);
  }

  /**
   * A copy of the data key for a job that needs its own connection or a derived key (the
   * backup's snapshot in a worker, the backup's MAC key). The caller wipes it when done.
   */
  copyDataKey(): Uint8Array {
    return Uint8Array.from(this.dataKey);
  }

  /** Seals a slot for an account (the slow part: Argon2id). `commitSlots` then writes it. */
  async prepareSlot(args: { accountId: string; username: string; passphrase: string; secretKey: Uint8Array }): Promise<Slot> {
    const payload = encodeAccountPayload({ dataKey: this.dataKey, secretKey: args.secretKey, accountId: args.accountId });
    try {
      return await sealAccountSlot(this.keyringState.vaultId, args.username, args.passphrase, this.location.kdf, payload);
    } finally {
      wipe(payload);
    }
  }

  /**
   * Adds and/or removes slots and rewrites the keyring atomically. Callers run it inside the
   * database transaction of the same change, so a failed write rolls the database back too.
   */
  commitSlots(change: { add?: Slot; removeId?: string | null }): void {
    const slots = this.keyringState.slots.filter((s) => s.id !== change.removeId);
    this.saveKeyring({ ...this.keyringState, slots: change.add ? [...slots, change.add] : slots });
  }

  /** Opens the recovery slot: proves the key belongs to this vault and returns the recovery secret key. */
  async openRecovery(recoveryKeyText: string): Promise<Uint8Array> {
    const keyBytes = parseRecoveryKey(recoveryKeyText);
    try {
      const secrets = decodeRecoveryPayload(await openRecoverySlot(this.keyringState.vaultId, this.keyringState.recovery, keyBytes));
      wipe(secrets.dataKey);
      return secrets.recoverySecretKey;
    } finally {
      wipe(keyBytes);
    }
  }

  private saveKeyring(next: Omit<Keyring, 'mac'>): void {
    this.keyringState = writeKeyring(this.location.paths.keyring, next, this.dataKey);
  }

  lock(): void {
    if (this.dbHandle?.open) this.dbHandle.close();
    this.dbHandle = null;
    wipe(this.dataKeyBuffer);
    this.dataKeyBuffer = null;
  }
}

export interface AccountKeys {
  accountId: string;
  secretKey: Uint8Array;
  publicKey: Uint8Array;
}

export interface CreatedVault {
  vault: UnlockedVault;
  admin: AccountKeys;
  slotId: string;
  recoveryKey: string;
  /** The secret half of the attempts key, to store inside the database. */
  attemptsSecretKey: Uint8Array;
  recoveryPublicKey: Uint8Array;
}

/**
 * Creates the database and keyring. The caller (users/bootstrap) writes the administrator's
 * account row inside `populate`, before the keyring exists, so a crash leaves no half vault
 * that looks usable.
 */
export async function createVault(
  location: VaultLocation,
  admin: { username: string; passphrase: string },
  populate: (db: Db, created: Omit<CreatedVault, 'vault' | 'recoveryKey'>) => void,
): Promise<{ vault: UnlockedVault; admin: AccountKeys; recoveryKey: string }> {
  if (location.exists() || fs.existsSync(location.paths.database)) {
    throw new AppError('VAULT_EXISTS', 'This data folder already holds a vault; nothing was changed.');
  }
  location.ensureFolder();
  const vaultId = nodeRandomBytes(16).toString('hex');
  const dataKey = randomBytes(32);
  const recovery = generateRecoveryKey();
  const recoveryPair = generateKeyPair();
  const attemptsPair = generateKeyPair();
  const adminPair = generateKeyPair();
  const adminKeys: AccountKeys = { accountId: randomUUID(), ...adminPair };

  const [adminSlot, recoverySlot] = await Promise.all([
    sealAccountSlot(vaultId, admin.username, admin.passphrase, location.kdf, encodeAccountPayload({ dataKey, secretKey: adminPair.secretKey, accountId: adminKeys.accountId })),
    sealRecoverySlot(vaultId, recovery.bytes, location.kdf, encodeRecoveryPayload({ dataKey, recoverySecretKey: recoveryPair.secretKey })),
  ]);
  wipe(recovery.bytes, recoveryPair.secretKey);

  let db: Db | null = null;
  try {
    db = openDatabase(location.paths.database, dataKey, { nativeBinding: location.nativeBinding });
    migrate(db, MIGRATIONS, { recoveryPublicKey: recoveryPair.publicKey }, location.now);
    populate(db, { admin: adminKeys, slotId: adminSlot.id, attemptsSecretKey: attemptsPair.secretKey, recoveryPublicKey: recoveryPair.publicKey });
    wipe(attemptsPair.secretKey);
    const keyring = writeKeyring(
      location.paths.keyring,
      {
        format: 'amparo-keyring',
        version: KEYRING_VERSION,
        vaultId,
        recoveryPublicKey: toBase64(recoveryPair.publicKey),
        attemptsPublicKey: toBase64(attemptsPair.publicKey),
        slots: [adminSlot],
        recovery: recoverySlot,
      },
      dataKey,
    );
    return { vault: new UnlockedVault(location, keyring, dataKey, db), admin: adminKeys, recoveryKey: recovery.text };
  } catch (error) {
    // Nothing was committed for anyone yet: remove what this attempt wrote.
    db?.close();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(location.paths.database + suffix, { force: true });
    fs.rmSync(location.paths.keyring, { force: true });
    wipe(dataKey);
    throw error;
  }
}

export interface PassphraseUnlock {
  vault: UnlockedVault;
  accountId: string;
  secretKey: Uint8Array;
  slotId: string;
  failedAttempts: { at: string; username: string | null }[];
}

/**
 * Opens the database of `location` with a data key already taken from a slot of `keyring`
 * (checks the keyring's MAC, migrates). Takes ownership of `dataKey`: wiped on failure, held
 * by the vault otherwise. Used by the unlocks below and by a restore (core/backup).
 */
export function openVault(location: VaultLocation, keyring: Keyring, dataKey: Uint8Array): UnlockedVault {
  try {
    verifyKeyringMac(keyring, dataKey);
    assertDatabaseFile(location.paths.database);
    const db = openDatabase(location.paths.database, dataKey, { nativeBinding: location.nativeBinding });
    try {
      // A keyring with a database that never held a vault (an empty file put in its place) is
      // refused, not migrated into a new empty vault.
      if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get()) throw missingDatabase();
      // SQLite writes whole pages: any other size is a file cut short or added to (a cheap check
      // at every unlock; `verify` reads every page).
      if (fs.statSync(location.paths.database).size % (db.pragma('page_size', { simple: true }) as number) !== 0) throw databaseDamaged();
      migrate(db, MIGRATIONS, { recoveryPublicKey: fromBase64(keyring.recoveryPublicKey) }, location.now);
      // A bulk load that was interrupted left indexes to build (db/suspended-indexes.ts).
      restoreSuspendedIndexes(db);
    } catch (error) {
      db.close();
      throw error;
    }
    return new UnlockedVault(location, keyring, dataKey, db);
  } catch (error) {
    wipe(dataKey);
    if (isDatabaseDamage(error)) throw databaseDamaged();
    throw error;
  }
}

const missingDatabase = () =>
  new AppError('DATABASE_CORRUPT', 'The database file (amparo.db) is missing or empty, though this folder holds a vault. Nothing was created in its place; restore a backup.');

/** The keyring exists, so the database must too: SQLite would otherwise make a new, empty one. */
function assertDatabaseFile(file: string): void {
  const size = (suffix: string) => {
    try {
      return fs.statSync(file + suffix).size;
    } catch {
      return -1;
    }
  };
  const main = size('');
  if (main < 0 || (main === 0 && size('-wal') <= 0)) throw missingDatabase();
}

/**
 * Opens the vault with an account's passphrase. `drain` (default) takes the failed attempts
 * recorded since the last unlock, to be audited; a read-only check (CLI verify) leaves them.
 */
export async function unlockWithPassphrase(location: VaultLocation, username: string, passphrase: string, drain = true): Promise<PassphraseUnlock> {
  if (!location.exists()) throw new AppError('NO_VAULT', 'There is no vault in this data folder.');
  const wait = location.retryAfterSeconds();
  if (wait > 0) throw new AppError('THROTTLED', `Too many failed attempts. Try again in ${wait} seconds.`);
  const keyring = readKeyring(location.paths.keyring);
  const found = await openAccountSlot(keyring.vaultId, keyring.slots, username, passphrase);
  if (!found) {
    recordFailure(location.paths.attempts, fromBase64(keyring.attemptsPublicKey), username, location.now());
    throw new AppError('WRONG_CREDENTIALS', 'The username or passphrase is not right.');
  }
  const secrets = decodeAccountPayload(found.payload);
  wipe(found.payload);
  let vault: UnlockedVault | null = null;
  try {
    vault = openVault(location, keyring, secrets.dataKey);
    const attemptsKey = vault.db.prepare("SELECT value FROM vault_secrets WHERE name = 'attempts-secret-key'").get() as { value: Buffer } | undefined;
    const failedAttempts = attemptsKey && drain ? drainAttempts(location.paths.attempts, new Uint8Array(attemptsKey.value)) : [];
    attemptsKey?.value.fill(0);
    return { vault, accountId: secrets.accountId, secretKey: secrets.secretKey, slotId: keyring.slots[found.index]!.id, failedAttempts };
  } catch (error) {
    // Nothing stays open or in memory when the vault cannot be used (a damaged page, say).
    vault?.lock();
    wipe(secrets.secretKey);
    if (isDatabaseDamage(error)) throw databaseDamaged();
    throw error;
  }
}

/** For resetting a forgotten passphrase from the lock screen and for the CLI. */
export async function unlockWithRecoveryKey(location: VaultLocation, recoveryKeyText: string): Promise<{ vault: UnlockedVault; recoverySecretKey: Uint8Array }> {
  if (!location.exists()) throw new AppError('NO_VAULT', 'There is no vault in this data folder.');
  const wait = location.retryAfterSeconds();
  if (wait > 0) throw new AppError('THROTTLED', `Too many failed attempts. Try again in ${wait} seconds.`);
  const keyring = readKeyring(location.paths.keyring);
  const keyBytes = parseRecoveryKey(recoveryKeyText);
  let payload: Uint8Array;
  try {
    payload = await openRecoverySlot(keyring.vaultId, keyring.recovery, keyBytes);
  } catch (error) {
    if (error instanceof AppError && error.code === 'RECOVERY_KEY_WRONG') {
      recordFailure(location.paths.attempts, fromBase64(keyring.attemptsPublicKey), '(recovery key)', location.now());
    }
    throw error;
  } finally {
    wipe(keyBytes);
  }
  const secrets = decodeRecoveryPayload(payload);
  wipe(payload);
  try {
    return { vault: openVault(location, keyring, secrets.dataKey), recoverySecretKey: secrets.recoverySecretKey };
  } catch (error) {
    wipe(secrets.recoverySecretKey);
    throw error;
  }
}

export type { Slot };
