import type { AuditFilter } from '../../../shared/audit';
import { AppError } from '../../../shared/errors';
import { toCsv } from '../export/csv';
import { writeFileAtomic } from '../fs/atomic-write';
import type { Session } from '../users/session';
import { appendAudit, type AuditDetail } from './chain';
import { caseIdOfCode, iterateAudit } from './query';

export const AUDIT_CSV_COLUMNS = ['seq', 'at', 'actor', 'action', 'target', 'detail', 'hash'] as const;

/** Where the person chose to save (the shell: a native save dialog; tests: a fake), or null. */
export type ChooseSavePath = () => Promise<string | null>;

/**
 * The audit trail as CSV (DESIGN.md §5, issue 4 §3): the entries matching the filter, oldest
 * first, written whole or not at all to the path the person chose in the main process, and the
 * export is itself an entry of the trail (how many entries, which filters; never the path, which
 * may name people or places). Entries carry no case content, so neither does the file.
 * Null when the person cancelled the dialog; nothing is written or recorded then.
 */
export async function exportAuditCsv(session: Session, filter: AuditFilter, choosePath: ChooseSavePath): Promise<{ entries: number } | null> {
  const target = await choosePath();
  if (!target) return null;
  const { db } = session.vault;
  // The vault may have locked (idle, OS lock) while the dialog was open.
  if (!db.open) throw new AppError('NOT_SIGNED_IN', 'Amparo locked while the file was being chosen; nothing was exported.');
  const rows = [...iterateAudit(db, filter)].map((e) => [
    e.seq,
    e.at,
    e.actorName ?? e.actorId ?? '',
    e.action,
    e.targetLabel ?? e.target ?? '',
    JSON.stringify(e.detail),
    e.hash,
  ]);
  const csv = toCsv(AUDIT_CSV_COLUMNS, rows, { bom: true });
  const detail: AuditDetail = { format: 'csv', entries: rows.length };
  for (const key of ['actorId', 'caseCode', 'action', 'from', 'to'] as const) {
    const value = filter[key];
    if (value !== undefined) detail[key] = value;
  }
  const at = session.vault.location.now().toISOString();
  // The entry and the file go together: a file that cannot be written rolls the entry back.
  db.transaction(() => {
    appendAudit(db, { at, actorId: session.accountId, action: 'audit.exported', target: filter.caseCode ? caseIdOfCode(db, filter.caseCode) : null, detail });
    writeFileAtomic(target, csv);
  })();
  return { entries: rows.length };
}
