import type { RequestOf } from '../../../shared/contract';
import type { Account } from '../../../shared/schemas';
import { call } from '../../api/client';
import { createResettable } from '../../stores/createResettable';

interface AccountsState {
  accounts: Account[] | null;
  loadError: unknown;
  load: () => Promise<void>;
  create: (input: RequestOf<'users.create'>) => Promise<Account>;
  disable: (accountId: string) => Promise<Account>;
  resetPassphrase: (input: RequestOf<'users.resetPassphrase'>) => Promise<Account>;
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
}));
