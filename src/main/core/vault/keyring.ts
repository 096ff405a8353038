import fs from 'node:fs';
import { hmac } from '@noble/hashes/hmac.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { equalBytes } from '@noble/ciphers/utils.js';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { fromBase64, toBase64, utf8, wipe } from '../crypto/bytes';
import { canonicalJson } from '../crypto/canonical-json';
import { writeFileAtomic } from '../fs/atomic-write';
import { assertNotWeaker, kdfParamsSchema } from './kdf';

/**
 * The keyring file: one sealed slot per account and one recovery slot, each holding the data
 * key. It names no account (slot ids are derived from username *and* passphrase) and holds no
 * case data; a MAC under the data key detects edits made by anyone who cannot unlock it.
 */
const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

export const slotSchema = z.strictObject({
  id: b64,
  kdf: kdfParamsSchema.extend({ salt: b64.optional() }),
  nonce: b64,
  ciphertext: b64,
});
export type Slot = z.infer<typeof slotSchema>;

export const KEYRING_VERSION = 1;

export const keyringSchema = z.strictObject({
  format: z.literal('amparo-keyring'),
  version: z.number().int(),
  vaultId: z.string().regex(/^[0-9a-f]{32}$/),
  /** Account private keys are escrowed to it, so the recovery key can reset any passphrase. */
  recoveryPublicKey: b64,
  /** Failed unlock attempts are sealed to it before the vault is open, and audited after. */
  attemptsPublicKey: b64,
  slots: z.array(slotSchema).max(10_000),
  recovery: slotSchema,
  mac: b64,
});
export type Keyring = z.infer<typeof keyringSchema>;
export type UnsignedKeyring = Omit<Keyring, 'mac'>;

export function keyringExists(file: string): boolean {
  return fs.existsSync(file);
}

export function readKeyring(file: string): Keyring {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('NO_VAULT', 'There is no vault in this data folder.');
    throw new AppError('KEYRING_INVALID', 'The keyring file cannot be read.');
  }
  return parseKeyring(raw);
}

/** A keyring from its text (a file, or the copy inside a backup): structure, version, parameters. */
export function parseKeyring(raw: string): Keyring {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new AppError('KEYRING_INVALID', 'The keyring file is damaged (it is not valid JSON).');
  }
  const result = keyringSchema.safeParse(parsed);
  if (!result.success) throw new AppError('KEYRING_INVALID', 'The keyring file is damaged or was edited (its structure is wrong).');
  const keyring = result.data;
  if (keyring.version > KEYRING_VERSION) {
    throw new AppError('VAULT_TOO_NEW', 'This vault was made by a newer version of Amparo. Install the newer version to open it.');
  }
  for (const slot of [...keyring.slots, keyring.recovery]) assertNotWeaker(slot.kdf);
  return keyring;
}

function macKey(dataKey: Uint8Array): Uint8Array {
  return hkdf(sha256, dataKey, undefined, utf8('amparo/keyring-mac/v1'), 32);
}

function computeMac(keyring: UnsignedKeyring, dataKey: Uint8Array): Uint8Array {
  const { ...unsigned } = keyring as Keyring;
  delete (unsigned as Partial<Keyring>).mac;
  const key = macKey(dataKey);
  try {
    return hmac(sha256, key, utf8(canonicalJson(unsigned)));
  } finally {
    wipe(key);
  }
}

export function verifyKeyringMac(keyring: Keyring, dataKey: Uint8Array): void {
  if (!equalBytes(computeMac(keyring, dataKey), fromBase64(keyring.mac))) {
    throw new AppError('KEYRING_TAMPERED', 'The keyring file was changed outside Amparo; it was not used.');
  }
}

/** Signs and writes the keyring atomically (its content is sealed or public). */
export function writeKeyring(file: string, keyring: UnsignedKeyring, dataKey: Uint8Array): Keyring {
  const signed: Keyring = { ...keyring, mac: toBase64(computeMac(keyring, dataKey)) };
  writeFileAtomic(file, JSON.stringify(signed, null, 2) + '\n');
  return signed;
}
