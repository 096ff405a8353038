import type { z } from 'zod';
import type { AuditEntryView, AuditFilter, AuditPage, auditQuerySchema } from '../../../shared/audit';
import type { Db } from '../db/open';
import type { AuditDetail } from './chain';

/**
 * Reading the audit trail for the audit screen and its CSV export: filtered by who acted, by
 * case (its code, resolved to the case id that entries carry as their target), by action and by
 * day (UTC, both ends included), newest first. Entries hold no case content by design; the only
 * things joined to them are the display name of the acting account and a label for the target:
 * the case's code, the account's display name, or the team's name.
 */

/** As the contract takes it (the router has applied its defaults; direct callers may omit the limit). */
export type AuditQuery = z.input<typeof auditQuerySchema>;

const DEFAULT_LIMIT = 100;

/** An entry as the screen shows it, plus what the CSV export adds: the raw target and the hash. */
export interface AuditEntryRow extends AuditEntryView {
  target: string | null;
  hash: string;
}

interface Row {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  target: string | null;
  target_label: string | null;
  detail: string;
  hash: string;
}

const SELECT = `
  SELECT l.seq, l.at, l.actor_id, actor.display_name AS actor_name, l.action, l.target,
         COALESCE(c.code, subject.display_name, team.name) AS target_label, l.detail, l.hash
  FROM audit_log l
  LEFT JOIN accounts actor ON actor.id = l.actor_id
  LEFT JOIN cases c ON c.id = l.target
  LEFT JOIN accounts subject ON subject.id = l.target
  LEFT JOIN teams team ON team.id = l.target`;

/** The id of the case with this code (as typed, or in capitals; spaces around ignored), or null. */
export function caseIdOfCode(db: Db, code: string): string | null {
  const typed = code.trim();
  const found = db.prepare('SELECT id FROM cases WHERE code IN (?, upper(?)) ORDER BY code = ? DESC LIMIT 1').get(typed, typed, typed) as { id: string } | undefined;
  return found?.id ?? null;
}

/** The day after an ISO date (YYYY-MM-DD), so that `at < dayAfter(to)` includes all of `to`. */
function dayAfter(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The conditions of a filter, or null when nothing can match (an unknown case code, a range
 * that ends before it starts). `at` is always `toISOString()` text, so it compares as a time.
 */
function whereOf(db: Db, filter: AuditFilter): { conditions: string[]; params: unknown[] } | null {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (filter.actorId) {
    conditions.push('l.actor_id = ?');
    params.push(filter.actorId);
  }
  if (filter.caseCode) {
    const caseId = caseIdOfCode(db, filter.caseCode);
    if (!caseId) return null;
    conditions.push('l.target = ?');
    params.push(caseId);
  }
  if (filter.action) {
    conditions.push('l.action = ?');
    params.push(filter.action);
  }
  if (filter.from && filter.to && filter.from > filter.to) return null;
  if (filter.from) {
    conditions.push('l.at >= ?');
    params.push(filter.from);
  }
  if (filter.to) {
    conditions.push('l.at < ?');
    params.push(dayAfter(filter.to));
  }
  return { conditions, params };
}

const whereClause = (conditions: string[]) => (conditions.length ? `WHERE ${conditions.join(' AND ')}` : '');

function parseDetail(text: string): AuditDetail {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as AuditDetail) : {};
  } catch {
    // A damaged entry is `verify`'s to report; the screen still lists it.
    return {};
  }
}

function toEntry(row: Row): AuditEntryRow {
  return {
    seq: row.seq,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    targetLabel: row.target_label,
    detail: parseDetail(row.detail),
    target: row.target,
    hash: row.hash,
  };
}

/**
 * One page, newest first: the entries after the one numbered `beforeSeq` (or from the newest),
 * and whether more match. Newest by time, then by number: the order of the chain unless the
 * computer's clock was set back, and the order an index on each filter can read without sorting
 * the whole trail (schema step 4).
 */
export function queryAudit(db: Db, query: AuditQuery): AuditPage {
  const where = whereOf(db, query);
  if (!where) return { entries: [], more: false };
  const conditions = [...where.conditions];
  const params = [...where.params];
  if (query.beforeSeq !== undefined) {
    const cursor = db.prepare('SELECT at FROM audit_log WHERE seq = ?').get(query.beforeSeq) as { at: string } | undefined;
    if (cursor) {
      conditions.push('(l.at, l.seq) < (?, ?)');
      params.push(cursor.at, query.beforeSeq);
    } else {
      conditions.push('l.seq < ?');
      params.push(query.beforeSeq);
    }
  }
  const limit = query.limit ?? DEFAULT_LIMIT;
  const rows = db.prepare(`${SELECT} ${whereClause(conditions)} ORDER BY l.at DESC, l.seq DESC LIMIT ?`).all(...params, limit + 1) as Row[];
  const more = rows.length > limit;
  return {
    entries: rows.slice(0, limit).map((row) => {
      const { target: _target, hash: _hash, ...view } = toEntry(row);
      return view;
    }),
    more,
  };
}

/** Every entry matching the filter, oldest first (the order of the chain), one at a time. */
export function* iterateAudit(db: Db, filter: AuditFilter): Generator<AuditEntryRow> {
  const where = whereOf(db, filter);
  if (!where) return;
  for (const row of db.prepare(`${SELECT} ${whereClause(where.conditions)} ORDER BY l.seq`).iterate(...where.params) as IterableIterator<Row>) yield toEntry(row);
}
