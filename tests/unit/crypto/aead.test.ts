import { gcm } from '@noble/ciphers/aes.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { x25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { open, seal, NONCE_BYTES } from '../../../src/main/core/crypto/aead';
import { concatBytes, randomBytes, utf8 } from '../../../src/main/core/crypto/bytes';
import { createSealer, generateKeyPair, openSealed } from '../../../src/main/core/crypto/sealed-box';

/**
 * AES-256-GCM and HKDF are Node's native ones (the hot path of a batch of intakes); what they
 * make is byte for byte what the @noble implementations made before, so every key slot, wrap
 * and sealed identity written earlier still opens, and the other way round.
 */
describe('aead (AES-256-GCM)', () => {
  it('opens what @noble/ciphers sealed, and @noble/ciphers opens what it seals', () => {
    for (const size of [0, 1, 15, 16, 17, 1000]) {
      const key = randomBytes(32);
      const aad = utf8(`context ${size}`);
      const plaintext = randomBytes(size);
      const mine = seal(key, plaintext, aad);
      expect(mine.nonce).toHaveLength(NONCE_BYTES);
      expect(mine.ciphertext).toHaveLength(size + 16);
      expect(gcm(key, mine.nonce, aad).decrypt(mine.ciphertext)).toEqual(plaintext);
      const nonce = randomBytes(NONCE_BYTES);
      const theirs = gcm(key, nonce, aad).encrypt(plaintext);
      expect(open(key, nonce, theirs, aad)).toEqual(plaintext);
    }
  });

  it('refuses a changed ciphertext, tag, nonce, associated data or key', () => {
    const key = randomBytes(32);
    const aad = utf8('ctx');
    const { nonce, ciphertext } = seal(key, utf8('Rosa Quispe'), aad);
    const flip = (b: Uint8Array, i: number) => {
      const c = b.slice();
      c[i]! ^= 1;
      return c;
    };
    expect(() => open(key, nonce, flip(ciphertext, 0), aad)).toThrow();
    expect(() => open(key, nonce, flip(ciphertext, ciphertext.length - 1), aad)).toThrow();
    expect(() => open(key, flip(nonce, 3), ciphertext, aad)).toThrow();
    expect(() => open(key, nonce, ciphertext, utf8('cty'))).toThrow();
    expect(() => open(randomBytes(32), nonce, ciphertext, aad)).toThrow();
    expect(() => open(key, nonce, ciphertext.subarray(0, 10), aad)).toThrow();
  });
});

describe('sealed box', () => {
  it('derives its keys as @noble/hashes hkdf did: a box made the old way opens, and the old way opens a new box', () => {
    const recipient = generateKeyPair();
    const context = 'amparo/case-key/v1/test';
    const caseKey = randomBytes(32);
    // The old way, spelled out: ephemeral ECDH, HKDF-SHA256 over both public keys, AES-256-GCM.
    const ephemeral = x25519.utils.randomSecretKey();
    const ephemeralPublic = x25519.getPublicKey(ephemeral);
    const key = hkdf(sha256, x25519.getSharedSecret(ephemeral, recipient.publicKey), concatBytes(ephemeralPublic, recipient.publicKey), utf8(context), 32);
    const nonce = randomBytes(NONCE_BYTES);
    const oldBox = concatBytes(ephemeralPublic, nonce, gcm(key, nonce, utf8(context)).encrypt(caseKey));
    expect(openSealed(recipient.secretKey, oldBox, context)).toEqual(caseKey);

    // A sealer's boxes (the second and later ones reuse the recipient's extracted key), each opened the old way.
    const sealer = createSealer();
    for (const ctx of [context, `${context}/2`, `${context}/3`]) {
      const box = sealer.seal(recipient.publicKey, caseKey, ctx);
      const epk = box.subarray(0, 32);
      const k = hkdf(sha256, x25519.getSharedSecret(recipient.secretKey, epk), concatBytes(epk, recipient.publicKey), utf8(ctx), 32);
      expect(gcm(k, box.subarray(32, 32 + NONCE_BYTES), utf8(ctx)).decrypt(box.subarray(32 + NONCE_BYTES))).toEqual(caseKey);
      expect(openSealed(recipient.secretKey, box, ctx)).toEqual(caseKey);
    }
    sealer.dispose();
  });

  it('opens with native X25519 what noble computed, and refuses a box whose ephemeral key is of low order', () => {
    for (let i = 0; i < 20; i++) {
      const recipient = generateKeyPair();
      const caseKey = randomBytes(32);
      const sealer = createSealer();
      const box = sealer.seal(recipient.publicKey, caseKey, 'ctx');
      sealer.dispose();
      expect(openSealed(recipient.secretKey, box, 'ctx')).toEqual(caseKey);
      expect(() => openSealed(generateKeyPair().secretKey, box, 'ctx')).toThrow();
    }
    const recipient = generateKeyPair();
    const box = new Uint8Array(32 + NONCE_BYTES + 48); // an all-zero ephemeral key: a point of small order
    expect(() => openSealed(recipient.secretKey, box, 'ctx')).toThrow();
  });
});
