import { createHash, randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { Db } from '../db/open';
import type { Session } from '../users/session';
import { assertVisible } from './access';
import { auditCase, writeContext } from './context';
import { displayName } from './stamps';
import { openPhoto, sealPhoto } from './case-keys';
import { caseKeyOf } from './identity';
import { wipe } from '../crypto/bytes';

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
