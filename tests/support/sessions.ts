import { wipe } from '../../src/main/core/crypto/bytes';
import { findByUsername, toSessionInfo } from '../../src/main/core/users/accounts';
import { Session } from '../../src/main/core/users/session';
import { decodeAccountPayload, openAccountSlot } from '../../src/main/core/vault/keyslots';
import type { UnlockedVault } from '../../src/main/core/vault/vault';

/**
 * A session of `username` over an already open vault, with the account's real secret key
 * (opened from its slot with the passphrase), as if that person had signed in on this machine.
 * Several such sessions share one database, so a test can play several people at once.
 */
export async function sessionAs(vault: UnlockedVault, username: string, passphrase: string): Promise<Session> {
  const found = await openAccountSlot(vault.keyring.vaultId, vault.keyring.slots, username, passphrase);
  if (!found) throw new Error(`no slot opens for ${username}`);
  const secrets = decodeAccountPayload(found.payload);
  wipe(secrets.dataKey, found.payload);
  const account = findByUsername(vault.db, username)!;
  return new Session({ ...toSessionInfo(account), mustChangePassphrase: false }, vault, secrets.secretKey);
}
