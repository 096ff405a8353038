import { hashRaw } from '@node-rs/argon2';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';

/** Argon2id parameters, stored with every key slot so they can be raised later. */
export const kdfParamsSchema = z.strictObject({
  algorithm: z.literal('argon2id'),
  // Upper bounds too: an edited keyring must not make an unlock allocate or run without end.
  memoryKiB: z.number().int().positive().max(4 * 1024 * 1024),
  iterations: z.number().int().positive().max(64),
  parallelism: z.number().int().positive().max(255),
});
export type KdfParams = z.infer<typeof kdfParamsSchema>;

/** The floor: a slot with anything weaker is refused as a downgrade. DESIGN.md §3. */
export const MINIMUM_KDF: KdfParams = { algorithm: 'argon2id', memoryKiB: 256 * 1024, iterations: 3, parallelism: 4 };

export function assertNotWeaker(params: KdfParams): void {
  if (
    params.memoryKiB < MINIMUM_KDF.memoryKiB ||
    params.iterations < MINIMUM_KDF.iterations ||
    params.parallelism < MINIMUM_KDF.parallelism
  ) {
    throw new AppError('KDF_DOWNGRADE', 'A key slot uses key-derivation parameters weaker than allowed; it was refused.');
  }
}

const ARGON2ID = 2; // Algorithm.Argon2id (a const enum, which isolated modules cannot import)

/** Argon2id → 32 bytes. Runs on libuv's thread pool, so the event loop stays free. */
export async function deriveKey(secret: Uint8Array, salt: Uint8Array, params: KdfParams): Promise<Uint8Array> {
  assertNotWeaker(params);
  const raw = await hashRaw(secret, {
    algorithm: ARGON2ID,
    memoryCost: params.memoryKiB,
    timeCost: params.iterations,
    parallelism: params.parallelism,
    outputLen: 32,
    salt,
  });
  const key = new Uint8Array(raw);
  raw.fill(0);
  return key;
}

export function sameParams(a: KdfParams, b: KdfParams): boolean {
  return a.memoryKiB === b.memoryKiB && a.iterations === b.iterations && a.parallelism === b.parallelism;
}
