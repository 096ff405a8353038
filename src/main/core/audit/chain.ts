import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { canonicalJson } from '../crypto/canonical-json';
import type { Db } from '../db/open';
import { AUDIT_CHAIN_MAX_PROBLEMS, type AuditAction, type AuditChainProblem, type AuditChainStatus } from '../../../shared/audit';

/**
 * The audit trail (DESIGN.md §5): who did what, when, to which account or case — never the
 * content. Each entry carries the hash of the one before it, and the head (last seq and hash)
 * is kept apart, so an edited, deleted, inserted or reordered entry breaks `verifyAuditChain`.
 */
export type { AuditAction, AuditChainProblem };

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
  // Node's native SHA-256 (UTF-8, as before): the whole chain is hashed again each time the audit
  // screen opens, and the pure-JS one took twenty times longer.
  return createHash('sha256').update(`${prevHash}\n${body}`, 'utf8').digest('hex');
}

/** Appends one entry; call inside the transaction of the change it records. */
export function appendAudit(db: Db, input: AuditInput): AuditEntry {
  return appendAuditEntries(db, [input])[0]!;
}

/** Appends entries in order (a batch of new cases): the head is read and moved once, the rows go in with one statement. */
export function appendAuditEntries(db: Db, inputs: readonly AuditInput[]): AuditEntry[] {
  const head = db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as { seq: number; hash: string } | undefined;
  let prevHash = head?.hash ?? GENESIS_HASH;
  let seq = head?.seq ?? 0;
  const entries = inputs.map((input) => {
    const entry = { seq: ++seq, at: input.at, actorId: input.actorId, action: input.action, target: input.target ?? null, detail: input.detail ?? {} };
    const hash = entryHash(prevHash, entry);
    const written = { ...entry, prevHash, hash };
    prevHash = hash;
    return written;
  });
  if (!entries.length) return entries;
  db.prepare(
    `INSERT INTO audit_log (seq, at, actor_id, action, target, detail, prev_hash, hash)
     SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7 FROM json_each(?)`,
  ).run(JSON.stringify(entries.map((e) => [e.seq, e.at, e.actorId, e.action, e.target, canonicalJson(e.detail), e.prevHash, e.hash])));
  db.prepare('INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash').run(seq, prevHash);
  return entries;
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

export interface ChainInspection {
  entries: number;
  /** The first `keep` problems, in chain order. */
  problems: AuditChainProblem[];
  /** All of them, kept or not. */
  problemCount: number;
}

/**
 * The chain's check, fed its entries in order (one page after another): problems name entry
 * numbers only, never their content. `keep` bounds the list held in memory (a chain whose every
 * entry was edited still counts them all).
 */
function chainWalker(keep: number) {
  const problems: AuditChainProblem[] = [];
  let problemCount = 0;
  const found = (problem: AuditChainProblem) => {
    problemCount++;
    if (problems.length < keep) problems.push(problem);
  };
  let expectedPrev = GENESIS_HASH;
  let expectedSeq = 1;
  let entries = 0;
  let last: { seq: number; hash: string } | null = null;
  return {
    get lastSeq() {
      return last?.seq ?? 0;
    },
    add(row: Row): void {
      entries++;
      if (row.seq !== expectedSeq) found({ kind: 'missing', from: expectedSeq, to: row.seq - 1 });
      if (row.prev_hash !== expectedPrev) found({ kind: 'unlinked', seq: row.seq });
      let detail: AuditDetail = {};
      try {
        detail = JSON.parse(row.detail) as AuditDetail;
      } catch {
        found({ kind: 'unreadable', seq: row.seq });
      }
      if (hashOf(row, detail) !== row.hash) found({ kind: 'edited', seq: row.seq });
      expectedPrev = row.hash;
      expectedSeq = row.seq + 1;
      last = { seq: row.seq, hash: row.hash };
    },
    /** The last entry against the recorded head (read after the last page). */
    finish(head: { seq: number; hash: string } | undefined): ChainInspection {
      if (head && last && last.seq > head.seq) found({ kind: 'appended', after: head.seq });
      else if (head && (!last || head.seq !== last.seq || head.hash !== last.hash)) found({ kind: 'truncated' });
      if (!head && last) found({ kind: 'head-missing' });
      return { entries, problems, problemCount };
    },
  };
}

const HEAD = 'SELECT seq, hash FROM audit_head WHERE id = 1';
const PAGE = 'SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?';

/** Walks the whole chain at once (the command line's `verify`). */
export function inspectAuditChain(db: Db, keep = Infinity): ChainInspection {
  const walker = chainWalker(keep);
  for (const row of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<Row>) walker.add(row);
  return walker.finish(db.prepare(HEAD).get() as { seq: number; hash: string } | undefined);
}

/** Entries checked between two turns of the event loop: about 40 ms of hashing on a slow laptop. */
const PAGE_ENTRIES = 5000;

/**
 * The same walk in pages, giving the event loop a turn after each, so that the main process
 * answers other calls while a trail of a million entries is checked (about 8 µs an entry here).
 * Entries written meanwhile are appended after the last one read: the walk goes on until it
 * reaches the head, read after a page that found nothing more.
 */
export async function inspectAuditChainInPages(db: Db, keep = Infinity, pageEntries = PAGE_ENTRIES): Promise<ChainInspection> {
  const walker = chainWalker(keep);
  const page = db.prepare(PAGE);
  for (;;) {
    // Locked while it waited its turn: the connection is closed, and there is nobody to answer.
    if (!db.open) throw new AppError('NOT_SIGNED_IN', 'The vault was locked before the audit trail was checked.');
    const rows = page.all(walker.lastSeq, pageEntries) as Row[];
    for (const row of rows) walker.add(row);
    if (rows.length < pageEntries) return walker.finish(db.prepare(HEAD).get() as { seq: number; hash: string } | undefined);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** The recomputed hash, or null when the content cannot even be hashed (e.g. a detail nested past the stack). */
function hashOf(row: Row, detail: AuditDetail): string | null {
  try {
    return entryHash(row.prev_hash, { seq: row.seq, at: row.at, actorId: row.actor_id, action: row.action, target: row.target, detail });
  } catch {
    return null;
  }
}

/** A problem in English, as the command line's `verify` prints it. */
export function describeChainProblem(problem: AuditChainProblem): string {
  switch (problem.kind) {
    case 'missing':
      return `entries ${problem.from}–${problem.to} are missing (deleted)`;
    case 'unlinked':
      return `entry ${problem.seq} does not follow the entry before it (deleted, inserted or reordered)`;
    case 'unreadable':
      return `entry ${problem.seq} has an unreadable detail`;
    case 'edited':
      return `entry ${problem.seq} was edited (its hash does not match its content)`;
    case 'appended':
      return `entries after ${problem.after} were added outside Amparo (the chain goes past its recorded head)`;
    case 'truncated':
      return 'the newest entries were removed (the chain ends before its recorded head)';
    case 'head-missing':
      return 'the record of the chain head is missing';
  }
}

/** The whole chain checked, its problems in English. */
export function verifyAuditChain(db: Db): ChainReport {
  const { entries, problems } = inspectAuditChain(db);
  return { entries, problems: problems.map(describeChainProblem) };
}

/** The audit screen's answer: whether the trail is intact, with a bounded list of what is not. */
export async function auditChainStatus(db: Db, now: () => Date, pageEntries?: number): Promise<AuditChainStatus> {
  const { entries, problems, problemCount } = await inspectAuditChainInPages(db, AUDIT_CHAIN_MAX_PROBLEMS, pageEntries);
  return { entries, intact: problemCount === 0, problems, problemCount, checkedAt: now().toISOString() };
}
