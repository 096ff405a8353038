import { AppError } from '../../../shared/errors';
import type { CaseHeader } from '../../../shared/case-file/case';
import { wipe } from '../crypto/bytes';
import type { Session } from '../users/session';
import { assertVisible } from './access';
import { syncWraps } from './case-keys';
import { auditCase, writeContext } from './context';
import { recordChanges } from './history';
import { caseKeyOf } from './identity';
import { assignedIds, getCaseRow, toHeader } from './repository';
import { assertFresh } from './stamps';

/**
 * A supervisor changes who works on a case, with a reason. The case key follows: new people
 * get a wrap, people taken off lose theirs. The reason goes into the case's history (inside the
 * vault, seen by the people on the case); the audit entry names the accounts, not the reason.
 */
export function reassignCase(session: Session, input: { caseId: string; version: number; assignedIds: string[]; reason: string }): CaseHeader {
  assertVisible(session, input.caseId);
  const { db } = session.vault;
  const row = getCaseRow(db, input.caseId)!;
  const teamId = db.prepare('SELECT team_id FROM cases WHERE id = ?').pluck().get(input.caseId) as string | null;
  const leads = teamId !== null && db.prepare('SELECT 1 FROM teams WHERE id = ? AND supervisor_id = ?').get(teamId, session.accountId) !== undefined;
  if (!leads) throw new AppError('NOT_ON_TEAM', 'Only the supervisor of the case’s team can reassign it.');
  const next = [...new Set(input.assignedIds)].sort();
  const members = db.prepare("SELECT id FROM accounts WHERE team_id = ? AND role = 'caseworker' AND disabled_at IS NULL").pluck().all(teamId) as string[];
  if (next.some((id) => !members.includes(id))) throw new AppError('NOT_ON_TEAM', 'A case can be assigned only to active caseworkers of its team.');
  const caseKey = caseKeyOf(session, input.caseId);
  if (!caseKey) throw new AppError('IDENTITY_SEALED', 'You do not hold the key of this case, so you cannot give it to someone else.');
  const ctx = writeContext(session, input.caseId);
  try {
    db.transaction(() => {
      assertFresh(db, row, input.version, 'case');
      const before = assignedIds(db, input.caseId);
      if (before.join() === next.join()) return;
      db.prepare('DELETE FROM case_assignments WHERE case_id = ?').run(input.caseId);
      const insert = db.prepare('INSERT INTO case_assignments (case_id, account_id) VALUES (?, ?)');
      for (const id of next) insert.run(input.caseId, id);
      const wraps = syncWraps(db, input.caseId, caseKey, session.vault.recoveryPublicKey());
      db.prepare('UPDATE cases SET version = version + 1 WHERE id = ?').run(input.caseId);
      recordChanges(ctx, 'case', null, { assignedIds: before, reassignmentReason: null }, { assignedIds: next, reassignmentReason: input.reason });
      auditCase(ctx, 'case.reassigned', {
        added: next.filter((id) => !before.includes(id)).join(','),
        removed: before.filter((id) => !next.includes(id)).join(','),
        keysAdded: wraps.added.length,
        keysRemoved: wraps.removed.length,
      });
    })();
  } finally {
    wipe(caseKey);
  }
  return toHeader(db, getCaseRow(db, input.caseId)!);
}
