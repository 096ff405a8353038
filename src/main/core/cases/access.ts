import { AppError } from '../../../shared/errors';
import type { Session } from '../users/session';

/**
 * Which cases a session may see (DESIGN.md §5). Caseworkers: the cases assigned to them.
 * Supervisors: their teams' cases, and any assigned to them. Administrators and coordinators:
 * none. The condition is SQL on the alias `c` (cases), as a set of ids, so the planner starts
 * from the person's assignments or teams rather than from every case.
 */
export function visibleCases(session: Session): { sql: string; params: unknown[] } {
  switch (session.role) {
    case 'supervisor':
      return {
        sql: `c.id IN (SELECT va.case_id FROM case_assignments va WHERE va.account_id = ?
               UNION ALL SELECT vc.id FROM cases vc JOIN teams vt ON vt.id = vc.team_id WHERE vt.supervisor_id = ?)`,
        params: [session.accountId, session.accountId],
      };
    case 'caseworker':
      return { sql: 'c.id IN (SELECT va.case_id FROM case_assignments va WHERE va.account_id = ?)', params: [session.accountId] };
    default:
      return { sql: '0 = 1', params: [] };
  }
}

/** A case the caller may not see does not exist for them (same answer as a wrong id). */
export function assertVisible(session: Session, caseId: string): void {
  const visible = visibleCases(session);
  const row = session.vault.db.prepare(`SELECT 1 FROM cases c WHERE c.id = ? AND ${visible.sql}`).get(caseId, ...visible.params);
  if (!row) throw new AppError('NOT_FOUND', 'There is no such case.');
}
