import { z } from 'zod';
import { accessOf, isAllowed } from '../../../shared/authorization';
import { AppError } from '../../../shared/errors';
import { intakeSchema } from '../../../shared/case-file/case';
import { identitySchema } from '../../../shared/case-file/identity';
import { RECORD_SCHEMAS, type RecordKind } from '../../../shared/case-file/records';
import { SECTION_SCHEMAS, type SectionName } from '../../../shared/case-file/sections';
import { VOCABULARIES as V, type VocabularyCode } from '../../../shared/vocabularies';
import type { Db } from '../db/open';
import { timeOrderedId } from '../db/ids';
import type { Session } from '../users/session';
import { creatingCase, writeContext, type CaseBatch, type WriteContext } from './context';
import { createSealer, type Sealer } from '../crypto/sealed-box';
import { addRecordIn } from './records';
import { BatchCaseCodes, listColumnsOf } from './repository';
import { createCaseIn, writeSection } from './service';

/**
 * Many cases in one transaction (seed, import): each one a creation, as an intake is, written by
 * the same functions (createCaseIn, writeSection, addRecordIn inside `creatingCase`), so
 * validation, field history, audit, full-text index and list columns are those of the app.
 */
export interface CaseDraft {
  office?: string;
  openedOn: string;
  status?: VocabularyCode<'caseStatus'>;
  identity?: Record<string, unknown>;
  /** The sections, profile included; closure is required for a closed status (the app's rule). */
  sections?: Partial<Record<SectionName, Record<string, unknown>>>;
  /** In order; a referral out may name the consent it relies on by its index in this list. */
  records?: DraftRecord[];
}

export interface DraftRecord {
  kind: RecordKind;
  data: Record<string, unknown>;
  consentIndex?: number;
}

export interface DraftIssue {
  /** e.g. `profile.gender`, `records.2.dueOn`: names only, never a value. */
  path: string;
  code: string;
  message: string;
}

const draftHeader = z.strictObject({ office: z.string().trim().max(200).default(''), openedOn: z.iso.date(), status: V.caseStatus.schema.default('open') });

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
  const { db } = session.vault;
  const sealer = createSealer();
  try {
    return withStatementCache(db, () =>
      db.transaction(() => {
        const codes = new BatchCaseCodes(db);
        const memo = new Map<string, unknown>();
        const batch: CaseBatch = {
          codes,
          memo: <T>(key: string, compute: () => T) => (memo.has(key) ? (memo.get(key) as T) : (memo.set(key, compute()).get(key) as T)),
        };
        const written = drafts.map((d) => writeCaseIn(session, d, sealer, batch));
        codes.flush();
        return written;
      })(),
    );
  } finally {
    sealer.dispose();
  }
}

function writeCaseIn(session: Session, draft: CaseDraft, sealer: Sealer, batch: CaseBatch): string {
  const header = draftHeader.parse({ office: draft.office, openedOn: draft.openedOn, status: draft.status });
  const closed = header.status === 'closed' || header.status === 'closed-referred';
  if (closed && !draft.sections?.closure?.reason) throw new AppError('CLOSURE_REASON_REQUIRED', 'A case can be closed only with a closure reason.');
  const profile = SECTION_SCHEMAS.profile.parse(draft.sections?.profile ?? {}) as Record<string, unknown>;
  const identity = identitySchema.parse(draft.identity ?? {});
  // A case recorded in another status is created in it, closed on its closure date (or when it opened).
  const closedOn = closed ? ((draft.sections?.closure?.closedOn as string | null | undefined) ?? header.openedOn) : null;
  const ctx: WriteContext = { ...writeContext(session, timeOrderedId()), sealer, batch };
  return creatingCase(ctx, (c) => {
    const sections = Object.entries(draft.sections ?? {})
      .filter(([name]) => name !== 'profile')
      .map(([name, data]) => [name as SectionName, SECTION_SCHEMAS[name as SectionName].parse(data) as Record<string, unknown>] as const);
    // What the list will show, from the draft (the end of the creation checks it against what was written).
    const of = <T>(kind: string) => (draft.records ?? []).filter((r) => r.kind === kind).map((r) => r.data as T);
    const listColumns = listColumnsOf({
      profile,
      experience: sections.find(([name]) => name === 'experience')?.[1],
      risks: of<{ level: string; assessedOn: string }>('risk'),
      followUps: of<{ dueOn: string; doneOn?: string | null }>('followUp'),
      services: of<{ track: string }>('service'),
    });
    const code = createCaseIn(c, { office: header.office, profile, identity, listColumns }, header.openedOn, { status: header.status, closedOn });
    for (const [name, data] of sections) writeSection(c, name, data, 0);
    const ids: string[] = [];
    for (const r of draft.records ?? []) {
      const data = r.consentIndex !== undefined ? { ...r.data, consentId: ids[r.consentIndex] ?? null } : r.data;
      ids.push(addRecordIn(c, r.kind, data));
    }
    return code;
  });
}

/** A bigger page cache for a batch (256 MiB, as a negative cache_size in KiB): fewer pages to decrypt again. */
const BATCH_CACHE_KIB = -256 * 1024;

/**
 * better-sqlite3 compiles a statement on every `prepare`; the services prepare as they go, which
 * is right for one save and costly for a hundred thousand. For the length of a batch, the
 * connection hands back one compiled statement per SQL text (the services only run statements
 * to completion, so reusing one is safe), then the ordinary `prepare` is restored; and its page
 * cache is BATCH_CACHE_KIB.
 */
export function withStatementCache<T>(db: Db, work: () => T): T {
  const cache = new Map<string, ReturnType<Db['prepare']>>();
  const original = db.prepare;
  const cached = (sql: string) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = original.call(db, sql);
      cache.set(sql, statement);
    }
    return statement;
  };
  Object.defineProperty(db, 'prepare', { value: cached, configurable: true, writable: true });
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = ${BATCH_CACHE_KIB}`);
  try {
    return work();
  } finally {
    delete (db as unknown as { prepare?: unknown }).prepare;
    db.pragma(`cache_size = ${cacheSize}`);
  }
}
