import type { Session } from '../users/session';
import type { Db } from '../db/open';
import { appendAudit, type AuditAction, type AuditDetail } from '../audit/chain';
import { flushCreated, type HistoryContext } from './history';
import { flushDocuments, type PendingDocuments } from './search-index';
import type { Sealer } from '../crypto/sealed-box';
import { listColumnsOf, NO_LIST_COLUMNS, refreshListColumns, setListColumns, touchCase, type ListColumns, type ListSources } from './repository';

/** One write to one case: the database, who, when; and the audit and history that go with it. */
export interface WriteContext extends HistoryContext {
  session: Session;
  /** A batch (seed, import) shares one sealer, so wrapping case keys costs no X25519 per case. */
  sealer?: Sealer;
  /** Set while the case is being created (intake, seed, import): see `creatingCase`. */
  creating?: Creation;
  /** A batch of new cases (seed, import): see `CaseBatch`. */
  batch?: CaseBatch;
}

/** What the cases of one batch share, inside its transaction. */
export interface CaseBatch {
  /** Their codes (repository.ts BatchCaseCodes); otherwise each from the counters. */
  codes: { next(year: number): string };
  /** What is the same for every case the batch's person records (their team, its key holders), looked up once. */
  memo<T>(key: string, compute: () => T): T;
}

/** What the parts written during a case's creation leave for its end. */
export interface Creation {
  /** The parts written, in order: the one audit entry of the creation names them. */
  parts: string[];
  /** The sections written so far: any other has no row yet, so there is nothing to read first. */
  sections: Set<string>;
  /** What the list columns come from, as written: they are set once, at the end. */
  list: { profile?: ListSources['profile']; experience?: ListSources['experience']; risks: { level: string; assessedOn: string }[]; followUps: { dueOn: string; doneOn?: string | null }[]; services: { track: string }[] };
  /** The list columns the case row was inserted with (createCaseIn): set again only if they differ. */
  inserted: ListColumns;
  /** The parts' CREATED history rows (history.ts) and search documents (search-index.ts), written at the end. */
  created: { part: string; recordId: string | null }[];
  documents: PendingDocuments;
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
 * created has one field-history row (history.ts), its search document, the list columns and the
 * creation's one audit entry (naming the parts) are written at the end, each in one go.
 */
export function creatingCase<T>(ctx: WriteContext, write: (ctx: WriteContext) => T): T {
  const creating: Creation = { parts: [], sections: new Set(), list: { risks: [], followUps: [], services: [] }, inserted: NO_LIST_COLUMNS, created: [], documents: new Map() };
  const c = { ...ctx, creating };
  const result = write(c);
  flushCreated(c);
  flushDocuments(c);
  const columns = listColumnsOf(creating.list);
  if (columns.some((value, i) => value !== creating.inserted[i])) setListColumns(ctx.db, ctx.caseId, columns);
  appendAudit(ctx.db, { at: ctx.at, actorId: ctx.actorId, action: 'case.created', target: ctx.caseId, detail: { parts: creating.parts.join(',') } });
  return result;
}

/** Whether a part of this kind is one the list columns come from (repository.ts ListSources). */
export const LIST_SOURCE_RECORDS: ReadonlySet<string> = new Set(['risk', 'followUp', 'service']);

/** After a write to a part the list columns come from: the profile, the experience, a risk assessment, a follow-up or a service. */
export function listColumnsChanged(
  ctx: WriteContext,
  source: { section: 'profile' | 'experience'; data: Record<string, unknown> } | { record: 'risk' | 'followUp' | 'service'; data: Record<string, unknown> },
): void {
  if (!ctx.creating) return refreshListColumns(ctx.db, ctx.caseId);
  const { list } = ctx.creating;
  if ('section' in source) list[source.section] = source.data;
  else if (source.record === 'risk') list.risks.push(source.data as { level: string; assessedOn: string });
  else if (source.record === 'followUp') list.followUps.push(source.data as { dueOn: string; doneOn?: string | null });
  else list.services.push(source.data as { track: string });
}

export function today(session: Session): string {
  return session.vault.location.now().toISOString().slice(0, 10);
}

export type { Db };
