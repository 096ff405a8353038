import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { Role } from '../../../shared/roles';
import type { Account } from '../../../shared/schemas';
import { appendAudit } from '../audit/chain';
import { wipe } from '../crypto/bytes';
import { generateKeyPair } from '../crypto/sealed-box';
import { openAccountSlot } from '../vault/keyslots';
import type { UnlockedVault } from '../vault/vault';
import { findById, findByUsername, insertAccount, listAccounts, markDisabled, toAccount, toSessionInfo, updateSlot, type AccountRecord } from './accounts';
import { escrowSecretKey, recoverSecretKey } from './escrow';
import { removeWrapsOf, restoreWraps } from '../cases/case-keys';
import { checkPassphrase } from './passphrase-policy';
import type { Session } from './session';

/** Account management: what an administrator does, and what anyone does with their own passphrase. */
const nowIso = (vault: UnlockedVault) => vault.location.now().toISOString();

export function getAccount(vault: UnlockedVault, id: string): AccountRecord {
  const account = findById(vault.db, id);
  if (!account) throw new AppError('NOT_FOUND', 'There is no such account.');
  return account;
}

export function listAll(vault: UnlockedVault): Account[] {
  return listAccounts(vault.db).map(toAccount);
}

export async function createAccount(
  session: Session,
  input: { username: string; displayName: string; role: Role; initialPassphrase: string; teamId?: string | null },
): Promise<Account> {
  const { vault } = session;
  if (findByUsername(vault.db, input.username)) throw new AppError('USERNAME_TAKEN', 'This username is already in use.');
  if (input.teamId && input.role !== 'caseworker') throw new AppError('BAD_REQUEST', 'Only caseworkers are members of a team; supervisors lead one.');
  if (input.teamId && !vault.db.prepare('SELECT 1 FROM teams WHERE id = ?').get(input.teamId)) throw new AppError('NOT_FOUND', 'There is no such team.');
  checkPassphrase(input.initialPassphrase, input.username);
  const id = randomUUID();
  const pair = generateKeyPair();
  try {
    const slot = await vault.prepareSlot({ accountId: id, username: input.username, passphrase: input.initialPassphrase, secretKey: pair.secretKey });
    const at = nowIso(vault);
    vault.db.transaction(() => {
      // Checked again: another request may have taken the name during the key derivation.
      if (findByUsername(vault.db, input.username)) throw new AppError('USERNAME_TAKEN', 'This username is already in use.');
      insertAccount(vault.db, {
        id,
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        publicKey: pair.publicKey,
        escrowedSecretKey: escrowSecretKey(vault.recoveryPublicKey(), pair.secretKey),
        slotId: slot.id,
        mustChangePassphrase: true,
        at,
      });
      if (input.teamId) vault.db.prepare('UPDATE accounts SET team_id = ? WHERE id = ?').run(input.teamId, id);
      appendAudit(vault.db, { at, actorId: session.accountId, action: 'account.created', target: id, detail: { role: input.role } });
      vault.commitSlots({ add: slot });
    })();
    return toAccount(getAccount(vault, id));
  } finally {
    wipe(pair.secretKey);
  }
}

export function disableAccount(session: Session, accountId: string): Account {
  const { vault } = session;
  if (accountId === session.accountId) throw new AppError('CANNOT_DISABLE_SELF', 'You cannot disable your own account.');
  const account = getAccount(vault, accountId);
  if (account.disabled) return toAccount(account);
  const at = nowIso(vault);
  vault.db.transaction(() => {
    markDisabled(vault.db, accountId, at);
    // Its wraps of case keys go too: the identities of its cases are closed to it.
    const wraps = removeWrapsOf(vault.db, accountId);
    appendAudit(vault.db, { at, actorId: session.accountId, action: 'account.disabled', target: accountId, detail: { caseKeysRemoved: wraps } });
    // Its slot goes: even its passphrase no longer opens this vault.
    if (account.slotId) vault.commitSlots({ removeId: account.slotId });
  })();
  return toAccount(getAccount(vault, accountId));
}

/**
 * Sets a new passphrase for any account with the recovery key (which opens the account's
 * escrowed secret key). Re-enables a disabled account. `actorId` null means "from the lock
 * screen, by whoever holds the recovery key".
 */
export async function resetWithRecovery(
  vault: UnlockedVault,
  args: { accountId: string; recoveryKey: string; newPassphrase: string; actorId: string | null; mustChange: boolean; recoverySecretKey?: Uint8Array },
): Promise<Account> {
  const account = getAccount(vault, args.accountId);
  checkPassphrase(args.newPassphrase, account.username);
  const recoverySecretKey = args.recoverySecretKey ?? (await vault.openRecovery(args.recoveryKey));
  let secretKey: Uint8Array | null = null;
  try {
    try {
      secretKey = recoverSecretKey(recoverySecretKey, account.escrowedSecretKey);
    } catch {
      throw new AppError('KEYRING_TAMPERED', "The account's escrowed key could not be opened; it may have been altered.");
    }
    const slot = await vault.prepareSlot({ accountId: account.id, username: account.username, passphrase: args.newPassphrase, secretKey });
    const at = nowIso(vault);
    vault.db.transaction(() => {
      updateSlot(vault.db, account.id, slot.id, args.mustChange, at);
      // A re-enabled account gets back the keys of the cases it still works on (opened with the
      // recovery key's wraps), since disabling removed them.
      const restored = account.disabled ? restoreWraps(vault.db, account.id, recoverySecretKey, vault.recoveryPublicKey()) : 0;
      appendAudit(vault.db, { at, actorId: args.actorId, action: 'account.passphrase_reset', target: account.id, detail: { withRecoveryKey: true, caseKeysRestored: restored } });
      vault.commitSlots({ add: slot, removeId: account.slotId });
    })();
    return toAccount(getAccount(vault, account.id));
  } finally {
    wipe(secretKey, recoverySecretKey);
  }
}

/** Changes the signed-in person's passphrase: re-seals their slot; their key pair stays. */
export async function changeOwnPassphrase(session: Session, current: string, next: string): Promise<Account> {
  const { vault } = session;
  const account = getAccount(vault, session.accountId);
  const found = await openAccountSlot(vault.keyring.vaultId, vault.keyring.slots, account.username, current);
  if (!found) throw new AppError('WRONG_CREDENTIALS', 'The current passphrase is not right.');
  wipe(found.payload);
  if (current === next) throw new AppError('PASSPHRASE_REUSED', 'The new passphrase must differ from the current one.');
  checkPassphrase(next, account.username);
  const oldSlotId = vault.keyring.slots[found.index]!.id;
  const slot = await vault.prepareSlot({ accountId: account.id, username: account.username, passphrase: next, secretKey: session.secretKey });
  const at = nowIso(vault);
  vault.db.transaction(() => {
    updateSlot(vault.db, account.id, slot.id, false, at);
    appendAudit(vault.db, { at, actorId: session.accountId, action: 'account.passphrase_changed', target: account.id });
    vault.commitSlots({ add: slot, removeId: oldSlotId });
  })();
  const updated = getAccount(vault, account.id);
  session.info = toSessionInfo(updated);
  return toAccount(updated);
}
