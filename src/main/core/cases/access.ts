import { AppError } from '../../../shared/errors';
import type { Db } from '../db/open';
import type { Session } from '../users/session';

/**
 * Which cases a session may see (DESIGN.md §5). Caseworkers: the cases assigned to them.
 * Supervisors: their teams' cases, and any assigned to them. Administrators and coordinators:
 * none. Each condition is SQL on the alias `c` (cases); the same set of cases, written in the
 * shape that is cheap for the query it goes into (bench/results.md, 100,000 cases):
 *
 * - `set` (lists and counts): a supervisor's team is tested on `c.team_id`, which every index a
 *   list is read in ends with (schema step 9), and their own assignments are a (small) set of
 *   rowids — nothing outside the index is read; a caseworker with an ordinary caseload is the set
 *   of their case ids, from which the planner starts; one with a very large caseload, the set of
 *   their cases' rowids, tested in the index.
 * - `probe` (a point check, a join from records or search documents): a test per row, without
 *   building any set first.
 */
export type VisibilityShape = 'set' | 'probe';

export interface Visibility {
  sql: string;
  params: unknown[];
}

/** Above this many assigned cases, a caseworker's cases are not where a list starts from (a setting for tests). */
export const CASELOAD = { large: 2000 };

const LED_TEAMS = 'SELECT vt.id FROM teams vt WHERE vt.supervisor_id = ?';
const ASSIGNED_IDS = 'SELECT va.case_id FROM case_assignments va WHERE va.account_id = ?';
const ASSIGNED_ROWIDS = 'SELECT vc.rowid FROM case_assignments va JOIN cases vc ON vc.id = va.case_id WHERE va.account_id = ?';
const ASSIGNED_PROBE = 'EXISTS (SELECT 1 FROM case_assignments va WHERE va.case_id = c.id AND va.account_id = ?)';

/** Whether the account has more than CASELOAD.large cases assigned (counted no further than that). */
export function hasLargeCaseload(db: Db, accountId: string): boolean {
  const n = db.prepare('SELECT count(*) FROM (SELECT 1 FROM case_assignments WHERE account_id = ? LIMIT ?)').pluck().get(accountId, CASELOAD.large + 1) as number;
  return n > CASELOAD.large;
}

/** The cases assigned to `accountId`, as a condition on `c` in the given shape. */
export function assignedTo(db: Db, accountId: string, shape: VisibilityShape = 'set'): Visibility {
  if (shape === 'probe') return { sql: ASSIGNED_PROBE, params: [accountId] };
  return hasLargeCaseload(db, accountId) ? { sql: `+c.rowid IN (${ASSIGNED_ROWIDS})`, params: [accountId] } : { sql: `c.id IN (${ASSIGNED_IDS})`, params: [accountId] };
}

export function visibleCases(session: Session, shape: VisibilityShape = 'set'): Visibility {
  const me = session.accountId;
  switch (session.role) {
    case 'supervisor':
      // The unary + keeps the planner from reading the two halves through two indexes and the
      // table (a "multi-index OR"): the test is made on the rows of the index being read.
      return shape === 'probe'
        ? { sql: `(+c.team_id IN (${LED_TEAMS}) OR ${ASSIGNED_PROBE})`, params: [me, me] }
        : { sql: `(+c.team_id IN (${LED_TEAMS}) OR +c.rowid IN (${ASSIGNED_ROWIDS}))`, params: [me, me] };
    case 'caseworker':
      return assignedTo(session.vault.db, me, shape);
    default:
      return { sql: '0 = 1', params: [] };
  }
}

/** A case the caller may not see does not exist for them (same answer as a wrong id). */
export function assertVisible(session: Session, caseId: string): void {
  const visible = visibleCases(session, 'probe');
  const row = session.vault.db.prepare(`SELECT 1 FROM cases c WHERE c.id = ? AND ${visible.sql}`).get(caseId, ...visible.params);
  if (!row) throw new AppError('NOT_FOUND', 'There is no such case.');
}
