import { x25519 } from '@noble/curves/ed25519.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { open, seal, NONCE_BYTES } from './aead';
import { concatBytes, utf8, wipe } from './bytes';

/**
 * Anonymous encryption to an X25519 public key (ephemeral ECDH, HKDF-SHA256, AES-256-GCM).
 * Layout: ephemeral public key (32) | nonce (12) | ciphertext+tag.
 */
export function sealTo(recipientPublicKey: Uint8Array, plaintext: Uint8Array, context: string): Uint8Array {
  const ephemeral = x25519.utils.randomSecretKey();
  const ephemeralPublic = x25519.getPublicKey(ephemeral);
  const shared = x25519.getSharedSecret(ephemeral, recipientPublicKey);
  const key = hkdf(sha256, shared, concatBytes(ephemeralPublic, recipientPublicKey), utf8(context), 32);
  const { nonce, ciphertext } = seal(key, plaintext, utf8(context));
  wipe(ephemeral, shared, key);
  return concatBytes(ephemeralPublic, nonce, ciphertext);
}

export function openSealed(recipientSecretKey: Uint8Array, box: Uint8Array, context: string): Uint8Array {
  if (box.length < 32 + NONCE_BYTES + 16) throw new Error('sealed box too short');
  const ephemeralPublic = box.subarray(0, 32);
  const nonce = box.subarray(32, 32 + NONCE_BYTES);
  const ciphertext = box.subarray(32 + NONCE_BYTES);
  const recipientPublic = x25519.getPublicKey(recipientSecretKey);
  const shared = x25519.getSharedSecret(recipientSecretKey, ephemeralPublic);
  const key = hkdf(sha256, shared, concatBytes(ephemeralPublic, recipientPublic), utf8(context), 32);
  try {
    return open(key, nonce, ciphertext, utf8(context));
  } finally {
    wipe(shared, key);
  }
}

export function generateKeyPair(): { secretKey: Uint8Array; publicKey: Uint8Array } {
  const secretKey = x25519.utils.randomSecretKey();
  return { secretKey, publicKey: x25519.getPublicKey(secretKey) };
}
