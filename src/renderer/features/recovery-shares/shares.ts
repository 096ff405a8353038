import { readRecoveryShare } from '../../../shared/recovery-share-text';

/** What a sheet or a typed share says about itself (never the secret part). */
export interface ShareLabel {
  index: number;
  total: number;
  threshold: number;
  vault: string;
  /** Tells shares of one set from another's. */
  set: string;
}

/** Reads a typed or printed share: its label, or why it cannot be one. */
export function labelOf(text: string): { ok: true; label: ShareLabel } | { ok: false; problem: 'malformed' | 'typo' } {
  const reading = readRecoveryShare(text);
  if (!reading.ok) return reading;
  const { index, total, threshold, vault, setId, data } = reading.share;
  data.fill(0);
  return { ok: true, label: { index, total, threshold, vault, set: [...setId].map((b) => b.toString(16).padStart(2, '0')).join('') } };
}

/** How many shares the typed ones say are needed, and how many distinct ones there are. */
export function shareCount(texts: readonly string[]): { needed: number; given: number } | null {
  const labels = texts.flatMap((text) => {
    const read = labelOf(text);
    return read.ok ? [read.label] : [];
  });
  if (labels.length === 0) return null;
  return { needed: labels[0]!.threshold, given: new Set(labels.map((l) => `${l.set}/${l.index}`)).size };
}

/** `2OF5-K3-7K3M9Q-ABCD-…` → the header and the groups of 4, as printed on a sheet. */
export function printedParts(text: string): { header: string; groups: string[] } {
  const parts = text.split('-');
  return { header: parts.slice(0, 3).join('-'), groups: parts.slice(3) };
}
