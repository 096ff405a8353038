import { combine, split } from 'shamir-secret-sharing';
import { AppError } from '../../../shared/errors';
import { SHARES_MAX } from '../../../shared/recovery';
import { FINGERPRINT_CHARS, formatRecoveryShare, hashToChars, readRecoveryShare, SHARE_SET_ID_BYTES, type RecoveryShare } from '../../../shared/recovery-share-text';
import { randomBytes, utf8, wipe } from '../crypto/bytes';
import { formatRecoveryKey, parseRecoveryKey } from './recovery-key';

/**
 * Recovery shares (DESIGN.md §3): the recovery key's 20 secret bytes split into n Shamir shares
 * of which any k recover it, with the audited `shamir-secret-sharing` library (no field
 * arithmetic of our own). The text of a share is `shared/recovery-share-text.ts`.
 *
 * The library returns garbage, without an error, from fewer than k shares or from shares of
 * different splits: `combineRecoveryShares` checks all of that first, and its result must still
 * open the vault's recovery slot before anything is trusted (the caller does, with the key).
 * Nothing here logs a share or puts one in an error.
 */

/** A short name of the vault, printed on each share: enough to notice a share of another vault. */
export function vaultFingerprint(vaultId: string): string {
  return hashToChars(utf8(`amparo/vault-fingerprint/v1\u0000${vaultId}`), FINGERPRINT_CHARS);
}

export interface ShareCounts {
  threshold: number;
  shares: number;
}

/** Splits a recovery key (as typed; checked for typos) into `shares` texts, any `threshold` of which recover it. */
export async function splitRecoveryKey(recoveryKeyText: string, vaultId: string, counts: ShareCounts): Promise<string[]> {
  const { threshold, shares } = counts;
  if (!Number.isInteger(threshold) || !Number.isInteger(shares) || threshold < 2 || shares > SHARES_MAX || threshold > shares) {
    throw new AppError('BAD_REQUEST', `Choose from 2 to ${SHARES_MAX} shares, and at most that many needed.`);
  }
  const keyBytes = parseRecoveryKey(recoveryKeyText);
  const setId = randomBytes(SHARE_SET_ID_BYTES);
  const vault = vaultFingerprint(vaultId);
  let parts: Uint8Array[] = [];
  try {
    parts = await split(keyBytes, shares, threshold);
    return parts.map((data, i) => formatRecoveryShare({ index: i + 1, total: shares, threshold, vault, setId, data }));
  } finally {
    wipe(keyBytes, ...parts);
  }
}

/**
 * Combines typed shares into the recovery key text. Duplicates count once; a share with a typo,
 * a share of another vault or of another split, or fewer than k distinct shares are refused with
 * an error that names the share (by `labels[i]`, e.g. the file it came from; by default its
 * position among those given), never its content.
 */
export async function combineRecoveryShares(texts: readonly string[], vaultId: string, labels?: readonly string[]): Promise<string> {
  const label = (i: number) => labels?.[i] ?? `the share given in position ${i + 1}`;
  const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
  if (texts.length === 0) throw new AppError('SHARES_TOO_FEW', 'No share was given.');

  const parsed: RecoveryShare[] = [];
  try {
    texts.forEach((text, i) => {
      const reading = readRecoveryShare(text);
      if (!reading.ok) {
        throw new AppError(
          'SHARE_MALFORMED',
          reading.problem === 'typo'
            ? `${sentence(label(i))} has a typo: check each group against its sheet.`
            : `${sentence(label(i))} is not a complete recovery share: type it as printed on its sheet.`,
        );
      }
      parsed.push(reading.share);
    });

    const expectedVault = vaultFingerprint(vaultId);
    parsed.forEach((share, i) => {
      if (share.vault !== expectedVault) {
        throw new AppError('SHARES_MISMATCHED', `${sentence(label(i))} belongs to another Amparo installation (vault ${share.vault}; this one is ${expectedVault}).`);
      }
    });
    const first = parsed[0]!;
    parsed.forEach((share, i) => {
      if (!sameBytes(share.setId, first.setId) || share.threshold !== first.threshold || share.total !== first.total) {
        throw new AppError('SHARES_MISMATCHED', `${sentence(label(i))} is from another set of shares than ${label(0)}: use shares that were printed together.`);
      }
    });

    const distinct = new Map<number, { data: Uint8Array; at: number }>();
    parsed.forEach((share, i) => {
      const seen = distinct.get(share.index);
      if (!seen) distinct.set(share.index, { data: share.data, at: i });
      else if (!sameBytes(seen.data, share.data)) {
        throw new AppError('SHARES_MISMATCHED', `${sentence(label(i))} and ${label(seen.at)} both say they are share ${share.index} but differ.`);
      }
    });
    const needed = first.threshold;
    if (distinct.size < needed) {
      const duplicates = parsed.length > distinct.size ? ' (the same share given twice counts once)' : '';
      throw new AppError('SHARES_TOO_FEW', `${needed} shares are needed, ${distinct.size} ${distinct.size === 1 ? 'was' : 'were'} given${duplicates}.`);
    }

    const keyBytes = await combine([...distinct.values()].map((d) => d.data));
    try {
      return formatRecoveryKey(keyBytes);
    } finally {
      wipe(keyBytes);
    }
  } finally {
    for (const share of parsed) wipe(share.data);
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
