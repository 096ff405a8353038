import { sha256 } from '@noble/hashes/sha2.js';
import { toHex, utf8 } from '../crypto/bytes';
import { canonicalJson } from '../crypto/canonical-json';
import type { Db } from '../db/open';
import type { AuditAction } from '../../../shared/audit';

/**
 * The audit trail (DESIGN.md §5): who did what, when, to which account or case — never the
 * content. Each entry carries the hash of the one before it, and the head (last seq and hash)
 * is kept apart, so an edited, deleted, inserted or reordered entry breaks `verifyAuditChain`.
 */
export type { AuditAction };

export type AuditDetail = Record<string, string | number | boolean | null>;

export interface AuditInput {
  at: string;
  actorId: string | null;
  action: AuditAction;
  target?: string | null;
  detail?: AuditDetail;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actorId: string | null;
  action: string;
  target: string | null;
  detail: AuditDetail;
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

export function entryHash(prevHash: string, e: Omit<AuditEntry, 'prevHash' | 'hash'>): string {
  const body = canonicalJson({ seq: e.seq, at: e.at, actorId: e.actorId, action: e.action, target: e.target, detail: e.detail });
  return toHex(sha256(utf8(`${prevHash}\n${body}`)));
}

/** Appends one entry; call inside the transaction of the change it records. */
export function appendAudit(db: Db, input: AuditInput): AuditEntry {
  const head = db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as { seq: number; hash: string } | undefined;
  const prevHash = head?.hash ?? GENESIS_HASH;
  const entry = {
    seq: (head?.seq ?? 0) + 1,
    at: input.at,
    actorId: input.actorId,
    action: input.action,
    target: input.target ?? null,
    detail: input.detail ?? {},
  };
  const hash = entryHash(prevHash, entry);
  db.prepare(
    'INSERT INTO audit_log (seq, at, actor_id, action, target, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(entry.seq, entry.at, entry.actorId, entry.action, entry.target, canonicalJson(entry.detail), prevHash, hash);
  db.prepare('INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash').run(
    entry.seq,
    hash,
  );
  return { ...entry, prevHash, hash };
}

interface Row {
  seq: number;
  at: string;
  actor_id: string | null;
  action: string;
  target: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

export interface ChainReport {
  entries: number;
  problems: string[];
}

/** Walks the whole chain. Problems name entry numbers only, never their content. */
export function verifyAuditChain(db: Db): ChainReport {
  const problems: string[] = [];
  let expectedPrev = GENESIS_HASH;
  let expectedSeq = 1;
  let entries = 0;
  let last: { seq: number; hash: string } | null = null;
  for (const row of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<Row>) {
    entries++;
    if (row.seq !== expectedSeq) problems.push(`entries ${expectedSeq}–${row.seq - 1} are missing (deleted)`);
    if (row.prev_hash !== expectedPrev) problems.push(`entry ${row.seq} does not follow the entry before it (deleted, inserted or reordered)`);
    let detail: AuditDetail = {};
    try {
      detail = JSON.parse(row.detail) as AuditDetail;
    } catch {
      problems.push(`entry ${row.seq} has an unreadable detail`);
    }
    const recomputed = entryHash(row.prev_hash, { seq: row.seq, at: row.at, actorId: row.actor_id, action: row.action, target: row.target, detail });
    if (recomputed !== row.hash) problems.push(`entry ${row.seq} was edited (its hash does not match its content)`);
    expectedPrev = row.hash;
    expectedSeq = row.seq + 1;
    last = { seq: row.seq, hash: row.hash };
  }
  const head = db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as { seq: number; hash: string } | undefined;
  if (head && last && last.seq > head.seq) problems.push(`entries after ${head.seq} were added outside Amparo (the chain goes past its recorded head)`);
  else if (head && (!last || head.seq !== last.seq || head.hash !== last.hash)) problems.push('the newest entries were removed (the chain ends before its recorded head)');
  if (!head && last) problems.push('the record of the chain head is missing');
  return { entries, problems };
}
