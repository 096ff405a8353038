import { Session } from '../../src/main/core/users/session';
import { createAccount } from '../../src/main/core/users/service';
import { findById, toSessionInfo } from '../../src/main/core/users/accounts';
import { makeCoreWithVault } from './core-fixture';

/**
 * A vault with a supervisor and two caseworkers. Their sessions share the administrator's open
 * vault (one process, one database), each with its own account and role, as if each had signed in.
 */
export async function makeCaseVault() {
  const f = await makeCoreWithVault();
  const admin = f.core.session!;
  const make = async (username: string, displayName: string, role: 'caseworker' | 'supervisor') => {
    const account = await createAccount(admin, { username, displayName, role, initialPassphrase: `${role} lantern harbour ${username.length}x` });
    const info = { ...toSessionInfo(findById(admin.vault.db, account.id)!), mustChangePassphrase: false };
    return new Session(info, admin.vault, new Uint8Array(32));
  };
  const supervisor = await make('sara.sup', 'Sara Supervisora', 'supervisor');
  const worker = await make('marco.cw', 'Marco Caseworker', 'caseworker');
  const other = await make('lia.cw', 'Lía Caseworker', 'caseworker');
  return { ...f, admin, supervisor, worker, other };
}
