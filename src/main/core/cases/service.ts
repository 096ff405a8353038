import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { CaseFile, CaseHeader } from '../../../shared/case-file/case';
import { headerChangeSchema, intakeSchema } from '../../../shared/case-file/case';
import { identitySchema, type Identity } from '../../../shared/case-file/identity';
import { SECTION_NAMES, SECTION_SCHEMAS, type SectionName } from '../../../shared/case-file/sections';
import { appendAudit } from '../audit/chain';
import { timeOrderedId } from '../db/ids';
import type { Session } from '../users/session';
import { wipe } from '../crypto/bytes';
import { keyHolders, newCaseKey, syncWraps } from './case-keys';
import { readIdentity, writeIdentity, writeIdentityWithKey } from './identity';
import { assertVisible } from './access';
import { auditCase, creatingCase, listColumnsChanged, today, writeContext, type WriteContext } from './context';
import { recordChanges } from './history';
import { getCaseRow, listColumnsOf, nextCaseCode, toHeader, type ListColumns } from './repository';
import { addRecordIn, listRecords } from './records';
import { sectionText, setDocument } from './search-index';
import { assertFresh, stampOf, type Versioned } from './stamps';
import { listAttachments } from './attachments';

/** The case file's services: intake, reading a whole case, the header, sections and identity. */
export function createCase(session: Session, input: z.input<typeof intakeSchema>): CaseHeader {
  const intake = intakeSchema.parse(input);
  const ctx = writeContext(session, timeOrderedId());
  ctx.db.transaction(() =>
    creatingCase(ctx, (c) => {
      const profile = SECTION_SCHEMAS.profile.parse(intake.profile);
      const listColumns = listColumnsOf({ profile, risks: intake.risk ? [intake.risk] : [] });
      createCaseIn(c, { office: intake.office, profile, identity: identitySchema.parse(intake.identity), listColumns }, today(session));
      for (const consent of intake.consents) addRecordIn(c, 'consent', consent);
      if (intake.risk) addRecordIn(c, 'risk', intake.risk);
    }),
  )();
  return toHeader(ctx.db, getCaseRow(ctx.db, ctx.caseId)!);
}

/**
 * Inside a write and a `creatingCase` (an intake, or a batch of them: seed, import): the case
 * `ctx.caseId`, opened on `openedOn`, with its profile and identity (both complete: parsed with
 * their schemas); the caller adds the rest (consents, risk, other sections and records). A case
 * recorded already closed (an import) is created in its status; the caller has checked its
 * closure reason. Returns its code.
 */
export function createCaseIn(
  ctx: WriteContext,
  first: { office: string; profile: Record<string, unknown>; identity: Identity; /** What the list will show, if the caller knows (else set at the end). */ listColumns?: ListColumns },
  openedOn: string,
  header: { status: CaseHeader['status']; closedOn: string | null } = { status: 'open', closedOn: null },
): string {
  if (!ctx.creating) throw new Error('createCaseIn runs inside creatingCase');
  const { db, caseId: id } = ctx;
  const year = Number(openedOn.slice(0, 4));
  const code = ctx.batch ? ctx.batch.codes.next(year) : nextCaseCode(db, year);
  const team = ctx.batch ? ctx.batch.memo(`team:${ctx.actorId}`, () => teamOfRecorder(db, ctx.actorId)) : teamOfRecorder(db, ctx.actorId);
  // The list columns go in with the row when they are known (the end of the creation checks them).
  const columns = first.listColumns ?? ctx.creating.inserted;
  ctx.creating.inserted = columns;
  db.prepare(
    `INSERT INTO cases (id, code, status, office, supervisor_id, team_id, opened_on, closed_on, version, created_at, created_by, updated_at, updated_by,
       gender, citizenship, exploitation_type, risk_level, risk_assessed_on, next_follow_up_on, tracks, assignees)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT ',' || number || ',' FROM accounts WHERE id = ?))`,
  ).run(id, code, header.status, first.office, team?.supervisor_id ?? null, team?.id ?? null, openedOn, header.closedOn, ctx.at, ctx.actorId, ctx.at, ctx.actorId, ...columns, ctx.actorId);
  // The person who records an intake works on it (the row has them as its assignees already:
  // the trigger that keeps that column finds nothing to change, and the indexes are written once).
  db.prepare('INSERT INTO case_assignments (case_id, account_id) VALUES (?, ?)').run(id, ctx.actorId);
  setDocument(ctx, 'case', null, code);
  writeSection(ctx, 'profile', first.profile, 0);
  const caseKey = newCaseKey();
  try {
    // A new case's key holders are the person who records it and their team's supervisor: in a
    // batch, the same for every case (looked up with the first one).
    const holders = ctx.batch?.memo(`holders:${ctx.actorId}:${team?.supervisor_id ?? ''}`, () => keyHolders(db, id));
    syncWraps(db, id, caseKey, ctx.session.vault.recoveryPublicKey(), ctx.sealer, holders);
    writeIdentityWithKey(ctx, caseKey, first.identity, 0);
  } finally {
    wipe(caseKey);
  }
  return code;
}

/** Opening a case is itself audited (DESIGN.md §5: every case opened). */
export function getCaseFile(session: Session, caseId: string): CaseFile {
  assertVisible(session, caseId);
  const { db } = session.vault;
  const row = getCaseRow(db, caseId)!;
  const sectionRows = db.prepare('SELECT section, data, version, updated_at, updated_by FROM case_sections WHERE case_id = ?').all(caseId) as (Versioned & {
    section: SectionName;
    data: string;
  })[];
  const byName = new Map(sectionRows.map((r) => [r.section, r]));
  const sections = Object.fromEntries(
    SECTION_NAMES.map((name) => {
      const r = byName.get(name);
      return [name, { data: SECTION_SCHEMAS[name].parse(r ? JSON.parse(r.data) : {}), stamp: stampOf(db, r) }];
    }),
  ) as CaseFile['sections'];
  const at = session.vault.location.now().toISOString();
  db.transaction(() => appendAudit(db, { at, actorId: session.accountId, action: 'case.viewed', target: caseId }))();
  return {
    header: toHeader(db, row),
    identity: readIdentity(session, caseId),
    sections,
    records: listRecords(db, caseId),
    attachments: listAttachments(db, caseId),
  };
}

export function updateHeader(session: Session, caseId: string, baseVersion: number, input: z.input<typeof headerChangeSchema>): CaseHeader {
  assertVisible(session, caseId);
  const change = headerChangeSchema.parse(input);
  const ctx = writeContext(session, caseId);
  ctx.db.transaction(() => updateHeaderIn(ctx, baseVersion, change, today(session)))();
  return toHeader(ctx.db, getCaseRow(ctx.db, caseId)!);
}

/** Inside a write: the header change of `updateHeader`; a case that closes is closed on `day`. */
export function updateHeaderIn(ctx: WriteContext, baseVersion: number, change: z.output<typeof headerChangeSchema>, day: string): void {
  const { db, caseId } = ctx;
  const row = getCaseRow(db, caseId)!;
  assertFresh(db, row, baseVersion, 'case');
  const before = toHeader(db, row);
  const next = { ...before, ...change };
  const closing = (next.status === 'closed' || next.status === 'closed-referred') && before.status !== next.status;
  if (closing) {
    const closure = db.prepare("SELECT json_extract(data, '$.reason') AS reason FROM case_sections WHERE case_id = ? AND section = 'closure'").get(caseId) as
      | { reason: string | null }
      | undefined;
    if (!closure?.reason) throw new AppError('CLOSURE_REASON_REQUIRED', 'A case can be closed only with a closure reason: record it in the Closure section first.');
  }
  const closedOn = closing ? day : next.status === 'open' || next.status === 'follow-up' ? null : row.closed_on;
  db.prepare('UPDATE cases SET status = ?, office = ?, closed_on = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?').run(
    next.status,
    next.office,
    closedOn,
    ctx.at,
    ctx.actorId,
    caseId,
  );
  setDocument(ctx, 'case', null, [row.code, next.office].join('\n'));
  const fields = recordChanges(ctx, 'case', null, pickHeader(before), pickHeader({ ...next, closedOn }));
  auditCase(ctx, 'case.changed', { part: 'case', fields: fields.join(',') });
}

function pickHeader(h: Pick<CaseHeader, 'status' | 'office' | 'closedOn'>) {
  return { status: h.status, office: h.office, closedOn: h.closedOn };
}

/** The team a new case joins: the recorder's own team, or the first one a supervisor leads. */
function teamOfRecorder(db: WriteContext['db'], accountId: string): { id: string; supervisor_id: string } | undefined {
  return db
    .prepare(
      `SELECT t.id, t.supervisor_id FROM teams t
       WHERE t.id = (SELECT team_id FROM accounts WHERE id = ?) OR t.supervisor_id = ?
       ORDER BY (t.id = (SELECT team_id FROM accounts WHERE id = ?)) DESC, t.created_at, t.id LIMIT 1`,
    )
    .get(accountId, accountId, accountId) as { id: string; supervisor_id: string } | undefined;
}

export function saveSection(session: Session, caseId: string, section: SectionName, baseVersion: number, data: unknown): CaseFile['sections'][SectionName] {
  assertVisible(session, caseId);
  const parsed = SECTION_SCHEMAS[section].safeParse(data);
  if (!parsed.success) throw new AppError('BAD_REQUEST', `The ${section} section is not valid (${parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.code}`).join('; ')}).`);
  const ctx = writeContext(session, caseId);
  ctx.db.transaction(() => writeSection(ctx, section, parsed.data as Record<string, unknown>, baseVersion))();
  const row = ctx.db.prepare('SELECT data, version, updated_at, updated_by FROM case_sections WHERE case_id = ? AND section = ?').get(caseId, section) as Versioned & { data: string };
  return { data: SECTION_SCHEMAS[section].parse(JSON.parse(row.data)), stamp: stampOf(ctx.db, row) } as CaseFile['sections'][SectionName];
}

/** Inside a write: one section, checked against `baseVersion` (0 = not written yet). */
export function writeSection(ctx: WriteContext, section: SectionName, data: Record<string, unknown>, baseVersion: number): void {
  const { db, caseId } = ctx;
  // While the case is being created, a section not yet written has no row to read.
  const current =
    ctx.creating && !ctx.creating.sections.has(section)
      ? undefined
      : (db.prepare('SELECT data, version, updated_at, updated_by FROM case_sections WHERE case_id = ? AND section = ?').get(caseId, section) as
          | (Versioned & { data: string })
          | undefined);
  ctx.creating?.sections.add(section);
  assertFresh(db, current, baseVersion, `${section} section`);
  const fields = recordChanges(ctx, section, null, current ? (JSON.parse(current.data) as Record<string, unknown>) : null, data);
  if (current && fields.length === 0) return;
  db.prepare(
    `INSERT INTO case_sections (case_id, section, data, version, updated_at, updated_by) VALUES (?, ?, ?, 1, ?, ?)
     ON CONFLICT (case_id, section) DO UPDATE SET data = excluded.data, version = version + 1, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ).run(caseId, section, JSON.stringify(data), ctx.at, ctx.actorId);
  setDocument(ctx, section, null, sectionText(section, data));
  if (section === 'profile' || section === 'experience') listColumnsChanged(ctx, { section, data });
  auditCase(ctx, 'case.changed', { part: section, fields: fields.join(',') });
}

export function saveIdentity(session: Session, caseId: string, baseVersion: number, data: unknown): { data: Identity; stamp: CaseFile['identity']['stamp'] } {
  assertVisible(session, caseId);
  const parsed = identitySchema.safeParse(data);
  // The issue paths only: identity values never appear in an error.
  if (!parsed.success) throw new AppError('BAD_REQUEST', `The identity section is not valid (${parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.code}`).join('; ')}).`);
  const ctx = writeContext(session, caseId);
  ctx.db.transaction(() => writeIdentity(ctx, parsed.data, baseVersion))();
  // A photo just sealed had clear bytes in older frames of the write-ahead log: fold them away.
  if (parsed.data.photoAttachmentId) ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  const saved = readIdentity(session, caseId);
  // The writer held the key (writeIdentity refuses otherwise), so the identity is open to them.
  return { data: saved.data!, stamp: saved.stamp };
}
