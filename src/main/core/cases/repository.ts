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
  team_id: string | null;
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
    teamId: row.team_id,
    assignedIds: assignedIds(db, row.id),
    openedOn: row.opened_on,
    closedOn: row.closed_on,
    stamp: stampOf(db, row),
  };
}

const caseCode = (year: number, n: number) => `AR-${year}-${String(n).padStart(4, '0')}`;

/**
 * The display codes of new cases (e.g. AR-2026-0042), inside the transaction that writes them:
 * each year's counter is read once, counted on in memory and written back by `flush`. Counters
 * survive deletions, so codes are never reused.
 */
export class BatchCaseCodes {
  private readonly last = new Map<number, number>();
  constructor(private readonly db: Db) {}

  next(year: number): string {
    const n = (this.last.get(year) ?? (this.db.prepare('SELECT last FROM case_counters WHERE year = ?').pluck().get(year) as number | undefined) ?? 0) + 1;
    this.last.set(year, n);
    return caseCode(year, n);
  }

  flush(): void {
    const save = this.db.prepare('INSERT INTO case_counters (year, last) VALUES (?, ?) ON CONFLICT (year) DO UPDATE SET last = excluded.last');
    for (const [year, last] of this.last) save.run(year, last);
  }
}

export function touchCase(db: Db, caseId: string, at: string, actorId: string): void {
  // A save touches the case once per part it writes, with the same stamp: only the first one
  // needs to rewrite the row and its two updated_at indexes.
  db.prepare('UPDATE cases SET updated_at = ?, updated_by = ? WHERE id = ? AND NOT (updated_at = ? AND updated_by = ?)').run(at, actorId, caseId, at, actorId);
}

/**
 * What the list columns come from: the profile, the experience, the risk assessments, the
 * follow-ups and the services of a case (records in the order they were added).
 */
export interface ListSources {
  profile?: { gender?: string | null; citizenship?: string[] } | null;
  experience?: { exploitationTypes?: string[] } | null;
  risks?: readonly { level: string; assessedOn: string }[];
  followUps?: readonly { dueOn: string; doneOn?: string | null }[];
  services?: readonly { track: string }[];
}

/** The latest of risk assessments in the order they were added: by assessment date, then the last added. */
export function latestRisk<R extends { assessedOn: string }>(risks: readonly R[]): R | null {
  let latest: R | null = null;
  for (const r of risks) if (!latest || r.assessedOn >= latest.assessedOn) latest = r;
  return latest;
}

/** The assistance tracks of a case's services as the `tracks` column holds them: `,legal,shelter,` (sorted), or null. */
export function tracksColumn(tracks: Iterable<string>): string | null {
  const distinct = [...new Set(tracks)].sort();
  return distinct.length ? `,${distinct.join(',')},` : null;
}

/** The `tracks` column's test for one track (the filter of the case list). */
export const trackPattern = (track: string) => `,${track},`;

/**
 * The list columns, in the order of the cases table: gender, citizenship, exploitation_type,
 * risk_level, risk_assessed_on, next_follow_up_on (the earliest open follow-up), tracks.
 */
export type ListColumns = [string | null, string | null, string | null, string | null, string | null, string | null, string | null];
export const NO_LIST_COLUMNS: ListColumns = [null, null, null, null, null, null, null];

export function listColumnsOf(s: ListSources): ListColumns {
  const risk = latestRisk(s.risks ?? []);
  let nextFollowUp: string | null = null;
  for (const f of s.followUps ?? []) if (!f.doneOn && (nextFollowUp === null || f.dueOn < nextFollowUp)) nextFollowUp = f.dueOn;
  return [
    s.profile?.gender ?? null,
    s.profile?.citizenship?.[0] ?? null,
    s.experience?.exploitationTypes?.[0] ?? null,
    risk?.level ?? null,
    risk?.assessedOn ?? null,
    nextFollowUp,
    tracksColumn((s.services ?? []).map((r) => r.track)),
  ];
}

export function setListColumns(db: Db, caseId: string, columns: ListColumns): void {
  db.prepare('UPDATE cases SET gender = ?, citizenship = ?, exploitation_type = ?, risk_level = ?, risk_assessed_on = ?, next_follow_up_on = ?, tracks = ? WHERE id = ?').run(
    ...columns,
    caseId,
  );
}

/** Keeps the list columns in step with the sections and records they come from. */
export function refreshListColumns(db: Db, caseId: string): void {
  const profile = db.prepare("SELECT data FROM case_sections WHERE case_id = ? AND section = 'profile'").get(caseId) as { data: string } | undefined;
  const experience = db.prepare("SELECT data FROM case_sections WHERE case_id = ? AND section = 'experience'").get(caseId) as { data: string } | undefined;
  const risk = db
    .prepare(
      "SELECT json_extract(data, '$.level') AS level, json_extract(data, '$.assessedOn') AS assessedOn FROM case_records WHERE case_id = ? AND kind = 'risk' ORDER BY json_extract(data, '$.assessedOn') DESC, created_at DESC, rowid DESC LIMIT 1",
    )
    .get(caseId) as { level: string; assessedOn: string } | undefined;
  const dueOn = db.prepare("SELECT min(due_on) FROM case_records WHERE case_id = ? AND kind = 'followUp' AND done_on IS NULL").pluck().get(caseId) as string | null;
  const tracks = db.prepare("SELECT DISTINCT track FROM case_records WHERE case_id = ? AND kind = 'service'").pluck().all(caseId) as string[];
  setListColumns(
    db,
    caseId,
    listColumnsOf({
      profile: profile ? (JSON.parse(profile.data) as ListSources['profile']) : null,
      experience: experience ? (JSON.parse(experience.data) as ListSources['experience']) : null,
      risks: risk ? [risk] : [],
      followUps: dueOn ? [{ dueOn }] : [],
      services: tracks.map((track) => ({ track })),
    }),
  );
}

export const LIST_COLUMNS = 'c.id, c.code, c.status, c.opened_on, c.updated_at, c.risk_level, c.citizenship, c.gender, c.exploitation_type, c.next_follow_up_on';

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
