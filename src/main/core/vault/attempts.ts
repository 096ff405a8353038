import fs from 'node:fs';
import { z } from 'zod';
import { fromBase64, toBase64, utf8 } from '../crypto/bytes';
import { openSealed, sealTo } from '../crypto/sealed-box';
import { writeFileAtomic } from '../fs/atomic-write';

/**
 * Failed unlock attempts, kept in a small file so the delay survives a restart. The attempted
 * username is sealed to the vault's attempts key (its secret half is inside the database), so
 * the file names nobody, and each attempt is audited once the vault is open again.
 */
const attemptsSchema = z.strictObject({
  failures: z.number().int().nonnegative(),
  lastFailureAt: z.string().nullable(),
  pending: z.array(z.strictObject({ at: z.string(), sealed: z.string() })).max(1000),
});
type AttemptsFile = z.infer<typeof attemptsSchema>;

const EMPTY: AttemptsFile = { failures: 0, lastFailureAt: null, pending: [] };
const CONTEXT = 'amparo/failed-attempt/v1';
const FREE_ATTEMPTS = 2;
const MAX_DELAY_SECONDS = 300;

/** 0 s for the first two failures, then 1, 2, 4, 8 … seconds, at most five minutes. */
export function delayAfter(failures: number): number {
  if (failures <= FREE_ATTEMPTS) return 0;
  return Math.min(2 ** (failures - FREE_ATTEMPTS - 1), MAX_DELAY_SECONDS);
}

export function readAttempts(file: string): AttemptsFile {
  try {
    const parsed = attemptsSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    // A damaged or deleted file must not lift the delay for good; treat it as many failures.
    return parsed.success ? parsed.data : { ...EMPTY, failures: FREE_ATTEMPTS + 4, lastFailureAt: new Date().toISOString() };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY;
    return { ...EMPTY, failures: FREE_ATTEMPTS + 4, lastFailureAt: new Date().toISOString() };
  }
}

export function retryAfterSeconds(file: string, now: Date): number {
  const { failures, lastFailureAt } = readAttempts(file);
  if (!lastFailureAt) return 0;
  const until = Date.parse(lastFailureAt) + delayAfter(failures) * 1000;
  return Math.max(0, Math.ceil((until - now.getTime()) / 1000));
}

export function recordFailure(file: string, attemptsPublicKey: Uint8Array, username: string, now: Date): void {
  const current = readAttempts(file);
  const sealed = toBase64(sealTo(attemptsPublicKey, utf8(username), CONTEXT));
  const pending = [...current.pending, { at: now.toISOString(), sealed }].slice(-1000);
  writeFileAtomic(file, JSON.stringify({ failures: current.failures + 1, lastFailureAt: now.toISOString(), pending }));
}

/** After a successful unlock: the attempts since the last one, opened, and the file cleared. */
export function drainAttempts(file: string, attemptsSecretKey: Uint8Array): { at: string; username: string | null }[] {
  const { pending } = readAttempts(file);
  const opened = pending.map((p) => {
    try {
      return { at: p.at, username: new TextDecoder().decode(openSealed(attemptsSecretKey, fromBase64(p.sealed), CONTEXT)) };
    } catch {
      return { at: p.at, username: null };
    }
  });
  fs.rmSync(file, { force: true });
  return opened;
}
