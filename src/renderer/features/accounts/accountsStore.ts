import type { RequestOf } from '../../../shared/contract';
import type { Account } from '../../../shared/schemas';
import type { Team } from '../../../shared/staff';
import { call } from '../../api/client';
import { createResettable } from '../../stores/createResettable';

interface AccountsState {
  accounts: Account[] | null;
  loadError: unknown;
  load: () => Promise<void>;
  create: (input: RequestOf<'users.create'>) => Promise<Account>;
  disable: (accountId: string) => Promise<Account>;
  resetPassphrase: (input: RequestOf<'users.resetPassphrase'>) => Promise<Account>;
  teams: Team[] | null;
  teamsError: unknown;
  loadTeams: () => Promise<void>;
  createTeam: (input: RequestOf<'teams.create'>) => Promise<Team>;
  /** Puts a caseworker in a team (or in none); the team list follows. */
  setTeam: (accountId: string, teamId: string | null) => Promise<Account>;
}

function replace(list: Account[] | null, account: Account): Account[] {
  const current = list ?? [];
  return current.some((a) => a.id === account.id) ? current.map((a) => (a.id === account.id ? account : a)) : [...current, account];
}

export const useAccountsStore = createResettable<AccountsState>((set, get) => ({
  accounts: null,
  loadError: null,
  load: async () => {
    try {
      set({ accounts: await call('users.list', {}), loadError: null });
    } catch (error) {
      set({ loadError: error });
    }
  },
  create: async (input) => {
    const account = await call('users.create', input);
    set({ accounts: replace(get().accounts, account) });
    if (account.teamId) await get().loadTeams();
    return account;
  },
  disable: async (accountId) => {
    const account = await call('users.disable', { accountId });
    set({ accounts: replace(get().accounts, account) });
    return account;
  },
  resetPassphrase: async (input) => {
    const account = await call('users.resetPassphrase', input);
    set({ accounts: replace(get().accounts, account) });
    return account;
  },
  teams: null,
  teamsError: null,
  loadTeams: async () => {
    try {
      set({ teams: await call('teams.list', {}), teamsError: null });
    } catch (error) {
      set({ teamsError: error });
    }
  },
  createTeam: async (input) => {
    const team = await call('teams.create', input);
    set({ teams: [...(get().teams ?? []).filter((t) => t.id !== team.id), team] });
    return team;
  },
  setTeam: async (accountId, teamId) => {
    const account = await call('users.setTeam', { accountId, teamId });
    set({ accounts: replace(get().accounts, account) });
    await get().loadTeams();
    return account;
  },
}));
