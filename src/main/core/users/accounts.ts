import type { Account, SessionInfo } from '../../../shared/schemas';
import type { Role } from '../../../shared/roles';
import type { Db } from '../db/open';

/** The accounts table, typed. Identity of staff lives only inside the encrypted database. */
interface AccountRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  public_key: Buffer;
  escrowed_secret_key: Buffer;
  slot_id: string | null;
  must_change_passphrase: 0 | 1;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
  team_id: string | null;
}

export interface AccountRecord extends Account {
  publicKey: Uint8Array;
  escrowedSecretKey: Uint8Array;
  slotId: string | null;
}

function fromRow(r: AccountRow): AccountRecord {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    mustChangePassphrase: r.must_change_passphrase === 1,
    disabled: r.disabled_at !== null,
    createdAt: r.created_at,
    lastLoginAt: r.last_login_at,
    teamId: r.team_id,
    publicKey: new Uint8Array(r.public_key),
    escrowedSecretKey: new Uint8Array(r.escrowed_secret_key),
    slotId: r.slot_id,
  };
}

export function toAccount(r: AccountRecord): Account {
  return {
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    role: r.role,
    mustChangePassphrase: r.mustChangePassphrase,
    disabled: r.disabled,
    createdAt: r.createdAt,
    lastLoginAt: r.lastLoginAt,
    teamId: r.teamId,
  };
}

export function toSessionInfo(r: AccountRecord): SessionInfo {
  return { accountId: r.id, username: r.username, displayName: r.displayName, role: r.role, mustChangePassphrase: r.mustChangePassphrase };
}

export function findById(db: Db, id: string): AccountRecord | null {
  const row = db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as AccountRow | undefined;
  return row ? fromRow(row) : null;
}

export function findByUsername(db: Db, username: string): AccountRecord | null {
  const row = db.prepare('SELECT * FROM accounts WHERE username = ?').get(username) as AccountRow | undefined;
  return row ? fromRow(row) : null;
}

export function listAccounts(db: Db): AccountRecord[] {
  return (db.prepare('SELECT * FROM accounts ORDER BY display_name COLLATE NOCASE').all() as AccountRow[]).map(fromRow);
}

export function insertAccount(
  db: Db,
  a: { id: string; username: string; displayName: string; role: Role; publicKey: Uint8Array; escrowedSecretKey: Uint8Array; slotId: string; mustChangePassphrase: boolean; at: string },
): void {
  db.prepare(
    `INSERT INTO accounts (id, username, display_name, role, public_key, escrowed_secret_key, slot_id, must_change_passphrase, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(a.id, a.username, a.displayName, a.role, Buffer.from(a.publicKey), Buffer.from(a.escrowedSecretKey), a.slotId, a.mustChangePassphrase ? 1 : 0, a.at, a.at);
}

export function updateSlot(db: Db, id: string, slotId: string | null, mustChangePassphrase: boolean, at: string): void {
  db.prepare('UPDATE accounts SET slot_id = ?, must_change_passphrase = ?, disabled_at = NULL, updated_at = ? WHERE id = ?').run(
    slotId,
    mustChangePassphrase ? 1 : 0,
    at,
    id,
  );
}

export function markDisabled(db: Db, id: string, at: string): void {
  db.prepare('UPDATE accounts SET slot_id = NULL, disabled_at = ?, updated_at = ? WHERE id = ?').run(at, at, id);
}

export function recordLogin(db: Db, id: string, at: string): void {
  db.prepare('UPDATE accounts SET last_login_at = ? WHERE id = ?').run(at, id);
}
