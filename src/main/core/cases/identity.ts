import { AppError } from '../../../shared/errors';
import type { CaseFile } from '../../../shared/case-file/case';
import { identitySchema, type Identity } from '../../../shared/case-file/identity';
import { wipe } from '../crypto/bytes';
import type { Session } from '../users/session';
import { auditCase, type WriteContext } from './context';
import { openIdentity, sealIdentity, unwrapCaseKey } from './case-keys';
import { recordChanges } from './history';
import { sealPhotoAttachment } from './attachments';
import { assertFresh, stampOf, type Versioned } from './stamps';

/** The identity part of a case: sealed with the case key, opened only by its key holders. */
interface IdentityRow extends Versioned {
  sealed: Buffer;
}

function identityRow(ctx: { db: WriteContext['db'] }, caseId: string): IdentityRow | undefined {
  return ctx.db.prepare('SELECT sealed, version, updated_at, updated_by FROM case_identity WHERE case_id = ?').get(caseId) as IdentityRow | undefined;
}

/** The session's copy of the case key, or null when it holds no wrap for this case. */
export function caseKeyOf(session: Session, caseId: string): Uint8Array | null {
  return unwrapCaseKey(session.vault.db, caseId, session.accountId, session.secretKey);
}

function withCaseKey<T>(session: Session, caseId: string, use: (key: Uint8Array) => T): T {
  const key = caseKeyOf(session, caseId);
  if (!key) throw new AppError('IDENTITY_SEALED', 'The identity of this case is sealed: only the people assigned to it and their supervisor can open it.');
  try {
    return use(key);
  } finally {
    wipe(key);
  }
}

/** For the case view: the identity, or `data: null` when it is sealed from this session. */
export function readIdentity(session: Session, caseId: string): CaseFile['identity'] {
  const { db } = session.vault;
  const row = identityRow({ db }, caseId);
  const key = caseKeyOf(session, caseId);
  if (!key) return { data: null, stamp: stampOf(db, row) };
  try {
    return { data: identitySchema.parse(row ? openIdentity(key, caseId, row.sealed) : {}), stamp: stampOf(db, row) };
  } finally {
    wipe(key);
  }
}

/** Inside a write, as the session (it needs its wrap of the case key): the identity, checked against `baseVersion`, sealed with the case key. */
export function writeIdentity(ctx: WriteContext, data: Identity, baseVersion: number): void {
  withCaseKey(ctx.session, ctx.caseId, (caseKey) => {
    const { db, caseId } = ctx;
    const current = identityRow(ctx, caseId);
    assertFresh(db, current, baseVersion, 'identity section');
    const before = current ? (openIdentity(caseKey, caseId, current.sealed) as Record<string, unknown>) : null;
    // Field names only: identity values never go into the history.
    const fields = recordChanges(ctx, 'identity', null, before, data, { sealed: true });
    if (current && fields.length === 0) return;
    db.prepare(
      `INSERT INTO case_identity (case_id, sealed, version, updated_at, updated_by) VALUES (?, ?, 1, ?, ?)
       ON CONFLICT (case_id) DO UPDATE SET sealed = excluded.sealed, version = version + 1, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    ).run(caseId, sealIdentity(caseKey, caseId, data), ctx.at, ctx.actorId);
    if (data.photoAttachmentId) sealPhotoAttachment(db, caseKey, caseId, data.photoAttachmentId);
    auditCase(ctx, 'case.changed', { part: 'identity', fields: fields.join(',') });
  });
}
