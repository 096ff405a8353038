import { AppError } from '../../../shared/errors';
import { open as aeadOpen, seal as aeadSeal, NONCE_BYTES } from '../crypto/aead';
import { concatBytes, randomBytes, utf8, wipe } from '../crypto/bytes';
import { createSealer, openSealed, type Sealer } from '../crypto/sealed-box';
import type { Db } from '../db/open';

/**
 * Sealed identity (DESIGN.md §3): each case has a random case key; the identity part is
 * encrypted with it, and the key is wrapped (X25519 sealed box) to every account allowed to see
 * it — the assigned caseworkers and the case's supervisor — and to the vault's recovery key.
 * Someone with the database open but without a wrap for them cannot read the identity.
 */
export const RECOVERY_HOLDER = 'recovery';

const wrapContext = (caseId: string) => `amparo/case-key/v1/${caseId}`;
const identityContext = (caseId: string) => utf8(`amparo/identity/v1/${caseId}`);

export interface KeyHolder {
  id: string;
  publicKey: Uint8Array;
}

export function newCaseKey(): Uint8Array {
  return randomBytes(32);
}

/** Who must hold the key of a case: its active assigned accounts and its supervisor. */
export function keyHolders(db: Db, caseId: string): KeyHolder[] {
  const rows = db
    .prepare(
      `SELECT a.id, a.public_key FROM accounts a
       WHERE a.disabled_at IS NULL AND (
         a.id IN (SELECT account_id FROM case_assignments WHERE case_id = ?)
         OR a.id = (SELECT supervisor_id FROM cases WHERE id = ?))
       ORDER BY a.id`,
    )
    .all(caseId, caseId) as { id: string; public_key: Buffer }[];
  return rows.map((r) => ({ id: r.id, publicKey: new Uint8Array(r.public_key) }));
}

/**
 * Makes the wraps of a case exactly: its key holders and the recovery key. Existing wraps of
 * holders are kept; missing ones are made from `caseKey`; wraps of anyone else are removed
 * (what they already saw cannot be unseen, but they can no longer open it).
 */
export function syncWraps(
  db: Db,
  caseId: string,
  caseKey: Uint8Array,
  recoveryPublicKey: Uint8Array,
  sealer?: Sealer,
  /** `keyHolders(db, caseId)`, when the caller already knows them (a batch of new cases by one person). */
  knownHolders?: KeyHolder[],
): { added: string[]; removed: string[] } {
  const holders = [...(knownHolders ?? keyHolders(db, caseId)), { id: RECOVERY_HOLDER, publicKey: recoveryPublicKey }];
  const existing = new Set((db.prepare('SELECT recipient FROM case_keys WHERE case_id = ?').all(caseId) as { recipient: string }[]).map((r) => r.recipient));
  const wanted = new Set(holders.map((h) => h.id));
  const removed = [...existing].filter((id) => !wanted.has(id));
  const remove = db.prepare('DELETE FROM case_keys WHERE case_id = ? AND recipient = ?');
  for (const id of removed) remove.run(caseId, id);
  const missing = holders.filter((h) => !existing.has(h.id));
  if (missing.length) {
    const own = sealer ?? createSealer();
    try {
      const insert = db.prepare('INSERT INTO case_keys (case_id, recipient, wrapped) VALUES (?, ?, ?)');
      for (const h of missing) insert.run(caseId, h.id, wrapCaseKey(own, h.publicKey, caseKey, caseId));
    } finally {
      if (!sealer) own.dispose();
    }
  }
  return { added: missing.map((h) => h.id).filter((id) => id !== RECOVERY_HOLDER), removed };
}

/** The case key sealed to one holder's public key (its context names the case). */
export function wrapCaseKey(sealer: Sealer, publicKey: Uint8Array, caseKey: Uint8Array, caseId: string): Uint8Array {
  return sealer.seal(publicKey, caseKey, wrapContext(caseId));
}

/** The case key as `holder` (an account id, or RECOVERY_HOLDER) opens it; null without a wrap. */
export function unwrapCaseKey(db: Db, caseId: string, holder: string, secretKey: Uint8Array): Uint8Array | null {
  const row = db.prepare('SELECT wrapped FROM case_keys WHERE case_id = ? AND recipient = ?').get(caseId, holder) as { wrapped: Buffer } | undefined;
  if (!row) return null;
  try {
    return openSealed(secretKey, new Uint8Array(row.wrapped), wrapContext(caseId));
  } catch {
    throw new AppError('KEYRING_TAMPERED', 'The key of this case could not be opened; it may have been altered.');
  }
}

/** Removes every wrap of an account (it was disabled). */
export function removeWrapsOf(db: Db, accountId: string): number {
  return db.prepare('DELETE FROM case_keys WHERE recipient = ?').run(accountId).changes;
}

/**
 * With the recovery secret key: gives `accountId` back the wraps of every case it holds the key
 * of by assignment or supervision (after a disabled account is re-enabled). Returns how many.
 */
export function restoreWraps(db: Db, accountId: string, recoverySecretKey: Uint8Array, recoveryPublicKey: Uint8Array): number {
  const cases = db
    .prepare(
      `SELECT c.id FROM cases c WHERE (c.id IN (SELECT case_id FROM case_assignments WHERE account_id = ?) OR c.supervisor_id = ?)
       AND NOT EXISTS (SELECT 1 FROM case_keys k WHERE k.case_id = c.id AND k.recipient = ?)`,
    )
    .all(accountId, accountId, accountId) as { id: string }[];
  const sealer = createSealer();
  let restored = 0;
  try {
    for (const { id } of cases) {
      const caseKey = unwrapCaseKey(db, id, RECOVERY_HOLDER, recoverySecretKey);
      if (!caseKey) continue;
      restored += syncWraps(db, id, caseKey, recoveryPublicKey, sealer).added.includes(accountId) ? 1 : 0;
      wipe(caseKey);
    }
  } finally {
    sealer.dispose();
  }
  return restored;
}

/** Layout: nonce (12) | ciphertext+tag. The context names the case (and the item), so a sealed value cannot be moved. */
function sealWith(caseKey: Uint8Array, context: Uint8Array, plaintext: Uint8Array): Buffer {
  const { nonce, ciphertext } = aeadSeal(caseKey, plaintext, context);
  return Buffer.from(concatBytes(nonce, ciphertext));
}

function openWith(caseKey: Uint8Array, context: Uint8Array, sealed: Uint8Array): Uint8Array {
  try {
    return aeadOpen(caseKey, sealed.subarray(0, NONCE_BYTES), sealed.subarray(NONCE_BYTES), context);
  } catch {
    throw new AppError('DATABASE_CORRUPT', 'A sealed part of this case could not be opened; it may have been altered.');
  }
}

export function sealIdentity(caseKey: Uint8Array, caseId: string, data: unknown): Buffer {
  const plaintext = utf8(JSON.stringify(data));
  try {
    return sealWith(caseKey, identityContext(caseId), plaintext);
  } finally {
    wipe(plaintext);
  }
}

export function openIdentity(caseKey: Uint8Array, caseId: string, sealed: Uint8Array): unknown {
  return JSON.parse(new TextDecoder().decode(openWith(caseKey, identityContext(caseId), sealed))) as unknown;
}

/** The identity photo is an attachment sealed with the case key: its bytes and its file name. */
const photoContext = (caseId: string, attachmentId: string) => utf8(`amparo/photo/v1/${caseId}/${attachmentId}`);

export function sealPhoto(caseKey: Uint8Array, caseId: string, attachmentId: string, file: { name: string; bytes: Uint8Array }): Buffer {
  const name = utf8(file.name);
  const header = new Uint8Array(4);
  new DataView(header.buffer).setUint32(0, name.length);
  return sealWith(caseKey, photoContext(caseId, attachmentId), concatBytes(header, name, file.bytes));
}

export function openPhoto(caseKey: Uint8Array, caseId: string, attachmentId: string, sealed: Uint8Array): { name: string; bytes: Uint8Array } {
  const plain = openWith(caseKey, photoContext(caseId, attachmentId), sealed);
  const length = new DataView(plain.buffer, plain.byteOffset, 4).getUint32(0);
  return { name: new TextDecoder().decode(plain.subarray(4, 4 + length)), bytes: plain.subarray(4 + length) };
}
