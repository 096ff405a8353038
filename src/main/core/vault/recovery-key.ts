import { sha256 } from '@noble/hashes/sha2.js';
import { AppError } from '../../../shared/errors';
import { randomBytes } from '../crypto/bytes';

/**
 * The recovery key: 160 random bits written as 32 Crockford base32 characters plus a 4-character
 * checksum, in 9 groups of 4 (`7K3M-QX9D-…`), so it can be copied by hand and a typo is caught
 * before any slow key derivation.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const KEY_BYTES = 20;
const KEY_CHARS = 32;
const CHECK_CHARS = 4;
export const RECOVERY_GROUPS = (KEY_CHARS + CHECK_CHARS) / 4;

export function generateRecoveryKey(): { bytes: Uint8Array; text: string } {
  const bytes = randomBytes(KEY_BYTES);
  return { bytes, text: formatRecoveryKey(bytes) };
}

export function formatRecoveryKey(bytes: Uint8Array): string {
  const chars = encode(bytes) + checksum(bytes);
  return chars.match(/.{4}/g)!.join('-');
}

/** Accepts lower case, spaces or dashes, and the usual look-alikes (O→0, I/L→1). */
export function parseRecoveryKey(input: string): Uint8Array {
  const cleaned = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (cleaned.length !== KEY_CHARS + CHECK_CHARS || [...cleaned].some((c) => !ALPHABET.includes(c))) {
    throw new AppError('RECOVERY_KEY_MALFORMED', `A recovery key has ${RECOVERY_GROUPS} groups of 4 letters and digits.`);
  }
  const bytes = decode(cleaned.slice(0, KEY_CHARS));
  if (checksum(bytes) !== cleaned.slice(KEY_CHARS)) {
    throw new AppError('RECOVERY_KEY_MALFORMED', 'The recovery key has a typo: its last group does not match the others.');
  }
  return bytes;
}

function encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
      value &= (1 << bits) - 1;
    }
  }
  return out; // 160 bits divide into 32 characters exactly
}

function decode(text: string): Uint8Array {
  const out = new Uint8Array(KEY_BYTES);
  let bits = 0;
  let value = 0;
  let index = 0;
  for (const char of text) {
    value = (value << 5) | ALPHABET.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      out[index++] = (value >>> (bits - 8)) & 0xff;
      bits -= 8;
      value &= (1 << bits) - 1;
    }
  }
  return out;
}

function checksum(bytes: Uint8Array): string {
  return encode(sha256(bytes).subarray(0, 5)).slice(0, CHECK_CHARS);
}
