import { z } from 'zod';
import { accessOf, isAllowed } from '../../../shared/authorization';
import { AppError } from '../../../shared/errors';
import { intakeSchema } from '../../../shared/case-file/case';
import { RECORD_SCHEMAS } from '../../../shared/case-file/records';
import { SECTION_SCHEMAS, type SectionName } from '../../../shared/case-file/sections';
import type { Db } from '../db/open';
import type { Session } from '../users/session';
import { createSealer } from '../crypto/sealed-box';
import { applyRows, rowsOf, type CaseRows } from './creation/apply';
import { draftHeader, planCase, type CaseDraft } from './creation/plan';
import { recorderOf } from './creation/recorder';

export type { CaseDraft, DraftRecord } from './creation/plan';

/**
 * Many cases in one transaction (seed, import): each one a creation, as an intake is, checked
 * and built by the same `planCase` and written by the same `applyRows`, so validation, field
 * history, audit, full-text index and list columns are those of the app.
 */
export interface DraftIssue {
  /** e.g. `profile.gender`, `records.2.dueOn`: names only, never a value. */
  path: string;
  code: string;
  message: string;
}

/** Every problem of a draft, against the contract's schemas; an empty list means it will be written. */
export function validateDraft(draft: CaseDraft): DraftIssue[] {
  const issues: DraftIssue[] = [];
  const collect = (prefix: string, error: z.ZodError) => {
    for (const i of error.issues) issues.push({ path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'), code: i.code, message: describe(i) });
  };
  const header = draftHeader.safeParse({ office: draft.office, openedOn: draft.openedOn, status: draft.status });
  if (!header.success) collect('', header.error);
  const intake = intakeSchema.safeParse({ office: draft.office ?? '', identity: draft.identity ?? {}, profile: {} });
  if (!intake.success) collect('', intake.error);
  for (const [name, data] of Object.entries(draft.sections ?? {})) {
    const parsed = SECTION_SCHEMAS[name as SectionName].safeParse(data);
    if (!parsed.success) collect(name, parsed.error);
  }
  (draft.records ?? []).forEach((r, i) => {
    const parsed = RECORD_SCHEMAS[r.kind].safeParse(r.data);
    if (!parsed.success) collect(`records.${i}`, parsed.error);
  });
  const status = draft.status ?? 'open';
  if ((status === 'closed' || status === 'closed-referred') && !draft.sections?.closure?.reason) {
    issues.push({ path: 'closure.reason', code: 'CLOSURE_REASON_REQUIRED', message: 'a closed case needs a closure reason' });
  }
  return issues;
}

/** A zod issue in words, without the value that was given. */
function describe(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return 'not one of the allowed codes';
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'too_big':
      return issue.origin === 'string' ? `too long (at most ${String(issue.maximum)} characters)` : issue.origin === 'array' ? `too many values (at most ${String(issue.maximum)})` : `too large (at most ${String(issue.maximum)})`;
    case 'too_small':
      return issue.origin === 'string' ? 'empty' : issue.origin === 'array' ? `too few values (at least ${String(issue.minimum)})` : `too small (at least ${String(issue.minimum)})`;
    case 'invalid_format':
      return `not a valid ${issue.format}`;
    case 'unrecognized_keys':
      return 'unknown field';
    default:
      return issue.code.replace(/_/g, ' ');
  }
}

/**
 * The checks the router makes before `cases.create`, for callers that do not go through it
 * (the CLI's seed and import): the role, and no pending passphrase change.
 */
export function assertMayCreateCases(session: Session): void {
  if (!isAllowed(accessOf('cases.create'), session.role)) {
    throw new AppError('FORBIDDEN', `Your role (${session.role}) does not allow creating cases; use a caseworker or supervisor account.`);
  }
  if (session.info.mustChangePassphrase) throw new AppError('PASSPHRASE_CHANGE_REQUIRED', 'Choose a new passphrase (sign in to the app) before doing anything else.');
}

/** Writes the drafts in ONE transaction (all or nothing), as `session`; returns their codes in order. */
export function writeCases(session: Session, drafts: readonly CaseDraft[]): string[] {
  assertMayCreateCases(session);
  return createCases(session, drafts).map((c) => c.code);
}

/**
 * New cases as `session` (an intake, a received referral, a batch), in one transaction: planned
 * here, written together. The caller has checked that the session may create cases.
 */
export function createCases(session: Session, drafts: readonly CaseDraft[], extra: Parameters<typeof planCase>[2] = {}): { id: string; code: string }[] {
  const sealer = createSealer();
  try {
    const ctx = { ...recorderOf(session), at: session.vault.location.now().toISOString(), sealer };
    const planned = drafts.map((d) => planCase(d, ctx, extra));
    return writeRows(session.vault.db, rowsOf(planned));
  } finally {
    sealer.dispose();
  }
}

/** Cases planned and made into rows (here or in a worker), written in one transaction; their ids and codes, in order. */
export function writeRows(db: Db, rows: CaseRows): { id: string; code: string }[] {
  const codes = db.transaction(() => applyRows(db, rows))();
  return rows.cases.map((c, i) => ({ id: c.id, code: codes[i]! }));
}

/** A bigger page cache for a batch (256 MiB, as a negative cache_size in KiB): fewer pages to decrypt again. */
const BATCH_CACHE_KIB = -256 * 1024;

/** For the length of a batch (a seed, a large import), the connection's page cache is BATCH_CACHE_KIB. */
export async function withBatchCache<T>(db: Db, work: () => T | Promise<T>): Promise<T> {
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = ${BATCH_CACHE_KIB}`);
  try {
    return await work();
  } finally {
    if (db.open) db.pragma(`cache_size = ${cacheSize}`);
  }
}
