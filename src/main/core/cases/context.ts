import type { Session } from '../users/session';
import type { Db } from '../db/open';
import { appendAudit, type AuditAction, type AuditDetail } from '../audit/chain';
import type { HistoryContext } from './history';
import { touchCase } from './repository';

/** One write to one case: the database, who, when; and the audit and history that go with it. */
export interface WriteContext extends HistoryContext {
  session: Session;
}

export function writeContext(session: Session, caseId: string): WriteContext {
  return { session, db: session.vault.db, caseId, at: session.vault.location.now().toISOString(), actorId: session.accountId };
}

/** Every change to a case: touch it (for "recently changed" lists) and audit it, without content. */
export function auditCase(ctx: WriteContext, action: AuditAction, detail: AuditDetail = {}): void {
  touchCase(ctx.db, ctx.caseId, ctx.at, ctx.actorId);
  appendAudit(ctx.db, { at: ctx.at, actorId: ctx.actorId, action, target: ctx.caseId, detail });
}

/** Whether a part of this kind is one the list columns come from (repository.ts ListSources). */
export const LIST_SOURCE_RECORDS: ReadonlySet<string> = new Set(['risk', 'followUp', 'service']);

export function today(session: Session): string {
  return session.vault.location.now().toISOString().slice(0, 10);
}

export type { Db };
