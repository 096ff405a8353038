import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { AppError } from '../../../shared/errors';
import { organisationKeyFileSchema, partnerAddSchema, type KeyFilePreview, type Partner } from '../../../shared/referrals';
import { appendAudit } from '../audit/chain';
import { fromBase64, toBase64 } from '../crypto/bytes';
import type { Db } from '../db/open';
import { timeOrderedId } from '../db/ids';
import type { Session } from '../users/session';
import { fingerprintOf, organisationPublicKeys, type OrganisationPublicKeys } from './organisation';
import type { z } from 'zod';

/** The directory of partner organisations: whose packages we accept, to whom we may send. */
interface PartnerRow {
  id: string;
  name: string;
  encryption_key: Buffer;
  signing_key: Buffer;
  fingerprint: string;
  added_at: string;
  added_by: string | null;
}

export interface PartnerKeys extends OrganisationPublicKeys {
  id: string;
  name: string;
  fingerprint: string;
}

/** Bigger than any key file; a larger file is not read. */
export const MAX_KEY_FILE_BYTES = 16 * 1024;

function toPartner(db: Db, r: PartnerRow): Partner {
  const by = r.added_by ? (db.prepare('SELECT display_name FROM accounts WHERE id = ?').get(r.added_by) as { display_name: string } | undefined) : undefined;
  return { id: r.id, name: r.name, fingerprint: r.fingerprint, addedAt: r.added_at, addedBy: by?.display_name ?? null };
}

function toKeys(r: PartnerRow): PartnerKeys {
  return { id: r.id, name: r.name, fingerprint: r.fingerprint, encryptionKey: new Uint8Array(r.encryption_key), signingKey: new Uint8Array(r.signing_key) };
}

export function listPartners(db: Db): Partner[] {
  return (db.prepare('SELECT * FROM partner_organisations ORDER BY name COLLATE NOCASE, added_at').all() as PartnerRow[]).map((r) => toPartner(db, r));
}

export function partnerById(db: Db, id: string): PartnerKeys | null {
  const row = db.prepare('SELECT * FROM partner_organisations WHERE id = ?').get(id) as PartnerRow | undefined;
  return row ? toKeys(row) : null;
}

export function partnerByFingerprint(db: Db, fingerprint: string): PartnerKeys | null {
  const row = db.prepare('SELECT * FROM partner_organisations WHERE fingerprint = ?').get(fingerprint) as PartnerRow | undefined;
  return row ? toKeys(row) : null;
}

/** A valid X25519 and Ed25519 public key each (a point that decodes), or the file is refused. */
function checkKeys(encryptionKey: Uint8Array, signingKey: Uint8Array): void {
  try {
    if (encryptionKey.length !== 32 || signingKey.length !== 32) throw new Error('length');
    if (encryptionKey.every((b) => b === 0)) throw new Error('zero');
    ed25519.Point.fromBytes(signingKey);
    // A shared secret with a throwaway key: throws for low-order points.
    x25519.getSharedSecret(x25519.utils.randomSecretKey(), encryptionKey);
  } catch {
    throw new AppError('PARTNER_KEY_INVALID', 'This is not a valid organisation key file.');
  }
}

/** Reads a partner's key file (the bytes the main process's dialog returned): nothing is stored yet. */
export function readKeyFile(session: Session, bytes: Uint8Array): KeyFilePreview {
  if (bytes.length > MAX_KEY_FILE_BYTES) throw new AppError('PARTNER_KEY_INVALID', 'This is not a valid organisation key file.');
  let parsed: ReturnType<typeof organisationKeyFileSchema.parse>;
  try {
    parsed = organisationKeyFileSchema.parse(JSON.parse(Buffer.from(bytes).toString('utf8')));
  } catch {
    throw new AppError('PARTNER_KEY_INVALID', 'This is not a valid organisation key file.');
  }
  const keys = { encryptionKey: fromBase64(parsed.encryptionKey), signingKey: fromBase64(parsed.signingKey) };
  checkKeys(keys.encryptionKey, keys.signingKey);
  const fingerprint = fingerprintOf(keys);
  // The fingerprint written in the file must be that of its keys: a damaged file says so.
  if (fingerprint !== parsed.fingerprint) throw new AppError('PARTNER_KEY_INVALID', 'The fingerprint in this key file does not match its keys.');
  if (fingerprint === fingerprintOf(organisationPublicKeys(session))) throw new AppError('PARTNER_KEY_INVALID', 'This is our own organisation’s key.');
  const known = partnerByFingerprint(session.vault.db, fingerprint);
  return { organisation: parsed.organisation, encryptionKey: parsed.encryptionKey, signingKey: parsed.signingKey, fingerprint, knownAs: known?.name ?? null };
}

/** After the administrator compared the fingerprint by phone: the partner joins the directory. */
export function addPartner(session: Session, input: z.input<typeof partnerAddSchema>): Partner {
  const data = partnerAddSchema.parse(input);
  const keys = { encryptionKey: fromBase64(data.encryptionKey), signingKey: fromBase64(data.signingKey) };
  checkKeys(keys.encryptionKey, keys.signingKey);
  const fingerprint = fingerprintOf(keys);
  if (fingerprint !== data.fingerprint) throw new AppError('PARTNER_KEY_INVALID', 'The fingerprint does not match these keys.');
  if (toBase64(keys.encryptionKey) !== data.encryptionKey || toBase64(keys.signingKey) !== data.signingKey) throw new AppError('PARTNER_KEY_INVALID', 'This is not a valid organisation key.');
  const { db } = session.vault;
  const id = timeOrderedId();
  const at = session.vault.location.now().toISOString();
  db.transaction(() => {
    if (partnerByFingerprint(db, fingerprint)) throw new AppError('PARTNER_EXISTS', 'This organisation’s key is already in the directory.');
    if (db.prepare('SELECT 1 FROM partner_organisations WHERE name = ? COLLATE NOCASE').get(data.name)) {
      throw new AppError('PARTNER_EXISTS', 'A partner organisation with this name is already in the directory.');
    }
    db.prepare('INSERT INTO partner_organisations (id, name, encryption_key, signing_key, fingerprint, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      id,
      data.name,
      Buffer.from(keys.encryptionKey),
      Buffer.from(keys.signingKey),
      fingerprint,
      at,
      session.accountId,
    );
    appendAudit(db, { at, actorId: session.accountId, action: 'partner.added', target: id, detail: { fingerprint } });
  })();
  return toPartner(db, db.prepare('SELECT * FROM partner_organisations WHERE id = ?').get(id) as PartnerRow);
}

export function removePartner(session: Session, id: string): void {
  const { db } = session.vault;
  const at = session.vault.location.now().toISOString();
  db.transaction(() => {
    const row = db.prepare('SELECT fingerprint FROM partner_organisations WHERE id = ?').get(id) as { fingerprint: string } | undefined;
    if (!row) throw new AppError('NOT_FOUND', 'There is no such partner organisation.');
    db.prepare('DELETE FROM partner_organisations WHERE id = ?').run(id);
    appendAudit(db, { at, actorId: session.accountId, action: 'partner.removed', target: id, detail: { fingerprint: row.fingerprint } });
  })();
}
