import type { z } from 'zod';
import { caseListQuerySchema, type CaseListRow } from '../../../shared/case-file/case';
import type { Session } from '../users/session';
import { assertVisible, visibleCases } from './access';
import { today } from './context';
import { LIST_COLUMNS, toListRow, type ListRowData } from './repository';
import { MARK_END, MARK_START, searchDocuments } from './search-index';
import { displayName } from './stamps';

/** Lists, search, the home screen's lists, the timeline and the field history of a case. */
const SORT_SQL: Record<z.output<typeof caseListQuerySchema>['sort'], string> = {
  code: 'c.code',
  status: 'c.status',
  openedOn: 'c.opened_on',
  updatedAt: 'c.updated_at',
  riskLevel: "CASE c.risk_level WHEN 'high' THEN 3 WHEN 'medium' THEN 2 WHEN 'low' THEN 1 ELSE 0 END",
  citizenship: 'c.citizenship',
  gender: 'c.gender',
};

export function listCases(session: Session, input: z.input<typeof caseListQuerySchema>) {
  const q = caseListQuerySchema.parse(input);
  const { db } = session.vault;
  const visible = visibleCases(session);
  const where: string[] = [visible.sql];
  const params: unknown[] = [...visible.params];
  if (q.assignedTo) {
    where.push('EXISTS (SELECT 1 FROM case_assignments a WHERE a.case_id = c.id AND a.account_id = ?)');
    params.push(q.assignedTo);
  }
  if (q.riskLevel?.length) {
    where.push(`c.risk_level IN (${q.riskLevel.map(() => '?').join(', ')})`);
    params.push(...q.riskLevel);
  }
  if (q.track) {
    where.push("EXISTS (SELECT 1 FROM case_records r WHERE r.case_id = c.id AND r.kind = 'service' AND r.track = ?)");
    params.push(q.track);
  }
  if (q.exploitationType) {
    where.push('c.exploitation_type = ?');
    params.push(q.exploitationType);
  }
  if (q.citizenship) {
    where.push('c.citizenship = ?');
    params.push(q.citizenship);
  }
  if (q.followUpDue) {
    where.push("EXISTS (SELECT 1 FROM case_records r WHERE r.case_id = c.id AND r.kind = 'followUp' AND r.done_on IS NULL AND r.due_on <= ?)");
    params.push(today(session));
  }
  // Counts by status ignore the status filter, so the filter chips can show them all.
  const countsByStatus = Object.fromEntries(
    (db.prepare(`SELECT c.status AS status, count(*) AS n FROM cases c WHERE ${where.join(' AND ')} GROUP BY c.status`).all(...params) as { status: string; n: number }[]).map((r) => [
      r.status,
      r.n,
    ]),
  );
  if (q.status?.length) {
    where.push(`c.status IN (${q.status.map(() => '?').join(', ')})`);
    params.push(...q.status);
  }
  const whereSql = where.join(' AND ');
  const total = (db.prepare(`SELECT count(*) AS n FROM cases c WHERE ${whereSql}`).get(...params) as { n: number }).n;
  const direction = q.direction === 'asc' ? 'ASC' : 'DESC';
  const rows = db
    .prepare(`SELECT ${LIST_COLUMNS} FROM cases c WHERE ${whereSql} ORDER BY ${SORT_SQL[q.sort]} ${direction}, c.code ${direction} LIMIT ? OFFSET ?`)
    .all(...params, q.limit, q.offset) as ListRowData[];
  return { total, rows: rows.map(toListRow), countsByStatus };
}

/** Ranked hits, at most one per case (its best part), with a snippet. */
export function searchCases(session: Session, query: string, limit = 50) {
  const { db } = session.vault;
  const rows = searchDocuments(db, query, visibleCases(session), limit * 4);
  const seen = new Set<string>();
  const hits = [];
  for (const r of rows) {
    if (seen.has(r.case_id)) continue;
    seen.add(r.case_id);
    const c = db.prepare('SELECT code, status FROM cases WHERE id = ?').get(r.case_id) as { code: string; status: CaseListRow['status'] };
    hits.push({ caseId: r.case_id, code: c.code, status: c.status, part: r.part, snippet: r.snippet });
    if (hits.length >= limit) break;
  }
  return { hits };
}

export { MARK_END, MARK_START };

const REVIEW_DAYS = 30;

export function homeLists(session: Session) {
  const { db } = session.vault;
  const visible = visibleCases(session);
  const day = today(session);
  const myOpenCases = (
    db
      .prepare(
        `SELECT ${LIST_COLUMNS} FROM cases c
         WHERE c.status IN ('open', 'follow-up') AND EXISTS (SELECT 1 FROM case_assignments a WHERE a.case_id = c.id AND a.account_id = ?) AND ${visible.sql}
         ORDER BY c.updated_at DESC LIMIT 50`,
      )
      .all(session.accountId, ...visible.params) as ListRowData[]
  ).map(toListRow);
  const followUpsDue = (
    db
      .prepare(
        `SELECT r.case_id, c.code, r.id, r.due_on, json_extract(r.data, '$.type') AS type FROM case_records r JOIN cases c ON c.id = r.case_id
         WHERE r.kind = 'followUp' AND r.done_on IS NULL AND r.due_on <= ? AND ${visible.sql}
         ORDER BY r.due_on LIMIT 100`,
      )
      .all(day, ...visible.params) as { case_id: string; code: string; id: string; due_on: string; type: string }[]
  ).map((r) => ({ caseId: r.case_id, code: r.code, recordId: r.id, dueOn: r.due_on, type: r.type, overdue: r.due_on < day }));
  const reviewBefore = new Date(Date.parse(day) - REVIEW_DAYS * 86_400_000).toISOString().slice(0, 10);
  const highRiskWithoutReview = (
    db
      .prepare(
        `SELECT c.id, c.code, c.risk_assessed_on FROM cases c
         WHERE c.risk_level = 'high' AND c.status IN ('open', 'follow-up') AND (c.risk_assessed_on IS NULL OR c.risk_assessed_on < ?) AND ${visible.sql}
         ORDER BY c.risk_assessed_on LIMIT 100`,
      )
      .all(reviewBefore, ...visible.params) as { id: string; code: string; risk_assessed_on: string | null }[]
  ).map((r) => ({ caseId: r.id, code: r.code, lastAssessedOn: r.risk_assessed_on }));
  return { myOpenCases, followUpsDue, highRiskWithoutReview };
}

interface HistoryRow {
  at: string;
  actor_id: string | null;
  part: string;
  record_id: string | null;
  field: string;
  old_value: string | null;
  new_value: string | null;
}

export function caseHistory(session: Session, caseId: string) {
  assertVisible(session, caseId);
  const { db } = session.vault;
  return (db.prepare('SELECT at, actor_id, part, record_id, field, old_value, new_value FROM case_history WHERE case_id = ? ORDER BY seq DESC LIMIT 2000').all(caseId) as HistoryRow[]).map((r) => ({
    at: r.at,
    actor: displayName(db, r.actor_id),
    part: r.part,
    recordId: r.record_id,
    field: r.field,
    oldValue: r.old_value,
    newValue: r.new_value,
  }));
}

/** Everything that happened in the case, newest first: one entry per save. */
export function caseTimeline(session: Session, caseId: string) {
  assertVisible(session, caseId);
  const { db } = session.vault;
  const rows = db
    .prepare(
      `SELECT at, actor_id, part, record_id, group_concat(field, ',') AS fields FROM case_history WHERE case_id = ?
       GROUP BY at, actor_id, part, record_id ORDER BY max(seq) DESC LIMIT 500`,
    )
    .all(caseId) as { at: string; actor_id: string | null; part: string; record_id: string | null; fields: string }[];
  return rows.map((r) => ({ at: r.at, actor: displayName(db, r.actor_id), part: r.part, recordId: r.record_id, fields: r.fields.split(',') }));
}
