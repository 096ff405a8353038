import type { Db } from '../db/open';
import type { CaseHeader, CaseListRow } from '../../../shared/case-file/case';
import { stampOf } from './stamps';

/** The cases table, typed: headers, list rows and the denormalised columns that lists filter on. */
export interface CaseRow {
  id: string;
  code: string;
  status: CaseHeader['status'];
  office: string;
  supervisor_id: string | null;
  opened_on: string;
  closed_on: string | null;
  version: number;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  gender: string | null;
  citizenship: string | null;
  exploitation_type: string | null;
  risk_level: CaseListRow['riskLevel'];
  risk_assessed_on: string | null;
}

export function getCaseRow(db: Db, id: string): CaseRow | undefined {
  return db.prepare('SELECT * FROM cases WHERE id = ?').get(id) as CaseRow | undefined;
}

export function assignedIds(db: Db, caseId: string): string[] {
  return (db.prepare('SELECT account_id FROM case_assignments WHERE case_id = ? ORDER BY account_id').all(caseId) as { account_id: string }[]).map((r) => r.account_id);
}

export function toHeader(db: Db, row: CaseRow): CaseHeader {
  return {
    id: row.id,
    code: row.code,
    status: row.status,
    office: row.office,
    supervisorId: row.supervisor_id,
    assignedIds: assignedIds(db, row.id),
    openedOn: row.opened_on,
    closedOn: row.closed_on,
    stamp: stampOf(db, row),
  };
}

/** The next display code of a year, e.g. AR-2026-0042; counters survive deletions, so codes are never reused. */
export function nextCaseCode(db: Db, year: number, prefix = 'AR'): string {
  const row = db.prepare('INSERT INTO case_counters (year, last) VALUES (?, 1) ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last').get(year) as { last: number };
  return `${prefix}-${year}-${String(row.last).padStart(4, '0')}`;
}

export function touchCase(db: Db, caseId: string, at: string, actorId: string): void {
  // A save touches the case once per part it writes, with the same stamp: only the first one
  // needs to rewrite the row and its two updated_at indexes.
  db.prepare('UPDATE cases SET updated_at = ?, updated_by = ? WHERE id = ? AND NOT (updated_at = ? AND updated_by = ?)').run(at, actorId, caseId, at, actorId);
}

/** Keeps the list columns in step with the sections and records they come from. */
export function refreshListColumns(db: Db, caseId: string): void {
  const profile = db.prepare("SELECT data FROM case_sections WHERE case_id = ? AND section = 'profile'").get(caseId) as { data: string } | undefined;
  const experience = db.prepare("SELECT data FROM case_sections WHERE case_id = ? AND section = 'experience'").get(caseId) as { data: string } | undefined;
  const risk = db
    .prepare("SELECT json_extract(data, '$.level') AS level, json_extract(data, '$.assessedOn') AS on_ FROM case_records WHERE case_id = ? AND kind = 'risk' ORDER BY json_extract(data, '$.assessedOn') DESC, created_at DESC LIMIT 1")
    .get(caseId) as { level: string; on_: string } | undefined;
  const p = profile ? (JSON.parse(profile.data) as { gender?: string | null; citizenship?: string[] }) : {};
  const e = experience ? (JSON.parse(experience.data) as { exploitationTypes?: string[] }) : {};
  db.prepare('UPDATE cases SET gender = ?, citizenship = ?, exploitation_type = ?, risk_level = ?, risk_assessed_on = ? WHERE id = ?').run(
    p.gender ?? null,
    p.citizenship?.[0] ?? null,
    e.exploitationTypes?.[0] ?? null,
    risk?.level ?? null,
    risk?.on_ ?? null,
    caseId,
  );
}

export const LIST_COLUMNS = `c.id, c.code, c.status, c.opened_on, c.updated_at, c.risk_level, c.citizenship, c.gender, c.exploitation_type,
  (SELECT min(r.due_on) FROM case_records r WHERE r.case_id = c.id AND r.kind = 'followUp' AND r.done_on IS NULL) AS next_follow_up_on`;

export interface ListRowData {
  id: string;
  code: string;
  status: CaseListRow['status'];
  opened_on: string;
  updated_at: string;
  risk_level: CaseListRow['riskLevel'];
  citizenship: string | null;
  gender: string | null;
  exploitation_type: string | null;
  next_follow_up_on: string | null;
}

export function toListRow(r: ListRowData): CaseListRow {
  return {
    id: r.id,
    code: r.code,
    status: r.status,
    openedOn: r.opened_on,
    updatedAt: r.updated_at,
    riskLevel: r.risk_level,
    citizenship: r.citizenship,
    gender: r.gender,
    exploitationType: r.exploitation_type,
    nextFollowUpOn: r.next_follow_up_on,
  };
}
