import type { Session } from '../users/session';
import type { Db } from '../db/open';
import { appendAudit, type AuditAction, type AuditDetail } from '../audit/chain';
import type { HistoryContext } from './history';
import type { Sealer } from '../crypto/sealed-box';
import { latestRisk, refreshListColumns, setListColumns, touchCase, type ListSources } from './repository';

/** One write to one case: the database, who, when; and the audit and history that go with it. */
export interface WriteContext extends HistoryContext {
  session: Session;
  /** A batch (seed, import) shares one sealer, so wrapping case keys costs no X25519 per case. */
  sealer?: Sealer;
  /** Set while the case is being created (intake, seed, import): see `creatingCase`. */
  creating?: Creation;
  /** A batch's case codes (repository.ts BatchCaseCodes); otherwise each from the counters. */
  codes?: { next(year: number): string };
}

/** What the parts written during a case's creation leave for its end. */
export interface Creation {
  /** The parts written, in order: the one audit entry of the creation names them. */
  parts: string[];
  /** The sections written so far: any other has no row yet, so there is nothing to read first. */
  sections: Set<string>;
  /** What the list columns come from, as written: they are set once, at the end. */
  list: { profile?: ListSources['profile']; experience?: ListSources['experience']; risks: { level: string; assessedOn: string }[] } | null;
}

export function writeContext(session: Session, caseId: string): WriteContext {
  return { session, db: session.vault.db, caseId, at: session.vault.location.now().toISOString(), actorId: session.accountId };
}

/**
 * Every change to a case: touch it (for "recently changed" lists) and audit it, without content.
 * While the case is being created, its parts are not changes: they are named in the creation's
 * one audit entry, and the new row already carries the moment (anything else, such as a
 * supervisor's consent override, is audited as it happens).
 */
export function auditCase(ctx: WriteContext, action: AuditAction, detail: AuditDetail = {}): void {
  if (ctx.creating) {
    if (action === 'case.changed') {
      if (typeof detail.part === 'string' && !ctx.creating.parts.includes(detail.part)) ctx.creating.parts.push(detail.part);
      return;
    }
  } else {
    touchCase(ctx.db, ctx.caseId, ctx.at, ctx.actorId);
  }
  appendAudit(ctx.db, { at: ctx.at, actorId: ctx.actorId, action, target: ctx.caseId, detail });
}

/**
 * A case's creation (an intake, or one case of a seed or an import): `write` inserts the case and
 * its first parts with `ctx.creating` set. A case's first version is its content: each part
 * created goes into the field history once, whole (history.ts), the list columns are computed
 * once, and the creation is audited once, naming the parts — not once per part.
 */
export function creatingCase<T>(ctx: WriteContext, write: (ctx: WriteContext) => T): T {
  const creating: Creation = { parts: [], sections: new Set(), list: null };
  const result = write({ ...ctx, creating });
  const list = creating.list;
  if (list) setListColumns(ctx.db, ctx.caseId, { profile: list.profile, experience: list.experience, risk: latestRisk(list.risks) });
  appendAudit(ctx.db, { at: ctx.at, actorId: ctx.actorId, action: 'case.created', target: ctx.caseId, detail: { parts: creating.parts.join(',') } });
  return result;
}

/** After a write to a part the list columns come from: the profile, the experience, or a risk assessment. */
export function listColumnsChanged(ctx: WriteContext, source: { section: 'profile' | 'experience'; data: Record<string, unknown> } | { risk: Record<string, unknown> }): void {
  if (!ctx.creating) return refreshListColumns(ctx.db, ctx.caseId);
  const list = (ctx.creating.list ??= { risks: [] });
  if ('risk' in source) list.risks.push(source.risk as { level: string; assessedOn: string });
  else list[source.section] = source.data;
}

export function today(session: Session): string {
  return session.vault.location.now().toISOString().slice(0, 10);
}

export type { Db };
