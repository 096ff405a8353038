import { sha256 } from '@noble/hashes/sha2.js';

/**
 * The text of one recovery share (DESIGN.md §3, issue 4 §4), printed on its own sheet and typed
 * back by hand:
 *
 *     2OF5-K3-7K3M9Q-ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789-ABCD-EFGH-C4EK
 *     │    │  │      └ 40 characters: the set's id (4 bytes) and the Shamir share (21 bytes),
 *     │    │  │        then a 4-character checksum over everything before it
 *     │    │  └ the vault's short fingerprint (not its id)
 *     │    └ k: how many shares recover the key
 *     └ share i of n
 *
 * Only the format lives here (no Shamir arithmetic, no vault): the main process splits and
 * combines, the renderer checks each typed share at once and reads the sheet's header from it.
 * `@noble/hashes` is pure JavaScript, so this module still runs in every process.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const SHARE_SET_ID_BYTES = 4;
/** The Shamir share of a 20-byte recovery key: 20 bytes and its x coordinate. */
export const SHARE_DATA_BYTES = 21;
const BODY_BYTES = SHARE_SET_ID_BYTES + SHARE_DATA_BYTES; // 25 bytes = 40 characters
const BODY_CHARS = (BODY_BYTES * 8) / 5;
const CHECK_CHARS = 4;
export const FINGERPRINT_CHARS = 6;
const MAX_COUNT = 255;

export interface RecoveryShare {
  /** Its number, 1…total. */
  index: number;
  total: number;
  threshold: number;
  /** The vault's short fingerprint. */
  vault: string;
  /** The same for every share of one split, different for another split. */
  setId: Uint8Array;
  /** The share itself (secret). */
  data: Uint8Array;
}

export type ShareReading = { ok: true; share: RecoveryShare } | { ok: false; problem: 'malformed' | 'typo' };

export function formatRecoveryShare(share: RecoveryShare): string {
  const body = new Uint8Array(BODY_BYTES);
  body.set(share.setId, 0);
  body.set(share.data, SHARE_SET_ID_BYTES);
  const chars = encode(body) + checksum(share, body);
  body.fill(0);
  return [`${share.index}OF${share.total}`, `K${share.threshold}`, share.vault, ...chars.match(/.{4}/g)!].join('-');
}

/**
 * Reads a typed share: any case, spaces or dashes anywhere, the usual look-alikes (O→0, I/L→1)
 * in its letters and digits. 'typo' when it has the right shape but its checksum does not match.
 */
export function readRecoveryShare(input: string): ShareReading {
  const compact = input.toUpperCase().replace(/[\s\-‐‑–—_.]/g, '');
  const tailLength = FINGERPRINT_CHARS + BODY_CHARS + CHECK_CHARS;
  if (compact.length <= tailLength) return { ok: false, problem: 'malformed' };
  const header = /^(\d{1,3})[O0]F(\d{1,3})K(\d{1,3})$/.exec(compact.slice(0, compact.length - tailLength));
  const tail = compact.slice(compact.length - tailLength).replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!header || [...tail].some((c) => !ALPHABET.includes(c))) return { ok: false, problem: 'malformed' };
  const [index, total, threshold] = header.slice(1).map(Number) as [number, number, number];
  const vault = tail.slice(0, FINGERPRINT_CHARS);
  const bodyChars = tail.slice(FINGERPRINT_CHARS, FINGERPRINT_CHARS + BODY_CHARS);
  const check = tail.slice(FINGERPRINT_CHARS + BODY_CHARS);
  const body = decode(bodyChars);
  const candidate = { index, total, threshold, vault, setId: body.slice(0, SHARE_SET_ID_BYTES), data: body.slice(SHARE_SET_ID_BYTES) };
  const expected = checksum(candidate, body);
  body.fill(0);
  if (expected !== check) {
    candidate.data.fill(0);
    return { ok: false, problem: 'typo' };
  }
  // A matching checksum over impossible numbers is no typo: it was never a share Amparo printed.
  const valid = index >= 1 && index <= total && threshold >= 2 && threshold <= total && total <= MAX_COUNT && candidate.data[SHARE_DATA_BYTES - 1] !== 0;
  if (!valid) {
    candidate.data.fill(0);
    return { ok: false, problem: 'malformed' };
  }
  return { ok: true, share: candidate };
}

/** Crockford base32 of a hash: for the vault's fingerprint (from its id) and the checksums. */
export function hashToChars(bytes: Uint8Array, chars: number): string {
  return encode(sha256(bytes).subarray(0, Math.ceil((chars * 5) / 8) + 1)).slice(0, chars);
}

function checksum(share: Pick<RecoveryShare, 'index' | 'total' | 'threshold' | 'vault'>, body: Uint8Array): string {
  const prefix = new TextEncoder().encode(`amparo/recovery-share/v1\u0000${share.index}\u0000${share.total}\u0000${share.threshold}\u0000${share.vault}\u0000`);
  const all = new Uint8Array(prefix.length + body.length);
  all.set(prefix, 0);
  all.set(body, prefix.length);
  const out = hashToChars(all, CHECK_CHARS);
  all.fill(0);
  return out;
}

function encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function decode(text: string): Uint8Array {
  const out = new Uint8Array(Math.floor((text.length * 5) / 8));
  let bits = 0;
  let value = 0;
  let index = 0;
  for (const char of text) {
    value = ((value << 5) | ALPHABET.indexOf(char)) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      out[index++] = (value >>> (bits - 8)) & 0xff;
      bits -= 8;
    }
  }
  return out;
}
