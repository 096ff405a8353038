import { AppError } from '../../../shared/errors';
import type { CaseRecord } from '../../../shared/case-file/case';
import { RECORD_SCHEMAS, type RecordData, type RecordKind } from '../../../shared/case-file/records';
import type { Db } from '../db/open';
import { timeOrderedId } from '../db/ids';
import type { Session } from '../users/session';
import { assertVisible } from './access';
import { auditCase, LIST_SOURCE_RECORDS, writeContext, type WriteContext } from './context';
import { recordChanges } from './history';
import { refreshListColumns } from './repository';
import { recordText, setDocument } from './search-index';
import { assertFresh, displayName, stampOf, type Versioned } from './stamps';

/** Services, follow-ups, referrals, notes, risk assessments, consent and clinical records. */
interface RecordRow extends Versioned {
  id: string;
  case_id: string;
  kind: RecordKind;
  data: string;
  created_at: string;
  created_by: string;
}

export function parseRecord<K extends RecordKind>(kind: K, data: unknown): RecordData<K> {
  const parsed = RECORD_SCHEMAS[kind].safeParse(data);
  if (!parsed.success) {
    throw new AppError('BAD_REQUEST', `The ${kind} record is not valid (${parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.code}`).join('; ')}).`);
  }
  return parsed.data as RecordData<K>;
}

function toRecord(db: Db, r: RecordRow): CaseRecord {
  return { id: r.id, kind: r.kind, data: JSON.parse(r.data) as Record<string, unknown>, createdAt: r.created_at, createdBy: displayName(db, r.created_by) ?? '', stamp: stampOf(db, r) };
}

export function listRecords(db: Db, caseId: string): CaseRecord[] {
  return (db.prepare('SELECT * FROM case_records WHERE case_id = ? ORDER BY created_at, id').all(caseId) as RecordRow[]).map((r) => toRecord(db, r));
}

/**
 * Status rule: a referral out needs the person's consent to share with that organisation
 * (a consent record for sharing or referral, naming it, not withdrawn), or a supervisor's
 * recorded override with a reason — which the caller audits when this returns true.
 * `consentOf` finds a consent record of the same case by its id.
 */
export function isConsentOverride(data: RecordData<'referral'>, consentOf: (id: string) => RecordData<'consent'> | null, role: string): boolean {
  if (data.direction !== 'out') return false;
  if (data.consentId) {
    const c = consentOf(data.consentId);
    const names = (a: string, b: string) => a.trim().localeCompare(b.trim(), undefined, { sensitivity: 'base' }) === 0;
    if (c && (c.purpose === 'sharing' || c.purpose === 'referral') && !c.withdrawnOn && names(c.organisation, data.organisation)) return false;
    throw new AppError('CONSENT_REQUIRED', 'The consent chosen does not cover sharing with this organisation (or was withdrawn).');
  }
  if (data.overrideReason && role === 'supervisor') return true;
  throw new AppError('CONSENT_REQUIRED', 'A referral out needs the person’s consent to share with that organisation, or a supervisor’s override with a reason.');
}

function checkReferralConsent(ctx: WriteContext, data: RecordData<'referral'>): void {
  const consentOf = (id: string) => {
    const row = ctx.db.prepare("SELECT data FROM case_records WHERE id = ? AND case_id = ? AND kind = 'consent'").get(id, ctx.caseId) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as RecordData<'consent'>) : null;
  };
  if (isConsentOverride(data, consentOf, ctx.session.role)) auditCase(ctx, 'case.consent_override', { part: 'referral' });
}

export function indexColumns(kind: RecordKind, data: Record<string, unknown>): { track: string | null; dueOn: string | null; doneOn: string | null } {
  return {
    track: kind === 'service' ? (data.track as string) : null,
    dueOn: kind === 'followUp' ? (data.dueOn as string) : null,
    doneOn: kind === 'followUp' ? ((data.doneOn as string | null) ?? null) : null,
  };
}

/** Inside a case write: a record added to a case already written (a new case's records are planned: creation/plan.ts). */
export function addRecordIn<K extends RecordKind>(ctx: WriteContext, kind: K, input: unknown): string {
  const data = parseRecord(kind, input);
  if (kind === 'referral') checkReferralConsent(ctx, data as RecordData<'referral'>);
  const id = timeOrderedId();
  const cols = indexColumns(kind, data as Record<string, unknown>);
  ctx.db
    .prepare(
      `INSERT INTO case_records (id, case_id, kind, data, version, created_at, created_by, updated_at, updated_by, track, due_on, done_on)
       VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(id, ctx.caseId, kind, JSON.stringify(data), ctx.at, ctx.actorId, ctx.at, ctx.actorId, cols.track, cols.dueOn, cols.doneOn);
  recordChanges(ctx, kind, id, null, data as Record<string, unknown>);
  setDocument(ctx, kind, id, recordText(kind, data as Record<string, unknown>));
  if (LIST_SOURCE_RECORDS.has(kind)) refreshListColumns(ctx.db, ctx.caseId);
  auditCase(ctx, 'case.changed', { part: kind, record: 'added' });
  return id;
}

export function addRecord(session: Session, caseId: string, kind: RecordKind, data: unknown): CaseRecord {
  assertVisible(session, caseId);
  const ctx = writeContext(session, caseId);
  const id = ctx.db.transaction(() => addRecordIn(ctx, kind, data))();
  return toRecord(ctx.db, ctx.db.prepare('SELECT * FROM case_records WHERE id = ?').get(id) as RecordRow);
}

export function updateRecord(session: Session, recordId: string, baseVersion: number, input: unknown): CaseRecord {
  const { db } = session.vault;
  const current = db.prepare('SELECT * FROM case_records WHERE id = ?').get(recordId) as RecordRow | undefined;
  if (!current) throw new AppError('NOT_FOUND', 'There is no such record.');
  assertVisible(session, current.case_id);
  const ctx = writeContext(session, current.case_id);
  db.transaction(() => {
    const fresh = db.prepare('SELECT * FROM case_records WHERE id = ?').get(recordId) as RecordRow;
    assertFresh(db, fresh, baseVersion, `${fresh.kind} record`);
    const data = parseRecord(fresh.kind, input);
    if (fresh.kind === 'referral') checkReferralConsent(ctx, data as RecordData<'referral'>);
    const fields = recordChanges(ctx, fresh.kind, recordId, JSON.parse(fresh.data) as Record<string, unknown>, data as Record<string, unknown>);
    if (fields.length === 0) return;
    const cols = indexColumns(fresh.kind, data as Record<string, unknown>);
    db.prepare('UPDATE case_records SET data = ?, version = version + 1, updated_at = ?, updated_by = ?, track = ?, due_on = ?, done_on = ? WHERE id = ?').run(
      JSON.stringify(data),
      ctx.at,
      ctx.actorId,
      cols.track,
      cols.dueOn,
      cols.doneOn,
      recordId,
    );
    setDocument(ctx, fresh.kind, recordId, recordText(fresh.kind, data as Record<string, unknown>));
    if (LIST_SOURCE_RECORDS.has(fresh.kind)) refreshListColumns(db, ctx.caseId);
    auditCase(ctx, 'case.changed', { part: fresh.kind, fields: fields.join(',') });
  })();
  return toRecord(db, db.prepare('SELECT * FROM case_records WHERE id = ?').get(recordId) as RecordRow);
}
