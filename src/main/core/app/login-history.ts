import type { Db } from '../db/open';

/** Failed sign-ins aimed at this account since its last successful one ("3 failed attempts since your last login"). */
export function countFailedSinceLastLogin(db: Db, accountId: string): number {
  const last = db
    .prepare("SELECT max(seq) AS seq FROM audit_log WHERE action = 'session.login' AND target = ?")
    .get(accountId) as { seq: number | null };
  const row = db
    .prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'session.login_failed' AND target = ? AND seq > ?")
    .get(accountId, last.seq ?? 0) as { n: number };
  return row.n;
}
