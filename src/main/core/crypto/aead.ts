import { gcm } from '@noble/ciphers/aes.js';
import { randomBytes } from './bytes';

export const NONCE_BYTES = 12;

/** AES-256-GCM with a random 96-bit nonce. */
export function seal(key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): { nonce: Uint8Array; ciphertext: Uint8Array } {
  const nonce = randomBytes(NONCE_BYTES);
  return { nonce, ciphertext: gcm(key, nonce, aad).encrypt(plaintext) };
}

/** Throws when the ciphertext, nonce or associated data were altered or the key is wrong. */
export function open(key: Uint8Array, nonce: Uint8Array, ciphertext: Uint8Array, aad: Uint8Array): Uint8Array {
  return gcm(key, nonce, aad).decrypt(ciphertext);
}
