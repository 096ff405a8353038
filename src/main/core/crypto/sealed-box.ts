import { createPrivateKey, createPublicKey, diffieHellman } from 'node:crypto';
import { expand, extract } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { x25519 } from '@noble/curves/ed25519.js';
import { open, seal, NONCE_BYTES } from './aead';
import { concatBytes, utf8, wipe } from './bytes';

/**
 * Anonymous encryption to an X25519 public key (ephemeral ECDH, HKDF-SHA256, AES-256-GCM).
 * Layout: ephemeral public key (32) | nonce (12) | ciphertext+tag.
 */
export function sealTo(recipientPublicKey: Uint8Array, plaintext: Uint8Array, context: string): Uint8Array {
  const sealer = createSealer();
  try {
    return sealer.seal(recipientPublicKey, plaintext, context);
  } finally {
    sealer.dispose();
  }
}

export interface Sealer {
  seal(recipientPublicKey: Uint8Array, plaintext: Uint8Array, context: string): Uint8Array;
  /** Wipes the ephemeral secret and the shared secrets. */
  dispose(): void;
}

/**
 * Seals many boxes with one ephemeral key: the same format as `sealTo`, but the X25519 work is
 * done once per recipient instead of once per box (a batch of 1,000 intakes wraps 1,000 case
 * keys to the same three recipients). Each box still gets its own key (HKDF over its context,
 * which names what it holds) and a random nonce, so reuse of the ephemeral key is safe.
 */
export function createSealer(): Sealer {
  const ephemeral = x25519.utils.randomSecretKey();
  const ephemeralPublic = x25519.getPublicKey(ephemeral);
  // Per recipient: HKDF's extract step (the pseudorandom key of the shared secret and both public
  // keys) does not depend on the box, so only the expand step (over the context) runs per box.
  const extracted = new Map<string, Uint8Array>();
  return {
    seal(recipientPublicKey, plaintext, context) {
      const id = Buffer.from(recipientPublicKey).toString('hex');
      let prk = extracted.get(id);
      if (!prk) {
        const secret = x25519.getSharedSecret(ephemeral, recipientPublicKey);
        extracted.set(id, (prk = hkdfExtract(secret, concatBytes(ephemeralPublic, recipientPublicKey))));
        wipe(secret);
      }
      const info = utf8(context);
      const key = hkdfExpand(prk, info);
      const { nonce, ciphertext } = seal(key, plaintext, info);
      wipe(key);
      return concatBytes(ephemeralPublic, nonce, ciphertext);
    },
    dispose() {
      wipe(ephemeral, ...extracted.values());
      extracted.clear();
    },
  };
}

/** HKDF-SHA256 (RFC 5869), @noble/hashes: the extract step per recipient, the expand step per box. */
function hkdfExtract(secret: Uint8Array, salt: Uint8Array): Uint8Array {
  return extract(sha256, secret, salt);
}

function hkdfExpand(prk: Uint8Array, info: Uint8Array): Uint8Array {
  return expand(sha256, prk, info, 32);
}

function hkdf(secret: Uint8Array, salt: Uint8Array, info: Uint8Array): Uint8Array {
  const prk = hkdfExtract(secret, salt);
  try {
    return hkdfExpand(prk, info);
  } finally {
    wipe(prk);
  }
}

// DER prefixes of an X25519 private key (PKCS #8) and public key (SPKI), RFC 8410.
const PKCS8_X25519 = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI_X25519 = Buffer.from('302a300506032b656e032100', 'hex');

/**
 * The public key of `secretKey` and its X25519 shared secret with `peerPublicKey`, with Node's
 * native X25519 (RFC 7748: the same values as @noble/curves' x25519, a fraction of the time —
 * opening a case does this). Refuses a peer key that gives an all-zero secret, as noble does.
 */
function nativeX25519(secretKey: Uint8Array, peerPublicKey: Uint8Array): { publicKey: Uint8Array; shared: Uint8Array } {
  const der = Buffer.concat([PKCS8_X25519, secretKey]);
  try {
    const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    const publicKey = new Uint8Array((createPublicKey(privateKey).export({ format: 'der', type: 'spki' }) as Buffer).subarray(SPKI_X25519.length));
    const secret = diffieHellman({ privateKey, publicKey: createPublicKey({ key: Buffer.concat([SPKI_X25519, peerPublicKey]), format: 'der', type: 'spki' }) });
    const shared = new Uint8Array(secret);
    secret.fill(0);
    if (shared.every((b) => b === 0)) throw new Error('invalid X25519 public key');
    return { publicKey, shared };
  } finally {
    der.fill(0);
  }
}

export function openSealed(recipientSecretKey: Uint8Array, box: Uint8Array, context: string): Uint8Array {
  if (box.length < 32 + NONCE_BYTES + 16) throw new Error('sealed box too short');
  const ephemeralPublic = box.subarray(0, 32);
  const nonce = box.subarray(32, 32 + NONCE_BYTES);
  const ciphertext = box.subarray(32 + NONCE_BYTES);
  const { publicKey: recipientPublic, shared } = nativeX25519(recipientSecretKey, ephemeralPublic);
  const key = hkdf(shared, concatBytes(ephemeralPublic, recipientPublic), utf8(context));
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
