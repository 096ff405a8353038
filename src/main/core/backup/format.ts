import fs from 'node:fs/promises';
import { createHash, timingSafeEqual } from 'node:crypto';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { isoDateTimeSchema } from '../../../shared/schemas';
import { utf8 } from '../crypto/bytes';

/**
 * The backup file (docs/backup.md), one file, read and written as a stream:
 *
 *   "AMPARO-BACKUP\n"                 14 bytes, the magic
 *   header length                     4 bytes, unsigned big-endian
 *   header                            JSON (UTF-8): format, version, vault id, schema version,
 *                                     created-at, app version, MAC salt, section sizes
 *   keyring                           the vault's keyring.json as it was (slots are sealed)
 *   database                          a snapshot of the database, SQLCipher 4 with the vault's key
 *   tag                               32 bytes: HMAC-SHA256 of everything above
 *
 * The MAC key is derived from the data key (HKDF-SHA256, a salt of its own per backup, a label
 * of its own), so only someone who can open a slot of the keyring can check or forge the tag.
 * Nothing in the file is plaintext case data: the header holds only what it lists.
 */
export const MAGIC = Buffer.from('AMPARO-BACKUP\n', 'ascii');
export const FORMAT_NAME = 'amparo-backup';
export const FORMAT_VERSION = 1;
export const TAG_BYTES = 32;
const LENGTH_BYTES = 4;
const MAX_HEADER_BYTES = 64 * 1024;
/** Thousands of slots fit in a few MiB; more than this is not a keyring. */
export const MAX_KEYRING_BYTES = 16 * 1024 * 1024;
const MAC_LABEL = 'amparo/backup-mac/v1';

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

export const headerSchema = z.strictObject({
  format: z.literal(FORMAT_NAME),
  version: z.literal(FORMAT_VERSION),
  vaultId: z.string().regex(/^[0-9a-f]{32}$/),
  schemaVersion: z.number().int().positive(),
  createdAt: isoDateTimeSchema,
  appVersion: z.string().min(1).max(40),
  mac: z.literal('hmac-sha256'),
  macSalt: b64.length(44),
  keyringBytes: z.number().int().positive().max(MAX_KEYRING_BYTES),
  /** SHA-256 of the keyring section: tells a damaged file from a wrong passphrase (the tag authenticates). */
  keyringSha256: z.string().regex(/^[0-9a-f]{64}$/),
  databaseBytes: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});
export type BackupHeader = z.infer<typeof headerSchema>;

export function invalid(reason: string): AppError {
  return new AppError('BACKUP_INVALID', `This is not a usable Amparo backup: ${reason}. Nothing was restored.`);
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The bytes before the database section, exactly as they are authenticated. */
export function encodePrefix(header: BackupHeader, keyring: Uint8Array): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(LENGTH_BYTES);
  length.writeUInt32BE(json.length);
  return Buffer.concat([MAGIC, length, json, keyring]);
}

export function totalBytes(prefixBytes: number, header: BackupHeader): number {
  return prefixBytes + header.databaseBytes + TAG_BYTES;
}

export interface Prefix {
  header: BackupHeader;
  /** The raw bytes from the magic to the end of the keyring (authenticated as they are). */
  raw: Buffer;
  keyringText: string;
  fileBytes: number;
}

/**
 * Reads and checks the part before the database: the magic, the header (a newer format or
 * schema is refused as such), the keyring's size and checksum, and that the file has exactly
 * the length the header announces (a truncated or extended file stops here).
 */
export async function readPrefix(file: fs.FileHandle, latestSchema: number): Promise<Prefix> {
  const { size } = await file.stat();
  const start = await readExactly(file, 0, MAGIC.length + LENGTH_BYTES, size);
  if (!start.subarray(0, MAGIC.length).equals(MAGIC)) throw invalid('the file does not start like a backup');
  const headerLength = start.readUInt32BE(MAGIC.length);
  if (headerLength === 0 || headerLength > MAX_HEADER_BYTES) throw invalid('its header is damaged');
  const headerBytes = await readExactly(file, start.length, headerLength, size);
  let parsed: unknown;
  try {
    parsed = JSON.parse(headerBytes.toString('utf8'));
  } catch {
    throw invalid('its header is damaged');
  }
  const kind = z.looseObject({ format: z.literal(FORMAT_NAME), version: z.number().int().positive() }).safeParse(parsed);
  if (!kind.success) throw invalid('its header is damaged');
  if (kind.data.version > FORMAT_VERSION) {
    throw new AppError('VAULT_TOO_NEW', 'This backup was made by a newer version of Amparo (a newer backup format). Install the newer version to restore it.');
  }
  const result = headerSchema.safeParse(parsed);
  if (!result.success) throw invalid('its header is damaged');
  const header = result.data;
  if (header.schemaVersion > latestSchema) {
    throw new AppError(
      'VAULT_TOO_NEW',
      `This backup was made by a newer version of Amparo (schema ${header.schemaVersion}; this version knows up to ${latestSchema}). Install the newer version to restore it.`,
    );
  }
  const prefixBytes = start.length + headerLength + header.keyringBytes;
  const expected = totalBytes(prefixBytes, header);
  if (size < expected) throw invalid('the file is incomplete (it was cut short)');
  if (size > expected) throw invalid('the file has extra bytes at its end');
  const keyring = await readExactly(file, start.length + headerLength, header.keyringBytes, size);
  if (sha256Hex(keyring) !== header.keyringSha256) throw invalid('its key file section is damaged');
  return { header, raw: Buffer.concat([start, headerBytes, keyring]), keyringText: keyring.toString('utf8'), fileBytes: size };
}

async function readExactly(file: fs.FileHandle, position: number, length: number, size: number): Promise<Buffer> {
  if (position + length > size) throw invalid('the file is incomplete (it was cut short)');
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await file.read(buffer, done, length - done, position + done);
    if (bytesRead === 0) throw invalid('the file is incomplete (it was cut short)');
    done += bytesRead;
  }
  return buffer;
}

/** The key of the tag: HKDF-SHA256 of the data key with this backup's salt and the backup label. */
export function backupMacKey(dataKey: Uint8Array, header: Pick<BackupHeader, 'macSalt' | 'vaultId'>): Uint8Array {
  return hkdf(sha256, dataKey, Buffer.from(header.macSalt, 'base64'), utf8(`${MAC_LABEL}\u0000${header.vaultId}`), 32);
}

export function sameTag(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
