import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { CaseHeader } from '../../../shared/case-file/case';
import type { Db } from '../db/open';
import type { Session } from '../users/session';
import { assertVisible } from './access';
import { auditCase, writeContext } from './context';
import { displayName } from './stamps';
import { openPhoto, sealPhoto } from './case-keys';
import { caseKeyOf, readIdentity } from './identity';
import { wipe } from '../crypto/bytes';
import { appendAudit } from '../audit/chain';
import { syncDirectory } from '../fs/atomic-write';
import { recordChanges } from './history';
import { getCaseRow, toHeader } from './repository';
import { assertFresh } from './stamps';

/** Documents and photos, stored encrypted inside the vault; never written anywhere else. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/** Only these are shown inline; everything else is stored but not rendered. */
export function sniffMime(bytes: Uint8Array): string {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return 'image/webp';
  return 'application/octet-stream';
}

interface AttachmentRow {
  id: string;
  case_id: string;
  name: string;
  mime: string;
  size: number;
  added_at: string;
  added_by: string;
}

export function listAttachments(db: Db, caseId: string) {
  return (db.prepare('SELECT id, case_id, name, mime, size, added_at, added_by FROM attachments WHERE case_id = ? ORDER BY added_at').all(caseId) as AttachmentRow[]).map((r) => ({
    id: r.id,
    name: r.name,
    mime: r.mime,
    size: r.size,
    addedAt: r.added_at,
    addedBy: displayName(db, r.added_by) ?? '',
  }));
}

export function addAttachment(session: Session, caseId: string, file: { name: string; bytes: Uint8Array }) {
  assertVisible(session, caseId);
  if (file.bytes.byteLength > MAX_ATTACHMENT_BYTES) {
    throw new AppError('ATTACHMENT_TOO_LARGE', `An attachment can be at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB; nothing was added.`);
  }
  const ctx = writeContext(session, caseId);
  const id = randomUUID();
  const name = file.name.replace(/[\\/]/g, '_').slice(0, 200) || 'attachment';
  ctx.db.transaction(() => {
    ctx.db
      .prepare('INSERT INTO attachments (id, case_id, name, mime, size, sha256, data, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, caseId, name, sniffMime(file.bytes), file.bytes.byteLength, createHash('sha256').update(file.bytes).digest('hex'), Buffer.from(file.bytes), ctx.at, ctx.actorId);
    auditCase(ctx, 'case.changed', { part: 'attachment', record: 'added' });
  })();
  return listAttachments(ctx.db, caseId).find((a) => a.id === id)!;
}

/** The bytes, from memory, for the app's own scheme; a sealed photo only for its key holders. */
export function readAttachment(session: Session, attachmentId: string): { mime: string; bytes: Buffer } {
  const row = session.vault.db.prepare('SELECT case_id, mime, data, sealed FROM attachments WHERE id = ?').get(attachmentId) as
    | { case_id: string; mime: string; data: Buffer; sealed: 0 | 1 }
    | undefined;
  if (!row) throw new AppError('NOT_FOUND', 'There is no such attachment.');
  assertVisible(session, row.case_id);
  if (!row.sealed) return { mime: row.mime, bytes: row.data };
  const caseKey = caseKeyOf(session, row.case_id);
  if (!caseKey) throw new AppError('IDENTITY_SEALED', 'This photo is part of the sealed identity of the case.');
  try {
    return { mime: row.mime, bytes: Buffer.from(openPhoto(caseKey, row.case_id, attachmentId, row.data).bytes) };
  } finally {
    wipe(caseKey);
  }
}

/**
 * Chosen as the identity photo: the attachment is sealed with the case key (bytes and name; its
 * listed name becomes "photo"), and stays sealed even if another photo is chosen later.
 */
export function sealPhotoAttachment(db: Db, caseKey: Uint8Array, caseId: string, attachmentId: string): void {
  const row = db.prepare('SELECT name, data, sealed FROM attachments WHERE id = ? AND case_id = ?').get(attachmentId, caseId) as
    | { name: string; data: Buffer; sealed: 0 | 1 }
    | undefined;
  if (!row) throw new AppError('BAD_REQUEST', 'The photo must be an attachment of the same case.');
  if (row.sealed) return;
  const sealed = sealPhoto(caseKey, caseId, attachmentId, { name: row.name, bytes: row.data });
  db.prepare("UPDATE attachments SET name = 'photo', data = ?, sha256 = ?, sealed = 1 WHERE id = ?").run(sealed, createHash('sha256').update(sealed).digest('hex'), attachmentId);
}

/** The attachment's row (not its bytes), for a caller who may see its case; NOT_FOUND otherwise. */
function attachmentRow(session: Session, attachmentId: string) {
  const row = session.vault.db.prepare('SELECT case_id, name, mime, size, sealed FROM attachments WHERE id = ?').get(attachmentId) as
    | { case_id: string; name: string; mime: string; size: number; sealed: 0 | 1 }
    | undefined;
  if (!row) throw new AppError('NOT_FOUND', 'There is no such attachment.');
  assertVisible(session, row.case_id);
  return row;
}

const EXTENSIONS: Readonly<Record<string, string>> = { 'image/png': '.png', 'image/jpeg': '.jpg', 'image/gif': '.gif', 'image/webp': '.webp', 'application/pdf': '.pdf' };

/** The save dialog's suggestion: the listed name (a sealed photo: "photo"), with its type's extension. */
export function suggestedCopyName(name: string, mime: string): string {
  const base = name.replace(/[\\/]/g, '_') || 'attachment';
  const ext = EXTENSIONS[mime];
  return ext && path.extname(base).toLowerCase() !== ext && !(ext === '.jpg' && path.extname(base).toLowerCase() === '.jpeg') ? `${base}${ext}` : base;
}

/**
 * "Save a copy…": the person chooses where in the main process's save dialog (the renderer never
 * sees the path), and the main process writes the bytes there itself. The copy is NOT encrypted
 * (the renderer says so before the dialog opens): it is the one plaintext Amparo ever writes, and
 * only where the person chose. Checked before the dialog (a case the caller cannot see does not
 * exist for them; a sealed photo needs the case key), read again after it (the vault may have
 * locked meanwhile), audited as `case.attachment_exported` with its type and size, never its name,
 * content or the path. Null when the dialog was cancelled.
 */
export async function saveAttachmentCopy(session: Session, attachmentId: string, choosePath: (suggestedName: string) => Promise<string | null>): Promise<{ bytes: number } | null> {
  const row = attachmentRow(session, attachmentId);
  if (row.sealed) {
    const key = caseKeyOf(session, row.case_id);
    if (!key) throw new AppError('IDENTITY_SEALED', 'This photo is part of the sealed identity of the case.');
    wipe(key);
  }
  const target = await choosePath(suggestedCopyName(row.name, row.mime));
  if (!target) return null;
  if (!session.vault.db.open) throw new AppError('NOT_SIGNED_IN', 'Amparo locked while the file was being chosen; nothing was saved.');
  const { bytes } = readAttachment(session, attachmentId);
  writeCopy(target, bytes);
  try {
    const { db } = session.vault;
    const at = session.vault.location.now().toISOString();
    db.transaction(() => appendAudit(db, { at, actorId: session.accountId, action: 'case.attachment_exported', target: row.case_id, detail: { kind: row.mime, bytes: bytes.byteLength } }))();
  } catch (error) {
    // A copy the trail does not record must not stay on disk.
    fs.rmSync(target, { force: true });
    throw error;
  }
  return { bytes: bytes.byteLength };
}

/** Written whole or not at all: a failed write (a full disk) leaves no partial copy behind. */
function writeCopy(target: string, bytes: Uint8Array): void {
  const fd = fs.openSync(target, 'w', 0o600);
  try {
    try {
      fs.writeFileSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    fs.rmSync(target, { force: true });
    throw error;
  }
  syncDirectory(path.dirname(target));
}

/**
 * Deletes an attachment, by the people who may see the case (its caseworkers, their supervisor),
 * with a reason. Versioned like the case's other writes: it names the case version it was based
 * on (STALE_WRITE otherwise) and makes a new one. The field history (inside the vault, seen by
 * the people on the case) keeps the file's name and the reason; the audit entry only its type and
 * size. The bytes leave the database: the row is deleted with secure_delete on (its pages are
 * zeroed) and the write-ahead log is checkpointed and emptied, so no older frame keeps them.
 * The identity photo in use cannot be deleted (choose another one first).
 */
export function deleteAttachment(session: Session, input: { caseId: string; attachmentId: string; version: number; reason: string }): CaseHeader {
  const row = attachmentRow(session, input.attachmentId);
  if (row.case_id !== input.caseId) throw new AppError('NOT_FOUND', 'There is no such attachment.');
  if (row.sealed) {
    const identity = readIdentity(session, input.caseId).data;
    if (!identity) throw new AppError('IDENTITY_SEALED', 'This photo is part of the sealed identity of the case.');
    if (identity.photoAttachmentId === input.attachmentId) throw new AppError('BAD_REQUEST', 'This is the photo of the identity section: choose another one (or none) there first.');
  }
  const ctx = writeContext(session, input.caseId);
  const { db } = ctx;
  db.transaction(() => {
    assertFresh(db, getCaseRow(db, input.caseId), input.version, 'case');
    db.prepare('DELETE FROM attachments WHERE id = ?').run(input.attachmentId);
    db.prepare('UPDATE cases SET version = version + 1 WHERE id = ?').run(input.caseId);
    recordChanges(ctx, 'attachment', input.attachmentId, { name: row.name }, { deletionReason: input.reason });
    auditCase(ctx, 'case.changed', { part: 'attachment', record: 'deleted', kind: row.mime, bytes: row.size });
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  return toHeader(db, getCaseRow(db, input.caseId)!);
}
