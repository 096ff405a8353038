import { appendAuditEntries, type AuditInput } from '../../audit/chain';
import type { Db } from '../../db/open';
import { CREATED } from '../history';
import { BatchCaseCodes, type ListColumns } from '../repository';
import type { PlannedCase } from './plan';

/**
 * Planned cases (plan.ts) as the rows of each table, then written: `rowsOf` makes, without the
 * database, one JSON array per table (a worker thread can make it), and `applyRows` writes each
 * array with one statement (`json_each`), inside the caller's transaction. The cost is then the
 * engine's work on the rows, not a call per row; the triggers that keep the counts and the
 * statistics' facts fire as for any insert. Codes and search-document ids are given when
 * written, in order, because they count on from what the vault holds.
 */
export interface CaseRows {
  cases: { id: string; openedOn: string; row: CaseRow }[];
  keys: string;
  identity: string;
  sections: string;
  records: string;
  history: string;
  /** [n-th document of the batch, case id, part, record id, body (null: the case's code)]. */
  documents: string;
  documentCount: number;
  /** Made while creating (a consent override, a referral received) and `case.created`, in order. */
  audits: AuditInput[];
}

/** The cases row after its id and code (see the INSERT below). */
type CaseRow = [status: string, office: string, supervisorId: string | null, teamId: string | null, openedOn: string, closedOn: string | null, at: string, actorId: string, ...ListColumns];

export function rowsOf(planned: readonly PlannedCase[]): CaseRows {
  const json = <T>(make: (c: PlannedCase) => T[]) => JSON.stringify(planned.flatMap(make));
  const hex = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
  let n = 0;
  // The case's own document (its code) first, then its parts'.
  const documents = json((c) => [[n++, c.id, 'case', '', null], ...c.documents.map((d) => [n++, c.id, d.part, d.recordId, d.body])]);
  return {
    cases: planned.map((c) => ({ id: c.id, openedOn: c.openedOn, row: [c.status, c.office, c.supervisorId, c.teamId, c.openedOn, c.closedOn, c.at, c.actorId, ...c.listColumns] })),
    keys: json((c) => c.wraps.map((w) => [c.id, w.recipient, hex(w.wrapped)])),
    identity: json((c) => [[c.id, hex(c.identity), c.at, c.actorId]]),
    sections: json((c) => c.sections.map((s) => [c.id, s.name, s.data, c.at, c.actorId])),
    records: json((c) => c.records.map((r) => [r.id, c.id, r.kind, r.data, c.at, c.actorId, r.track, r.dueOn, r.doneOn])),
    history: json((c) => c.created.map((p) => [c.id, c.at, c.actorId, p.part, p.recordId])),
    documents,
    documentCount: n,
    audits: planned.flatMap((c) => [
      ...c.audits.map((a) => ({ at: c.at, actorId: c.actorId, action: a.action, target: c.id, detail: a.detail })),
      { at: c.at, actorId: c.actorId, action: 'case.created' as const, target: c.id, detail: { parts: c.parts.join(',') } },
    ]),
  };
}

const columns = (n: number, first = 0) => Array.from({ length: n }, (_, i) => `value ->> ${first + i}`).join(', ');

/** Writes the rows (inside the caller's transaction); returns the cases' codes, in order. */
export function applyRows(db: Db, rows: CaseRows): string[] {
  if (!rows.cases.length) return [];
  const codes = new BatchCaseCodes(db);
  const code = rows.cases.map((c) => codes.next(Number(c.openedOn.slice(0, 4))));
  // The recorder is on the case from the start (the row carries them as its assignees: the
  // trigger that keeps that column then has nothing to change, and the indexes are written once).
  db.prepare(
    `INSERT INTO cases (id, code, status, office, supervisor_id, team_id, opened_on, closed_on, version, created_at, created_by, updated_at, updated_by,
       gender, citizenship, exploitation_type, risk_level, risk_assessed_on, next_follow_up_on, tracks, assignees)
     SELECT ${columns(8)}, 1, value ->> 8, value ->> 9, value ->> 8, value ->> 9, ${columns(7, 10)},
       (SELECT ',' || number || ',' FROM accounts WHERE id = value ->> 9)
     FROM json_each(?)`,
  ).run(JSON.stringify(rows.cases.map((c, i) => [c.id, code[i], ...c.row])));
  db.prepare('INSERT INTO case_assignments (case_id, account_id) SELECT value ->> 0, value ->> 1 FROM json_each(?)').run(JSON.stringify(rows.cases.map((c) => [c.id, c.row[7]])));
  db.prepare('INSERT INTO case_keys (case_id, recipient, wrapped) SELECT value ->> 0, value ->> 1, unhex(value ->> 2) FROM json_each(?)').run(rows.keys);
  db.prepare('INSERT INTO case_identity (case_id, sealed, version, updated_at, updated_by) SELECT value ->> 0, unhex(value ->> 1), 1, value ->> 2, value ->> 3 FROM json_each(?)').run(rows.identity);
  db.prepare('INSERT INTO case_sections (case_id, section, data, version, updated_at, updated_by) SELECT value ->> 0, value ->> 1, value ->> 2, 1, value ->> 3, value ->> 4 FROM json_each(?)').run(
    rows.sections,
  );
  db.prepare(
    `INSERT INTO case_records (id, case_id, kind, data, version, created_at, created_by, updated_at, updated_by, track, due_on, done_on)
     SELECT ${columns(4)}, 1, value ->> 4, value ->> 5, value ->> 4, value ->> 5, ${columns(3, 6)} FROM json_each(?)`,
  ).run(rows.records);
  db.prepare(`INSERT INTO case_history (case_id, at, actor_id, part, record_id, field, old_value, new_value) SELECT ${columns(5)}, '${CREATED}', NULL, NULL FROM json_each(?)`).run(rows.history);
  // Document ids after the last one (the write holds the database: nobody else adds documents meanwhile).
  const base = ((db.prepare('SELECT max(id) FROM search_docs').pluck().get() as number | null) ?? 0) + 1;
  db.prepare('INSERT INTO search_docs (id, case_id, part, record_id) SELECT ? + value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each(?)').run(base, rows.documents);
  db.prepare('INSERT INTO case_search (rowid, body) SELECT ? + value ->> 0, ifnull(value ->> 4, (SELECT code FROM cases WHERE id = value ->> 1)) FROM json_each(?)').run(base, rows.documents);
  appendAuditEntries(db, rows.audits);
  codes.flush();
  return code;
}
