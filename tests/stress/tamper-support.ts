import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { Envelope, ErrorCode } from '../../src/shared/errors';
import { cli } from '../support/cli';

/**
 * Shared by the tamper tests (issue 7 §4): a copy of a pristine vault folder per tampering, the
 * files' bytes before and after, and the shape every refusal must have.
 */

/** Copies the folder `from` (a closed vault: no -wal, no -shm) to `to`. */
export function copyVault(from: string, to: string): string {
  fs.cpSync(from, to, { recursive: true });
  return to;
}

/** Every file of a folder with its bytes (base64); absent files are absent keys. */
export function filesOf(dir: string): Record<string, string> {
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .sort()
      .map((f) => [f, fs.readFileSync(path.join(dir, f)).toString('base64')]),
  );
}

/** XORs one byte of a file in place. */
export function flipByte(file: string, at: number, mask = 0x01): void {
  const bytes = fs.readFileSync(file);
  bytes[at] = bytes[at]! ^ mask;
  fs.writeFileSync(file, bytes);
}

/** Swaps two equal-length, non-overlapping regions of a buffer (a copy). */
export function swapRegions(bytes: Uint8Array, a: number, b: number, length: number): Buffer {
  const out = Buffer.from(bytes);
  const first = Buffer.from(out.subarray(a, a + length));
  out.copy(out, a, b, b + length);
  first.copy(out, b);
  return out;
}

/** The `amparo:` lines of stderr (progress lines are the others). */
export const errorLines = (err: string) => err.split('\n').filter((l) => l.startsWith('amparo:'));

/**
 * A refusal: an error envelope with this code (or one of these) and a one-line English message
 * that names no passphrase; never INTERNAL.
 */
export function expectRefused(result: Envelope<unknown>, codes: ErrorCode | readonly ErrorCode[], label: string): void {
  const allowed = typeof codes === 'string' ? [codes] : codes;
  expect(result.ok, `${label}: ${JSON.stringify(result.ok ? 'ok' : result.error)}`).toBe(false);
  if (result.ok) return;
  expect(allowed, `${label}: ${result.error.code} ${result.error.message}`).toContain(result.error.code);
  expect(result.error.message.length, label).toBeGreaterThan(10);
  expect(result.error.message, label).not.toContain('\n');
}

/** CLI `verify`: exit 1 and exactly one `amparo:` line on stderr. Returns its output. */
export async function expectVerifyFails(dataDir: string, user: string, passphrase: string, label: string) {
  const result = await cli(['verify', '--data-dir', dataDir, '--user', user], [passphrase]);
  expect(result.code, `${label}: ${result.err}`).toBe(1);
  expect(errorLines(result.err), `${label}: ${result.err}`).toHaveLength(1);
  expect(result.err, label).not.toContain('unexpected failure');
  expect(result.out + result.err, label).not.toContain(passphrase);
  return result;
}

/** Outcomes, printed once per file as a table for the report (codes and check names only). */
export class OutcomeTable {
  private readonly rows: string[][] = [];
  constructor(private readonly title: string) {}
  add(...cells: string[]): void {
    this.rows.push(cells);
  }
  print(): void {
    if (process.env.AMPARO_TAMPER_REPORT) console.log(`\n${this.title}\n${this.rows.map((r) => r.join(' | ')).join('\n')}`);
  }
}
