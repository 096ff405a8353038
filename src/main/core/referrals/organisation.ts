import { sha256 } from '@noble/hashes/sha2.js';
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { AppError } from '../../../shared/errors';
import { organisationNameSchema, type OrganisationKeyFile, type OurOrganisation } from '../../../shared/referrals';
import { appendAudit } from '../audit/chain';
import { concatBytes, toBase64, toHex, utf8, wipe } from '../crypto/bytes';
import type { Db } from '../db/open';
import { readFlag, writeFlag } from '../settings/settings';
import { writeFileAtomic } from '../fs/atomic-write';
import type { Session } from '../users/session';

/**
 * The organisation this vault belongs to (issue 6 §2): its name (a setting) and its key pair —
 * X25519 to receive packages, Ed25519 to sign the ones it sends. The secret halves live in
 * `vault_secrets`, inside the encrypted database; they are made on first use.
 */
const NAME_FLAG = 'organisation-name';
const ENCRYPTION_SECRET = 'organisation-x25519-secret';
const SIGNING_SECRET = 'organisation-ed25519-secret';

export interface OrganisationPublicKeys {
  encryptionKey: Uint8Array;
  signingKey: Uint8Array;
}

/** SHA-256 over both public keys (domain-separated), first 128 bits, uppercase hex. */
export function fingerprintOf(keys: OrganisationPublicKeys): string {
  const digest = sha256(concatBytes(utf8('amparo-organisation-key/v1\n'), keys.encryptionKey, keys.signingKey));
  return toHex(digest.subarray(0, 16)).toUpperCase();
}

export function readOrganisationName(db: Db): string {
  return readFlag(db, NAME_FLAG) ?? '';
}

export function setOrganisationName(session: Session, name: string): OurOrganisation {
  const parsed = organisationNameSchema.parse(name);
  const { db } = session.vault;
  const at = session.vault.location.now().toISOString();
  db.transaction(() => {
    writeFlag(db, NAME_FLAG, parsed);
    appendAudit(db, { at, actorId: session.accountId, action: 'organisation.name_changed' });
  })();
  return ourOrganisation(session);
}

function readSecret(db: Db, name: string): Uint8Array | null {
  const row = db.prepare('SELECT value FROM vault_secrets WHERE name = ?').get(name) as { value: Buffer } | undefined;
  if (!row) return null;
  const out = new Uint8Array(row.value);
  row.value.fill(0);
  return out;
}

/** Makes the key pair if this vault has none yet (in one transaction, audited). */
function ensureKeys(session: Session): void {
  const { db } = session.vault;
  if (db.prepare('SELECT 1 FROM vault_secrets WHERE name = ?').get(SIGNING_SECRET)) return;
  const encryption = x25519.utils.randomSecretKey();
  const signing = ed25519.utils.randomSecretKey();
  const at = session.vault.location.now().toISOString();
  try {
    db.transaction(() => {
      if (db.prepare('SELECT 1 FROM vault_secrets WHERE name = ?').get(SIGNING_SECRET)) return;
      const insert = db.prepare('INSERT INTO vault_secrets (name, value) VALUES (?, ?)');
      insert.run(ENCRYPTION_SECRET, Buffer.from(encryption));
      insert.run(SIGNING_SECRET, Buffer.from(signing));
      const fingerprint = fingerprintOf({ encryptionKey: x25519.getPublicKey(encryption), signingKey: ed25519.getPublicKey(signing) });
      appendAudit(db, { at, actorId: session.accountId, action: 'organisation.key_created', detail: { fingerprint } });
    })();
  } finally {
    wipe(encryption, signing);
  }
}

/** The secret halves, for one use: the caller wipes them. */
export function organisationSecrets(session: Session): { encryption: Uint8Array; signing: Uint8Array } {
  ensureKeys(session);
  const encryption = readSecret(session.vault.db, ENCRYPTION_SECRET);
  const signing = readSecret(session.vault.db, SIGNING_SECRET);
  if (!encryption || !signing) throw new AppError('INTERNAL', 'The organisation key could not be read.');
  return { encryption, signing };
}

export function organisationPublicKeys(session: Session): OrganisationPublicKeys {
  const { encryption, signing } = organisationSecrets(session);
  try {
    return { encryptionKey: x25519.getPublicKey(encryption), signingKey: ed25519.getPublicKey(signing) };
  } finally {
    wipe(encryption, signing);
  }
}

export function ourOrganisation(session: Session): OurOrganisation {
  return { name: readOrganisationName(session.vault.db), fingerprint: fingerprintOf(organisationPublicKeys(session)) };
}

/** The public key file for partners (JSON): our name, both public keys and their fingerprint. */
export function organisationKeyFile(session: Session): OrganisationKeyFile {
  const name = readOrganisationName(session.vault.db);
  if (!name) throw new AppError('ORGANISATION_NAME_REQUIRED', 'Give the organisation its name in Settings before sharing its key.');
  const keys = organisationPublicKeys(session);
  return {
    format: 'amparo-organisation-key',
    version: 1,
    organisation: name,
    encryptionKey: toBase64(keys.encryptionKey),
    signingKey: toBase64(keys.signingKey),
    fingerprint: fingerprintOf(keys),
  };
}

/** `Casa Amparo.amparo-key` → a file name with no path characters. */
export function keyFileName(name: string): string {
  const safe = name.replace(/[^\p{L}\p{N} ._-]+/gu, '').trim().slice(0, 60) || 'organisation';
  return `${safe}.amparo-key`;
}

/**
 * Writes our public key file where the administrator chose (channel `organisation.exportKey`):
 * public keys only, so no secret leaves; the export is audited. Null when cancelled.
 */
export async function exportOrganisationKey(session: Session, choosePath: (suggestedName: string) => Promise<string | null>): Promise<{ fingerprint: string } | null> {
  const file = organisationKeyFile(session);
  const target = await choosePath(keyFileName(file.organisation));
  if (!target) return null;
  if (!session.vault.isOpen) throw new AppError('NOT_SIGNED_IN', 'Amparo locked while the file was being chosen; nothing was exported.');
  const { db } = session.vault;
  const at = session.vault.location.now().toISOString();
  db.transaction(() => {
    appendAudit(db, { at, actorId: session.accountId, action: 'organisation.key_exported', detail: { fingerprint: file.fingerprint } });
    writeFileAtomic(target, `${JSON.stringify(file, null, 2)}\n`);
  })();
  return { fingerprint: file.fingerprint };
}
