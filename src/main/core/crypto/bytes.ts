import { randomBytes as nodeRandomBytes, randomFillSync } from 'node:crypto';

/** Overwrites a key buffer in place. Strings cannot be wiped; keys are kept in buffers for this. */
export function wipe(...buffers: (Uint8Array | null | undefined)[]): void {
  for (const b of buffers) if (b) b.fill(0);
}

export function randomBytes(length: number): Uint8Array {
  return new Uint8Array(nodeRandomBytes(length));
}

const POOL = Buffer.alloc(4096);
let poolAt = POOL.length;

/**
 * Random bytes for values that are not secret — nonces, row ids — from a pool the system's
 * generator refills 4 KiB at a time (a batch of intakes asks for tens of thousands of small
 * values). Never for keys: a key's bytes must not sit in a shared buffer.
 */
export function publicRandomBytes(length: number): Uint8Array {
  if (length > POOL.length) return randomBytes(length);
  if (poolAt + length > POOL.length) {
    randomFillSync(POOL);
    poolAt = 0;
  }
  const out = new Uint8Array(POOL.subarray(poolAt, poolAt + length));
  POOL.fill(0, poolAt, poolAt + length);
  poolAt += length;
  return out;
}

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export function fromBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
