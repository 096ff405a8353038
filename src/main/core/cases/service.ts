import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { CaseFile, CaseHeader } from '../../../shared/case-file/case';
import { headerChangeSchema, intakeSchema } from '../../../shared/case-file/case';
import { identitySchema } from '../../../shared/case-file/identity';
import { SECTION_NAMES, SECTION_SCHEMAS, type SectionName } from '../../../shared/case-file/sections';
import { appendAudit } from '../audit/chain';
import type { Session } from '../users/session';
import { findById } from '../users/accounts';
import { assertVisible } from './access';
import { auditCase, today, writeContext, type WriteContext } from './context';
import { recordChanges } from './history';
import { getCaseRow, nextCaseCode, refreshListColumns, toHeader } from './repository';
import { addRecordIn, listRecords } from './records';
import { sectionText, setDocument } from './search-index';
import { assertFresh, stampOf, type Versioned } from './stamps';
import { listAttachments } from './attachments';

/** The case file's services: intake, reading a whole case, the header, sections and identity. */
export function createCase(session: Session, input: z.input<typeof intakeSchema>): CaseHeader {
  const intake = intakeSchema.parse(input);
  const ctx = writeContext(session, randomUUID());
  ctx.db.transaction(() => createCaseIn(ctx, intake, today(session)))();
  return toHeader(ctx.db, getCaseRow(ctx.db, ctx.caseId)!);
}

/**
 * Inside a write (an intake, or a batch of them: seed, import): the case `ctx.caseId`, opened on
 * `openedOn`, with the intake's profile, identity, consents and risk. Returns its code.
 */
export function createCaseIn(ctx: WriteContext, intake: z.output<typeof intakeSchema>, openedOn: string): string {
  const { db, caseId: id } = ctx;
  const code = nextCaseCode(db, Number(openedOn.slice(0, 4)));
  db.prepare(
    `INSERT INTO cases (id, code, status, office, supervisor_id, opened_on, version, created_at, created_by, updated_at, updated_by)
     VALUES (?, ?, 'open', ?, NULL, ?, 1, ?, ?, ?, ?)`,
  ).run(id, code, intake.office, openedOn, ctx.at, ctx.actorId, ctx.at, ctx.actorId);
  // The person who records an intake works on it.
  db.prepare('INSERT INTO case_assignments (case_id, account_id) VALUES (?, ?)').run(id, ctx.actorId);
  setDocument(db, id, 'case', null, code);
  appendAudit(db, { at: ctx.at, actorId: ctx.actorId, action: 'case.created', target: id });
  writeSection(ctx, 'profile', SECTION_SCHEMAS.profile.parse(intake.profile), 0);
  writeIdentity(ctx, identitySchema.parse(intake.identity), 0);
  for (const consent of intake.consents) addRecordIn(ctx, 'consent', consent);
  if (intake.risk) addRecordIn(ctx, 'risk', intake.risk);
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
  const identityRow = db.prepare('SELECT data, version, updated_at, updated_by FROM case_identity WHERE case_id = ?').get(caseId) as (Versioned & { data: string }) | undefined;
  const at = session.vault.location.now().toISOString();
  db.transaction(() => appendAudit(db, { at, actorId: session.accountId, action: 'case.viewed', target: caseId }))();
  return {
    header: toHeader(db, row),
    identity: { data: identitySchema.parse(identityRow ? JSON.parse(identityRow.data) : {}), stamp: stampOf(db, identityRow) },
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
  const { db, caseId, session } = ctx;
  const row = getCaseRow(db, caseId)!;
  assertFresh(db, row, baseVersion, 'case');
  const before = toHeader(db, row);
  const next = { ...before, ...change };
  if (change.assignedIds) for (const id of change.assignedIds) assertAccount(session, id, ['caseworker', 'supervisor']);
  if (change.supervisorId) assertAccount(session, change.supervisorId, ['supervisor']);
  const closing = (next.status === 'closed' || next.status === 'closed-referred') && before.status !== next.status;
  if (closing) {
    const closure = db.prepare("SELECT json_extract(data, '$.reason') AS reason FROM case_sections WHERE case_id = ? AND section = 'closure'").get(caseId) as
      | { reason: string | null }
      | undefined;
    if (!closure?.reason) throw new AppError('CLOSURE_REASON_REQUIRED', 'A case can be closed only with a closure reason: record it in the Closure section first.');
  }
  const closedOn = closing ? day : next.status === 'open' || next.status === 'follow-up' ? null : row.closed_on;
  db.prepare('UPDATE cases SET status = ?, office = ?, supervisor_id = ?, closed_on = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?').run(
    next.status,
    next.office,
    next.supervisorId,
    closedOn,
    ctx.at,
    ctx.actorId,
    caseId,
  );
  if (change.assignedIds) {
    db.prepare('DELETE FROM case_assignments WHERE case_id = ?').run(caseId);
    const insert = db.prepare('INSERT INTO case_assignments (case_id, account_id) VALUES (?, ?)');
    for (const id of new Set(change.assignedIds)) insert.run(caseId, id);
  }
  setDocument(db, caseId, 'case', null, [row.code, next.office].join('\n'));
  const fields = recordChanges(ctx, 'case', null, pickHeader(before), pickHeader({ ...next, closedOn }));
  auditCase(ctx, 'case.changed', { part: 'case', fields: fields.join(',') });
}

function pickHeader(h: Pick<CaseHeader, 'status' | 'office' | 'supervisorId' | 'assignedIds' | 'closedOn'>) {
  return { status: h.status, office: h.office, supervisorId: h.supervisorId, assignedIds: [...h.assignedIds].sort(), closedOn: h.closedOn };
}

function assertAccount(session: Session, id: string, roles: readonly string[]): void {
  const account = findById(session.vault.db, id);
  if (!account || account.disabled || !roles.includes(account.role)) throw new AppError('BAD_REQUEST', 'An assigned account does not exist or cannot work on cases.');
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
  const current = db.prepare('SELECT data, version, updated_at, updated_by FROM case_sections WHERE case_id = ? AND section = ?').get(caseId, section) as
    | (Versioned & { data: string })
    | undefined;
  assertFresh(db, current, baseVersion, `${section} section`);
  const fields = recordChanges(ctx, section, null, current ? (JSON.parse(current.data) as Record<string, unknown>) : null, data);
  if (current && fields.length === 0) return;
  db.prepare(
    `INSERT INTO case_sections (case_id, section, data, version, updated_at, updated_by) VALUES (?, ?, ?, 1, ?, ?)
     ON CONFLICT (case_id, section) DO UPDATE SET data = excluded.data, version = version + 1, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ).run(caseId, section, JSON.stringify(data), ctx.at, ctx.actorId);
  setDocument(db, caseId, section, null, sectionText(section, data));
  if (section === 'profile' || section === 'experience') refreshListColumns(db, caseId);
  auditCase(ctx, 'case.changed', { part: section, fields: fields.join(',') });
}

export function saveIdentity(session: Session, caseId: string, baseVersion: number, data: unknown): CaseFile['identity'] {
  assertVisible(session, caseId);
  const parsed = identitySchema.safeParse(data);
  // The issue paths only: identity values never appear in an error.
  if (!parsed.success) throw new AppError('BAD_REQUEST', `The identity section is not valid (${parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.code}`).join('; ')}).`);
  const ctx = writeContext(session, caseId);
  ctx.db.transaction(() => writeIdentity(ctx, parsed.data, baseVersion))();
  const row = ctx.db.prepare('SELECT data, version, updated_at, updated_by FROM case_identity WHERE case_id = ?').get(caseId) as Versioned & { data: string };
  return { data: identitySchema.parse(JSON.parse(row.data)), stamp: stampOf(ctx.db, row) };
}

function writeIdentity(ctx: WriteContext, data: Record<string, unknown>, baseVersion: number): void {
  const { db, caseId } = ctx;
  const current = db.prepare('SELECT data, version, updated_at, updated_by FROM case_identity WHERE case_id = ?').get(caseId) as (Versioned & { data: string }) | undefined;
  assertFresh(db, current, baseVersion, 'identity section');
  const fields = recordChanges(ctx, 'identity', null, current ? (JSON.parse(current.data) as Record<string, unknown>) : null, data, { sealed: true });
  if (current && fields.length === 0) return;
  db.prepare(
    `INSERT INTO case_identity (case_id, data, version, updated_at, updated_by) VALUES (?, ?, 1, ?, ?)
     ON CONFLICT (case_id) DO UPDATE SET data = excluded.data, version = version + 1, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ).run(caseId, JSON.stringify(data), ctx.at, ctx.actorId);
  auditCase(ctx, 'case.changed', { part: 'identity', fields: fields.join(',') });
}
