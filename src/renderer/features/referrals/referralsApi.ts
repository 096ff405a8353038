import type { PackagePart } from '../../../shared/referrals';

/** The parts in the order the case file shows them. */
export const PART_ORDER: readonly PackagePart[] = ['identity', 'profile', 'experience', 'plan', 'return', 'reintegration', 'legal', 'consent', 'risk', 'service', 'note', 'clinical'];

/** "3F2A 9C01 …": the fingerprint in groups of four, to read aloud. */
export function groups(fingerprint: string): string[] {
  return fingerprint.match(/.{1,4}/g) ?? [fingerprint];
}

const sameName = (a: string, b: string) => a.trim().localeCompare(b.trim(), undefined, { sensitivity: 'base' }) === 0;

/** The consent record that allows sharing with `organisation` (as the core checks it), if any. */
export function consentFor(records: { kind: string; data: Record<string, unknown> }[], organisation: string): { givenOn: string } | null {
  for (const r of records) {
    if (r.kind !== 'consent') continue;
    const d = r.data as { purpose?: string; organisation?: string; withdrawnOn?: string | null; givenOn?: string };
    if ((d.purpose === 'sharing' || d.purpose === 'referral') && !d.withdrawnOn && sameName(d.organisation ?? '', organisation)) return { givenOn: d.givenOn ?? '' };
  }
  return null;
}
