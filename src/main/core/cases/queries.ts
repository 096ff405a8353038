import type { z } from 'zod';
import { caseListQuerySchema, type CaseListRow } from '../../../shared/case-file/case';
import type { Db } from '../db/open';
import type { Session } from '../users/session';
import { assertVisible, assignedCountsByStatus, assignedTo, hasLargeCaseload, visibleCases, visibleCountsByStatus, type Visibility } from './access';
import { today } from './context';
import { LIST_COLUMNS, toListRow, trackPattern, type ListRowData } from './repository';
import { MARK_END, MARK_START, toMatchQuery } from './search-index';
import { displayName } from './stamps';
import { CREATED } from './history';
import { canonicalJson } from '../crypto/canonical-json';
import { identitySchema } from '../../../shared/case-file/identity';

/** Lists, search, the home screen's lists, the timeline and the field history of a case. */
const SORT_SQL: Record<z.output<typeof caseListQuerySchema>['sort'], string> = {
  code: 'c.code',
  status: 'c.status',
  openedOn: 'c.opened_on',
  updatedAt: 'c.updated_at',
  // The same expression as the index cases_risk_rank (schema step 3): keep the two in step.
  riskLevel: "CASE c.risk_level WHEN 'high' THEN 3 WHEN 'medium' THEN 2 WHEN 'low' THEN 1 ELSE 0 END",
  citizenship: 'c.citizenship',
  gender: 'c.gender',
};

/**
 * Above this many matching cases a filter is "broad": its page is read in the order of the
 * sort's index, checking the filters row by row and stopping at the page (the filters' own
 * indexes are set aside with a unary +). Below it, the filters' indexes find the few cases and
 * they are sorted. At 100,000 cases, "open forced-labour cases by opening date" matches about a
 * third of them: sorting them all took 180 ms, reading the opening-date index ~1 ms
 * (bench/results.md); a rare value is the other way round.
 */
export const BROAD_FILTER_CASES = 2000;

interface Filter {
  /** The condition, for the counts and narrow pages (indexes usable)… */
  sql: string;
  /** …and for broad pages, with the filter's own index set aside. */
  scan: string;
  params: unknown[];
}

export function listCases(session: Session, input: z.input<typeof caseListQuerySchema>, options: { broadAbove?: number } = {}) {
  const broadAbove = options.broadAbove ?? BROAD_FILTER_CASES;
  const q = caseListQuerySchema.parse(input);
  const { db } = session.vault;
  const visible = visibleCases(session);
  const filters: Filter[] = [];
  const add = (sql: string, params: unknown[], scan = `+${sql}`) => filters.push({ sql, scan, params });
  const marks = (values: readonly unknown[]) => values.map(() => '?').join(', ');
  // The assignment filter is the same condition as a caseworker's own cases (access.ts): an
  // ordinary caseload is a set of case ids the query starts from (then no other condition may
  // take an index: at 100,000 cases, "forced labour" read 40,000 rows for a caseload of 300, in
  // 700 ms), a very large one a test on the index entry. Tracks and the next follow-up are list
  // columns of the case (repository.ts), kept with its services and follow-ups.
  const assigned = q.assignedTo ? assignedTo(db, q.assignedTo) : null;
  if (assigned) add(assigned.sql, assigned.params, assigned.sql);
  const driver = visible.driver || assigned?.driver === true;
  if (q.riskLevel?.length) add(`c.risk_level IN (${marks(q.riskLevel)})`, q.riskLevel);
  if (q.track) add('instr(c.tracks, ?) > 0', [trackPattern(q.track)]);
  if (q.exploitationType) add('c.exploitation_type = ?', [q.exploitationType]);
  if (q.citizenship) add('c.citizenship = ?', [q.citizenship]);
  if (q.followUpDue) add('c.next_follow_up_on <= ?', [today(session)]);
  const where = (v: Visibility, fs: readonly Filter[], variant: 'sql' | 'scan') => [v.sql, ...fs.map((f) => f[variant])].join(' AND ');
  const paramsOf = (v: Visibility, fs: readonly Filter[]) => [...v.params, ...fs.flatMap((f) => f.params)];
  // Counts by status ignore the status filter, so the filter chips can show them all. Grouped in
  // the order of an index that starts with the status, unless the follow-up filter's range (on
  // an index that holds the status, not in that order) reads far fewer rows. A person's own
  // small set of cases is where both queries start: no other condition may take an index then.
  // Unfiltered (the list as it opens), or filtered by assignment alone, they are the counts kept
  // per team and per account.
  const groupBy = q.followUpDue && !driver ? '+c.status' : 'c.status';
  const kept = !filters.length ? visibleCountsByStatus(session) : filters.length === 1 && q.assignedTo ? assignedCountsByStatus(session, q.assignedTo) : null;
  const countsByStatus: Record<string, number> =
    kept ??
    Object.fromEntries(
      (
        db.prepare(`SELECT c.status AS status, count(*) AS n FROM cases c WHERE ${where(visible, filters, driver ? 'scan' : 'sql')} GROUP BY ${groupBy}`).all(...paramsOf(visible, filters)) as {
          status: string;
          n: number;
        }[]
      ).map((r) => [r.status, r.n]),
    );
  // The total is the sum of the counts of the statuses shown: no second count over the same rows.
  const total = Object.entries(countsByStatus).reduce((sum, [status, n]) => (!q.status?.length || (q.status as string[]).includes(status) ? sum + n : sum), 0);
  if (q.status?.length) add(`c.status IN (${marks(q.status)})`, q.status);
  const direction = q.direction === 'asc' ? 'ASC' : 'DESC';
  const order = `${SORT_SQL[q.sort]} ${direction}, c.code ${direction}`;
  const whereSql = where(visible, filters, driver || total > broadAbove ? 'scan' : 'sql');
  const rows = db.prepare(`SELECT ${LIST_COLUMNS} FROM cases c WHERE c.rowid IN (${pageOf(whereSql, order)}) ORDER BY ${order}`).all(...paramsOf(visible, filters), q.limit, q.offset) as ListRowData[];
  return { total, rows: rows.map(toListRow), countsByStatus };
}

/**
 * The rowids of one page, found on the cases table alone (its indexes give the order); the
 * list columns, among them a correlated subquery, are then computed for that page only rather
 * than for every row the sort or the offset goes through.
 */
function pageOf(whereSql: string, order: string): string {
  return `SELECT c.rowid FROM cases c WHERE ${whereSql} ORDER BY ${order} LIMIT ? OFFSET ?`;
}

/**
 * How many matching documents, newest first, are ranked by relevance. A rare word has fewer
 * matches than this and all of them are ranked; a common one ("seguimiento") can match a
 * document in most cases, and ranking every one of them costs time in proportion to the vault
 * (bm25 and the need-to-know check for each), so its hits are the best of the newest.
 */
export const SEARCH_RANKED_WINDOW = 1000;

/**
 * Who may see a match, in the shape for a query that starts from matches or records: for a
 * caseworker with an ordinary caseload, the set of their cases (or of their cases' search
 * documents), from which the planner starts; for anyone else, a test per match (almost every
 * match is theirs to see, and the query stops at its window).
 */
function visibleToMatches(session: Session): { caseload: boolean; visible: ReturnType<typeof visibleCases> } {
  const caseload = session.role === 'caseworker' && !hasLargeCaseload(session.vault.db, session.accountId);
  return { caseload, visible: visibleCases(session, caseload ? 'set' : 'probe') };
}

/** Ranked hits, at most one per case (its best part), with a snippet. */
export function searchCases(session: Session, query: string, limit = 50) {
  const { db } = session.vault;
  const match = toMatchQuery(query);
  if (!match) return { hits: [] };
  const shaped = visibleToMatches(session);
  // An ordinary caseload: its search documents are a set the matches are tested against without
  // reading anything else (a common word matches in most cases of the vault, few of them theirs).
  const visible = shaped.caseload
    ? { sql: `+case_search.rowid IN (SELECT sd.id FROM case_assignments va JOIN search_docs sd ON sd.case_id = va.case_id WHERE va.account_id = ?)`, params: [session.accountId] }
    : shaped.visible;
  // Newest first, FTS5 streams the matches in rowid order and stops at the window; bm25 ranks them.
  const ranked = db
    .prepare(
      `SELECT m.id, m.case_id, m.part, m.code, m.status FROM (
         SELECT case_search.rowid AS id, d.case_id, d.part, c.code, c.status, bm25(case_search) AS score
         FROM case_search JOIN search_docs d ON d.id = case_search.rowid JOIN cases c ON c.id = d.case_id
         WHERE case_search MATCH ? AND ${visible.sql}
         ORDER BY case_search.rowid DESC LIMIT ${SEARCH_RANKED_WINDOW}
       ) m ORDER BY m.score, m.id DESC`,
    )
    .all(match, ...visible.params) as { id: number; case_id: string; part: string; code: string; status: CaseListRow['status'] }[];
  const best: typeof ranked = [];
  const seen = new Set<string>();
  for (const r of ranked) {
    if (seen.has(r.case_id)) continue;
    seen.add(r.case_id);
    best.push(r);
    if (best.length >= limit) break;
  }
  const snippets = snippetsOf(db, match, best.map((r) => r.id));
  return { hits: best.map((r) => ({ caseId: r.case_id, code: r.code, status: r.status, part: r.part, snippet: snippets.get(r.id) ?? '' })) };
}

/**
 * Snippets for the hits shown only. Asking the vault's index for them one by one would rebuild
 * the whole list of matches of a prefix query ("seguimiento"*) for every hit; instead their
 * documents are copied into a small FTS5 table in the connection's temp schema (in memory:
 * temp_store = MEMORY), with the tokenizer of case_search (schema step 2: keep them in step),
 * and emptied straight after.
 */
function snippetsOf(db: Db, match: string, ids: readonly number[]): Map<number, string> {
  const out = new Map<number, string>();
  if (ids.length === 0) return out;
  db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_snippets USING fts5 (body, tokenize = 'unicode61 remove_diacritics 2')");
  try {
    const copy = db.prepare('INSERT INTO temp.search_snippets (rowid, body) SELECT rowid, body FROM case_search WHERE rowid = ?');
    for (const id of ids) copy.run(id);
    const rows = db
      .prepare(`SELECT rowid AS id, snippet(search_snippets, 0, '${MARK_START}', '${MARK_END}', '…', 12) AS snippet FROM temp.search_snippets WHERE search_snippets MATCH ?`)
      .all(match) as { id: number; snippet: string }[];
    for (const r of rows) out.set(r.id, r.snippet);
  } finally {
    db.exec('DELETE FROM temp.search_snippets');
  }
  return out;
}

export { MARK_END, MARK_START };

const REVIEW_DAYS = 30;

export function homeLists(session: Session) {
  const { db } = session.vault;
  const { visible } = visibleToMatches(session);
  const day = today(session);
  // The person's own cases (assigned to them, so theirs to see): from their assignments for an
  // ordinary caseload; otherwise the most recently changed cases, each tested in the index, until
  // 50 (the status is tested on the row either way, never read through its index: all open cases).
  const mine = assignedTo(db, session.accountId);
  const myOpenCases = (
    db
      .prepare(
        `SELECT ${LIST_COLUMNS} FROM cases c WHERE c.rowid IN (
           SELECT c.rowid FROM cases c WHERE +c.status IN ('open', 'follow-up') AND ${mine.sql}
           ORDER BY c.updated_at DESC LIMIT 50
         ) ORDER BY c.updated_at DESC`,
      )
      .all(...mine.params) as ListRowData[]
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
         WHERE ${visible.driver ? '+' : ''}c.risk_level = 'high' AND +c.status IN ('open', 'follow-up') AND (c.risk_assessed_on IS NULL OR c.risk_assessed_on < ?) AND ${visible.sql}
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

const HISTORY_LIMIT = 2000;
/** The fields of a sealed part (identity): its content cannot be read here, so they are named from its schema. */
const SEALED_FIELDS: Record<string, readonly string[]> = { identity: Object.keys(identitySchema.shape).sort() };

const partKey = (part: string, recordId: string | null) => recordId ?? `section:${part}`;

/** The stored content of every section and record of a case, by part (what CREATED rows stand for). */
function partContents(db: Db, caseId: string): Map<string, Record<string, unknown>> {
  const rows = db
    .prepare('SELECT section AS part, NULL AS record_id, data FROM case_sections WHERE case_id = ? UNION ALL SELECT kind, id, data FROM case_records WHERE case_id = ?')
    .all(caseId, caseId) as { part: string; record_id: string | null; data: string }[];
  return new Map(rows.map((r) => [partKey(r.part, r.record_id), JSON.parse(r.data) as Record<string, unknown>]));
}

/**
 * The history rows of a case (newest first, as given), each CREATED row (history.ts) told field
 * by field: the value a field had when its part was created is the old value of its first change
 * after that, or its value now if it never changed.
 */
function expandHistory(db: Db, caseId: string, rows: readonly HistoryRow[]): { row: HistoryRow; fields: { field: string; oldValue: string | null; newValue: string | null }[] }[] {
  const created = rows.filter((r) => r.field === CREATED && !SEALED_FIELDS[r.part]);
  const contents = created.length ? partContents(db, caseId) : new Map<string, Record<string, unknown>>();
  // Walking back from the newest: for each field, the oldest change seen so far is, when its
  // part's CREATED row is reached, the first change after the creation.
  const firstOld = new Map<string, Map<string, string | null>>();
  const out: ReturnType<typeof expandHistory> = [];
  for (const r of rows) {
    const key = partKey(r.part, r.record_id);
    if (r.field !== CREATED) {
      let first = firstOld.get(key);
      if (!first) firstOld.set(key, (first = new Map()));
      first.set(r.field, r.old_value);
      out.push({ row: r, fields: [{ field: r.field, oldValue: r.old_value, newValue: r.new_value }] });
      continue;
    }
    const sealed = SEALED_FIELDS[r.part];
    if (sealed) {
      out.push({ row: r, fields: sealed.map((field) => ({ field, oldValue: null, newValue: null })) });
      continue;
    }
    const now = contents.get(key) ?? {};
    const first = firstOld.get(key);
    const names = new Set([...Object.keys(now), ...(first?.keys() ?? [])]);
    const fields = [...names]
      .sort()
      .map((field) => ({ field, oldValue: null, newValue: first?.has(field) ? first.get(field)! : field in now ? canonicalJson(now[field]) : null }))
      // A field the part did not have when it was created (added since) is not part of its first version.
      .filter((f) => f.newValue !== null);
    out.push({ row: r, fields });
    firstOld.delete(key);
  }
  return out;
}

/**
 * Newest first: one entry per field changed; a part created, one per field it was created with.
 * At most `limit` entries (the screen's 2,000); null: every one (the subject-access export).
 */
export function caseHistory(session: Session, caseId: string, limit: number | null = HISTORY_LIMIT) {
  assertVisible(session, caseId);
  const { db } = session.vault;
  const rows = db.prepare('SELECT at, actor_id, part, record_id, field, old_value, new_value FROM case_history WHERE case_id = ? ORDER BY seq DESC LIMIT ?').all(caseId, limit ?? -1) as HistoryRow[];
  const names = new Map<string | null, string | null>();
  const actor = (id: string | null) => {
    if (!names.has(id)) names.set(id, displayName(db, id));
    return names.get(id)!;
  };
  return expandHistory(db, caseId, rows)
    .flatMap(({ row, fields }) =>
      fields
        .slice()
        .reverse()
        .map((f) => ({ at: row.at, actor: actor(row.actor_id), part: row.part, recordId: row.record_id, ...f })),
    )
    .slice(0, limit ?? undefined);
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
  // A part created lists the fields it has (its schema's, for a sealed one).
  let contents: Map<string, Record<string, unknown>> | null = null;
  const createdFields = (part: string, recordId: string | null) => {
    if (SEALED_FIELDS[part]) return [...SEALED_FIELDS[part]];
    contents ??= partContents(db, caseId);
    return Object.keys(contents.get(partKey(part, recordId)) ?? {}).sort();
  };
  return rows.map((r) => ({
    at: r.at,
    actor: displayName(db, r.actor_id),
    part: r.part,
    recordId: r.record_id,
    fields: r.fields.split(',').flatMap((field) => (field === CREATED ? createdFields(r.part, r.record_id) : [field])),
  }));
}
