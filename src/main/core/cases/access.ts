import { AppError } from '../../../shared/errors';
import type { Db } from '../db/open';
import type { Session } from '../users/session';

/**
 * Which cases a session may see (DESIGN.md §5). Caseworkers: the cases assigned to them.
 * Supervisors: their teams' cases, and any assigned to them. Administrators and coordinators:
 * none. Each condition is SQL on the alias `c` (cases); the same set of cases, written in the
 * shape that is cheap for the query it goes into (bench/results.md, 100,000 cases):
 *
 * - `set` (lists and counts): a supervisor's team is tested on `c.team_id`, and anyone's own
 *   assignments on `c.assignees`, which every index a list is read in ends with (schema steps 9
 *   and 12): nothing outside the index is read; a caseworker with an ordinary caseload is the set
 *   of their case ids, from which the planner starts (cheaper still: it reads only their cases).
 * - `probe` (a point check, a join from records or search documents): a test per row, without
 *   building any set first.
 */
export type VisibilityShape = 'set' | 'probe';

export interface Visibility {
  sql: string;
  params: unknown[];
  /**
   * The condition is a small set of case ids the query should start from: the query's other
   * conditions are then written so that no index is used for them (a unary +), or the planner,
   * without statistics, may start from, say, every open case and test each against the set.
   */
  driver?: boolean;
}

/** Above this many assigned cases, a caseworker's cases are not where a list starts from (a setting for tests). */
export const CASELOAD = { large: 2000 };

const LED_TEAMS = 'SELECT vt.id FROM teams vt WHERE vt.supervisor_id = ?';
const ASSIGNED_IDS = 'SELECT va.case_id FROM case_assignments va WHERE va.account_id = ?';
/** The account's number in the case's list of assignees (`,3,12,`); the subquery is evaluated once per statement. */
const ASSIGNED_IN_ROW = "instr(c.assignees, (SELECT ',' || vn.number || ',' FROM accounts vn WHERE vn.id = ?)) > 0";
const ASSIGNED_PROBE = 'EXISTS (SELECT 1 FROM case_assignments va WHERE va.case_id = c.id AND va.account_id = ?)';

/** Whether the account has more than CASELOAD.large cases assigned (counted no further than that). */
export function hasLargeCaseload(db: Db, accountId: string): boolean {
  const n = db.prepare('SELECT count(*) FROM (SELECT 1 FROM case_assignments WHERE account_id = ? LIMIT ?)').pluck().get(accountId, CASELOAD.large + 1) as number;
  return n > CASELOAD.large;
}

/** The cases assigned to `accountId`, as a condition on `c` in the given shape. */
export function assignedTo(db: Db, accountId: string, shape: VisibilityShape = 'set'): Visibility {
  if (shape === 'probe') return { sql: ASSIGNED_PROBE, params: [accountId] };
  return hasLargeCaseload(db, accountId) ? { sql: ASSIGNED_IN_ROW, params: [accountId] } : { sql: `c.id IN (${ASSIGNED_IDS})`, params: [accountId], driver: true };
}

export function visibleCases(session: Session, shape: VisibilityShape = 'set'): Visibility {
  const me = session.accountId;
  const { db } = session.vault;
  switch (session.role) {
    case 'supervisor': {
      // The teams they lead, as values (one team: a plain comparison per row, the cheapest test
      // of an index entry); their own assignments only if they have any. The unary + keeps the
      // planner from reading the two halves through two indexes and the table (a "multi-index
      // OR"): the test is made on the entries of the index being read.
      const teams = db.prepare(LED_TEAMS).pluck().all(me) as string[];
      const parts: Visibility[] = [];
      if (teams.length) parts.push({ sql: teams.length === 1 ? '+c.team_id = ?' : `+c.team_id IN (${teams.map(() => '?').join(', ')})`, params: teams });
      if (db.prepare('SELECT 1 FROM case_assignments WHERE account_id = ? LIMIT 1').get(me)) {
        parts.push(shape === 'probe' ? { sql: ASSIGNED_PROBE, params: [me] } : { sql: ASSIGNED_IN_ROW, params: [me] });
      }
      if (!parts.length) return { sql: '0 = 1', params: [] };
      return { sql: `(${parts.map((p) => p.sql).join(' OR ')})`, params: parts.flatMap((p) => p.params) };
    }
    case 'caseworker':
      return assignedTo(db, me, shape);
    default:
      return { sql: '0 = 1', params: [] };
  }
}

type StatusCounts = Record<string, number>;
type CountRow = { status: string; n: number };

/** Adds rows of (status, n) into counts, leaving out the statuses counted down to nothing. */
function addCounts(counts: StatusCounts, rows: CountRow[]): StatusCounts {
  for (const r of rows) if (r.n > 0) counts[r.status] = (counts[r.status] ?? 0) + r.n;
  return counts;
}

/**
 * How many cases of each status the session sees, unfiltered, from the counts schema steps 10
 * and 13 keep per team and per assigned account and team (a supervisor's own assignments outside
 * the teams they lead are counted as they are, being few): what a count over every visible case gives.
 */
export function visibleCountsByStatus(session: Session): StatusCounts {
  const { db } = session.vault;
  const me = session.accountId;
  switch (session.role) {
    case 'supervisor':
      return supervisorCounts(db, me, null);
    case 'caseworker':
      return addCounts({}, db.prepare('SELECT status, sum(n) AS n FROM assignee_case_counts WHERE account_id = ? GROUP BY status').all(me) as CountRow[]);
    default:
      return {};
  }
}

/**
 * How many of the cases assigned to `accountId` the session sees, by status (the case list's
 * "assigned to" filter alone), from the same kept counts; null when they cannot say (a
 * caseworker looking at a colleague's cases: the list counts the few they share).
 */
export function assignedCountsByStatus(session: Session, accountId: string): StatusCounts | null {
  const { db } = session.vault;
  const me = session.accountId;
  switch (session.role) {
    case 'supervisor':
      return supervisorCounts(db, me, accountId);
    case 'caseworker':
      return accountId === me ? visibleCountsByStatus(session) : null;
    default:
      return {};
  }
}

/**
 * A supervisor's counts by status: of every case (`assignee` null) or of those assigned to
 * `assignee`, from the counts kept per team for the teams they lead, plus, outside those teams,
 * the cases assigned to them (few), counted as they are.
 */
function supervisorCounts(db: Db, me: string, assignee: string | null): StatusCounts {
  const teams = db.prepare(LED_TEAMS).pluck().all(me) as string[];
  const marks = teams.map(() => '?').join(', ');
  const of = assignee === null ? [] : [assignee];
  const counts: StatusCounts = {};
  if (teams.length) {
    const kept = assignee === null ? 'team_case_counts WHERE' : 'assignee_case_counts WHERE account_id = ? AND';
    addCounts(counts, db.prepare(`SELECT status, sum(n) AS n FROM ${kept} team_id IN (${marks}) GROUP BY status`).all(...of, ...teams) as CountRow[]);
  }
  return addCounts(
    counts,
    db
      .prepare(
        `SELECT c.status, count(*) AS n FROM case_assignments va ${assignee === null ? '' : 'JOIN case_assignments vx ON vx.case_id = va.case_id AND vx.account_id = ?'} JOIN cases c ON c.id = va.case_id
         WHERE va.account_id = ? ${teams.length ? `AND (c.team_id IS NULL OR c.team_id NOT IN (${marks}))` : ''} GROUP BY c.status`,
      )
      .all(...of, me, ...teams) as CountRow[],
  );
}

/** A case the caller may not see does not exist for them (same answer as a wrong id). */
export function assertVisible(session: Session, caseId: string): void {
  const visible = visibleCases(session, 'probe');
  const row = session.vault.db.prepare(`SELECT 1 FROM cases c WHERE c.id = ? AND ${visible.sql}`).get(caseId, ...visible.params);
  if (!row) throw new AppError('NOT_FOUND', 'There is no such case.');
}
