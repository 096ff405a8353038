import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { equalBytes } from '@noble/ciphers/utils.js';
import { AppError } from '../../../shared/errors';
import { open, seal } from '../crypto/aead';
import { concatBytes, fromBase64, randomBytes, toBase64, utf8, wipe } from '../crypto/bytes';
import { canonicalJson } from '../crypto/canonical-json';
import { deriveKey, type KdfParams } from './kdf';
import type { Slot } from './keyring';

/**
 * Key slots: a secret payload sealed with AES-256-GCM under a key derived with Argon2id.
 *
 * An account slot is found without storing the username: the salt comes from the vault id and
 * the username, and the slot id from the derived key, so only the right username *and*
 * passphrase point at a slot. The recovery slot has a random salt of its own.
 */
const SLOT_ID_BYTES = 16;

export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase().normalize('NFC');
}

/** The passphrase as bytes (NFC, so the same words typed on another keyboard still match). */
export function passphraseBytes(passphrase: string): Uint8Array {
  return utf8(passphrase.normalize('NFC'));
}

function accountSalt(vaultId: string, username: string): Uint8Array {
  return sha256(utf8(`amparo/slot-salt/v1\u0000${vaultId}\u0000${normalizeUsername(username)}`)).subarray(0, 16);
}

function slotKeys(derived: Uint8Array): { id: Uint8Array; sealKey: Uint8Array } {
  return {
    id: hkdf(sha256, derived, undefined, utf8('amparo/slot-id/v1'), SLOT_ID_BYTES),
    sealKey: hkdf(sha256, derived, undefined, utf8('amparo/slot-seal/v1'), 32),
  };
}

function aad(vaultId: string, id: string, params: KdfParams): Uint8Array {
  const { algorithm, memoryKiB, iterations, parallelism } = params;
  return utf8(`amparo/slot/v1\u0000${vaultId}\u0000${id}\u0000${canonicalJson({ algorithm, memoryKiB, iterations, parallelism })}`);
}

function sealWith(derived: Uint8Array, vaultId: string, params: KdfParams, payload: Uint8Array, salt?: Uint8Array): Slot {
  const { id, sealKey } = slotKeys(derived);
  const idText = toBase64(id);
  const sealed = seal(sealKey, payload, aad(vaultId, idText, params));
  wipe(sealKey);
  return {
    id: idText,
    kdf: { ...params, ...(salt ? { salt: toBase64(salt) } : {}) },
    nonce: toBase64(sealed.nonce),
    ciphertext: toBase64(sealed.ciphertext),
  };
}

function openWith(derived: Uint8Array, vaultId: string, slot: Slot): Uint8Array {
  const { sealKey } = slotKeys(derived);
  try {
    return open(sealKey, fromBase64(slot.nonce), fromBase64(slot.ciphertext), aad(vaultId, slot.id, slot.kdf));
  } catch {
    throw new AppError('KEYRING_TAMPERED', 'A key slot was changed outside Amparo; it was not used.');
  } finally {
    wipe(sealKey);
  }
}

export async function sealAccountSlot(
  vaultId: string,
  username: string,
  passphrase: string,
  params: KdfParams,
  payload: Uint8Array,
): Promise<Slot> {
  const secret = passphraseBytes(passphrase);
  const derived = await deriveKey(secret, accountSalt(vaultId, username), params);
  try {
    return sealWith(derived, vaultId, params, payload);
  } finally {
    wipe(secret, derived);
  }
}

/** Returns the index of the matching slot and its payload, or null for a wrong username/passphrase. */
export async function openAccountSlot(
  vaultId: string,
  slots: readonly Slot[],
  username: string,
  passphrase: string,
): Promise<{ index: number; payload: Uint8Array } | null> {
  const secret = passphraseBytes(passphrase);
  const salt = accountSalt(vaultId, username);
  try {
    // Usually every slot shares one parameter set, so this derives once.
    const paramSets = new Map<string, KdfParams>();
    for (const slot of slots) paramSets.set(canonicalJson({ ...slot.kdf, salt: undefined }), slot.kdf);
    for (const params of paramSets.values()) {
      const derived = await deriveKey(secret, salt, params);
      try {
        const { id, sealKey } = slotKeys(derived);
        wipe(sealKey);
        const index = slots.findIndex((s) => equalBytes(fromBase64(s.id), id) && canonicalJson({ ...s.kdf, salt: undefined }) === canonicalJson({ ...params, salt: undefined }));
        if (index >= 0) return { index, payload: openWith(derived, vaultId, slots[index]!) };
      } finally {
        wipe(derived);
      }
    }
    return null;
  } finally {
    wipe(secret);
  }
}

export async function sealRecoverySlot(vaultId: string, recoveryKey: Uint8Array, params: KdfParams, payload: Uint8Array): Promise<Slot> {
  const salt = randomBytes(16);
  const derived = await deriveKey(recoveryKey, salt, params);
  try {
    return sealWith(derived, vaultId, params, payload, salt);
  } finally {
    wipe(derived);
  }
}

export async function openRecoverySlot(vaultId: string, slot: Slot, recoveryKey: Uint8Array): Promise<Uint8Array> {
  if (!slot.kdf.salt) throw new AppError('KEYRING_INVALID', 'The recovery slot is damaged.');
  const derived = await deriveKey(recoveryKey, fromBase64(slot.kdf.salt), slot.kdf);
  try {
    const { id } = slotKeys(derived);
    if (!equalBytes(id, fromBase64(slot.id))) throw new AppError('RECOVERY_KEY_WRONG', 'This recovery key does not belong to this vault.');
    return openWith(derived, vaultId, slot);
  } finally {
    wipe(derived);
  }
}

/** Slot payloads are fixed-layout bytes, so every secret in them can be wiped after use. */
export const ACCOUNT_PAYLOAD_VERSION = 1;
export interface AccountSecrets {
  dataKey: Uint8Array;
  secretKey: Uint8Array;
  accountId: string;
}

export function encodeAccountPayload(s: AccountSecrets): Uint8Array {
  return concatBytes(new Uint8Array([ACCOUNT_PAYLOAD_VERSION]), s.dataKey, s.secretKey, uuidToBytes(s.accountId));
}

export function decodeAccountPayload(payload: Uint8Array): AccountSecrets {
  if (payload.length !== 1 + 32 + 32 + 16 || payload[0] !== ACCOUNT_PAYLOAD_VERSION) {
    throw new AppError('KEYRING_INVALID', 'A key slot has an unknown layout.');
  }
  return {
    dataKey: payload.slice(1, 33),
    secretKey: payload.slice(33, 65),
    accountId: bytesToUuid(payload.subarray(65, 81)),
  };
}

export interface RecoverySecrets {
  dataKey: Uint8Array;
  recoverySecretKey: Uint8Array;
}

export function encodeRecoveryPayload(s: RecoverySecrets): Uint8Array {
  return concatBytes(new Uint8Array([ACCOUNT_PAYLOAD_VERSION]), s.dataKey, s.recoverySecretKey);
}

export function decodeRecoveryPayload(payload: Uint8Array): RecoverySecrets {
  if (payload.length !== 1 + 32 + 32 || payload[0] !== ACCOUNT_PAYLOAD_VERSION) {
    throw new AppError('KEYRING_INVALID', 'The recovery slot has an unknown layout.');
  }
  return { dataKey: payload.slice(1, 33), recoverySecretKey: payload.slice(33, 65) };
}

function uuidToBytes(uuid: string): Uint8Array {
  return new Uint8Array(Buffer.from(uuid.replace(/-/g, ''), 'hex'));
}

function bytesToUuid(bytes: Uint8Array): string {
  const h = Buffer.from(bytes).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
