import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { CaseFile, CaseHeader } from '../../../shared/case-file/case';
import { headerChangeSchema, intakeSchema } from '../../../shared/case-file/case';
import { identitySchema, type Identity } from '../../../shared/case-file/identity';
import { SECTION_NAMES, SECTION_SCHEMAS, type SectionName } from '../../../shared/case-file/sections';
import { appendAudit } from '../audit/chain';
import type { Session } from '../users/session';
import { readIdentity, writeIdentity } from './identity';
import { assertVisible } from './access';
import { createCases } from './batch';
import { auditCase, today, writeContext, type WriteContext } from './context';
import { recordChanges } from './history';
import { getCaseRow, refreshListColumns, toHeader } from './repository';
import { listRecords } from './records';
import { sectionText, setDocument } from './search-index';
import { assertFresh, stampOf, type Versioned } from './stamps';
import { listAttachments } from './attachments';

/** The case file's services: intake, reading a whole case, the header, sections and identity. */
export function createCase(session: Session, input: z.input<typeof intakeSchema>): CaseHeader {
  const intake = intakeSchema.parse(input);
  const [created] = createCases(session, [
    {
      office: intake.office,
      openedOn: today(session),
      identity: intake.identity,
      sections: { profile: intake.profile },
      records: [...intake.consents.map((data) => ({ kind: 'consent' as const, data })), ...(intake.risk ? [{ kind: 'risk' as const, data: intake.risk }] : [])],
    },
  ]);
  return toHeader(session.vault.db, getCaseRow(session.vault.db, created!.id)!);
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
  setDocument(ctx, section, null, sectionText(section, data));
  if (section === 'profile' || section === 'experience') refreshListColumns(db, caseId);
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
