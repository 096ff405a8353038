import { AppError } from '../../../shared/errors';
import type { ChangeStamp } from '../../../shared/case-file/common';
import type { Db } from '../db/open';

/** What every versioned row carries. */
export interface Versioned {
  version: number;
  updated_at: string;
  updated_by: string;
}

export function stampOf(db: Db, row: Versioned | undefined): ChangeStamp {
  if (!row) return { version: 0, updatedAt: null, updatedBy: null };
  return { version: row.version, updatedAt: row.updated_at, updatedBy: displayName(db, row.updated_by) };
}

export function displayName(db: Db, accountId: string | null): string | null {
  if (!accountId) return null;
  const row = db.prepare('SELECT display_name FROM accounts WHERE id = ?').get(accountId) as { display_name: string } | undefined;
  return row?.display_name ?? null;
}

/**
 * Optimistic concurrency: a write names the version it was based on. If someone saved in
 * between, nothing is overwritten and the person is told who changed it and when.
 */
export function assertFresh(db: Db, current: Versioned | undefined, baseVersion: number, what: string): void {
  const actual = current?.version ?? 0;
  if (actual === baseVersion) return;
  const who = current ? displayName(db, current.updated_by) : null;
  throw new AppError(
    'STALE_WRITE',
    who && current
      ? `This ${what} was changed by ${who} at ${current.updated_at}; nothing was saved. Reload it to see the change.`
      : `This ${what} was changed meanwhile; nothing was saved. Reload it to see the change.`,
  );
}
