import { createAccount } from '../../src/main/core/users/service';
import { createTeam } from '../../src/main/core/users/teams';
import { makeCoreWithVault } from './core-fixture';
import { sessionAs } from './sessions';

/**
 * A vault with a supervisor leading a team of two caseworkers. Their sessions share the
 * administrator's open vault (one process, one database), each with its own account, role and
 * secret key, as if each had signed in.
 */
export async function makeCaseVault() {
  const f = await makeCoreWithVault();
  const admin = f.core.session!;
  const team = { id: null as string | null };
  const make = async (username: string, displayName: string, role: 'caseworker' | 'supervisor') => {
    const passphrase = `${role} lantern harbour ${username.length}x`;
    await createAccount(admin, { username, displayName, role, initialPassphrase: passphrase, teamId: role === 'caseworker' ? team.id : null });
    return sessionAs(admin.vault, username, passphrase);
  };
  const supervisor = await make('sara.sup', 'Sara Supervisora', 'supervisor');
  team.id = createTeam(admin, { name: 'Lima', supervisorId: supervisor.accountId }).id;
  const worker = await make('marco.cw', 'Marco Caseworker', 'caseworker');
  const other = await make('lia.cw', 'Lía Caseworker', 'caseworker');
  return { ...f, admin, supervisor, worker, other, teamId: team.id };
}
