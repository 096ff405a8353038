import { AppError } from '../../../shared/errors';
import type { RecoveryShares } from '../../../shared/recovery';
import { appendAudit } from '../audit/chain';
import { wipe } from '../crypto/bytes';
import type { Session } from '../users/session';
import { readKeyring } from '../vault/keyring';
import { combineRecoveryShares, splitRecoveryKey, type ShareCounts } from '../vault/recovery-shares';
import { unlockWithRecoveryKey, type UnlockedVault, type VaultLocation } from '../vault/vault';
import type { AppCore } from './app-core';

/**
 * Recovery shares for the app (`recovery.createShares`, `auth.recoverWithShares`) and the CLI.
 * The audit records how many shares and how many are needed, never a share.
 */

/** An administrator splits the recovery key, which must open this vault's recovery slot first. */
export async function createRecoveryShares(session: Session, input: { recoveryKey: string } & ShareCounts, now: () => Date): Promise<RecoveryShares> {
  wipe(await session.vault.openRecovery(input.recoveryKey));
  return splitAndAudit(session.vault, session.accountId, input, now);
}

/**
 * The CLI: the recovery key alone opens the vault (a wrong one counts as a failed attempt).
 * `deliver` (writing the files) runs before the audit entry, so a failed delivery records nothing.
 */
export async function createRecoverySharesWithKey(
  location: VaultLocation,
  input: { recoveryKey: string } & ShareCounts,
  deliver: (shares: readonly string[]) => void,
): Promise<RecoveryShares> {
  const { vault, recoverySecretKey } = await unlockWithRecoveryKey(location, input.recoveryKey);
  wipe(recoverySecretKey);
  try {
    return await splitAndAudit(vault, null, input, location.now, deliver);
  } finally {
    vault.lock();
  }
}

async function splitAndAudit(
  vault: UnlockedVault,
  actorId: string | null,
  input: { recoveryKey: string } & ShareCounts,
  now: () => Date,
  deliver?: (shares: readonly string[]) => void,
): Promise<RecoveryShares> {
  const counts = { threshold: input.threshold, shares: input.shares };
  const shares = await splitRecoveryKey(input.recoveryKey, vault.keyring.vaultId, counts);
  deliver?.(shares);
  const at = now().toISOString();
  vault.db.transaction(() => appendAudit(vault.db, { at, actorId, action: 'vault.recovery_shares_created', detail: { ...counts } }))();
  return { threshold: counts.threshold, shares };
}

/**
 * From the lock screen or the CLI: k shares give the recovery key, which then does what
 * `AppCore.recover` does. A combination that does not open the recovery slot is refused as
 * shares that do not belong together (the slot is the final check; the library cannot tell).
 */
export async function recoverWithShares(
  core: AppCore,
  input: { shares: readonly string[]; username: string; newPassphrase: string },
  labels?: readonly string[],
): Promise<void> {
  const { vaultId } = readKeyring(core.location.paths.keyring);
  const recoveryKey = await combineRecoveryShares(input.shares, vaultId, labels);
  try {
    await core.recover({ recoveryKey, username: input.username, newPassphrase: input.newPassphrase });
  } catch (error) {
    if (error instanceof AppError && (error.code === 'RECOVERY_KEY_WRONG' || error.code === 'RECOVERY_KEY_MALFORMED')) {
      throw new AppError('SHARES_MISMATCHED', 'These shares do not recover the recovery key of this installation.');
    }
    throw error;
  }
}
