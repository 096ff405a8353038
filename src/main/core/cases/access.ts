import { AppError } from '../../../shared/errors';
import type { Session } from '../users/session';

/**
 * Which cases a session may see. Caseworkers: the cases assigned to them. Supervisors: every
 * case (teams arrive with the need-to-know work). Others see no case content at all.
 * The condition is SQL on the alias `c` (cases).
 */
export function visibleCases(session: Session): { sql: string; params: unknown[] } {
  switch (session.role) {
    case 'supervisor':
      return { sql: '1 = 1', params: [] };
    case 'caseworker':
      // As a set of ids: the planner starts from the person's assignments, not from every case.
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
