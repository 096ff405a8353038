import type { Role } from '../../shared/roles';
import type { StaffMember, Team } from '../../shared/staff';
import { call } from '../api/client';
import { createResettable } from './createResettable';

/** Who may ask for what: the directory is for the people who work with cases and for administrators. */
const DIRECTORY_ROLES: readonly Role[] = ['administrator', 'supervisor', 'caseworker'];
const TEAM_ROLES: readonly Role[] = ['administrator', 'supervisor'];

interface StaffState {
  /** Names of colleagues (no usernames), to show instead of account ids. */
  directory: StaffMember[] | null;
  /** The teams, for supervisors and administrators (null for other roles). */
  teams: Team[] | null;
  /**
   * Reads the directory (and the teams where the role may see them) again; a failure leaves
   * what was known, so a name falls back to a neutral word rather than breaking the screen.
   */
  load: (role: Role) => Promise<void>;
}

export const useStaffStore = createResettable<StaffState>((set) => ({
  directory: null,
  teams: null,
  load: async (role) => {
    const [directory, teams] = await Promise.all([
      DIRECTORY_ROLES.includes(role) ? call('staff.directory', {}).catch(() => null) : Promise.resolve(null),
      TEAM_ROLES.includes(role) ? call('teams.list', {}).catch(() => null) : Promise.resolve(null),
    ]);
    set((s) => ({ directory: directory ?? s.directory, teams: teams ?? s.teams }));
  },
}));

/** The display name of an account, or null when it is not in the directory. */
export function staffName(directory: StaffMember[] | null, id: string | null | undefined): string | null {
  if (!id || !directory) return null;
  return directory.find((m) => m.id === id)?.displayName ?? null;
}
