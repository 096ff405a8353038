import { createResettable } from '../stores/createResettable';

export type Page = 'home' | 'settings' | 'accounts';

interface NavState {
  page: Page;
  go: (page: Page) => void;
}

export const useNavStore = createResettable<NavState>((set) => ({
  page: 'home',
  go: (page) => set({ page }),
}));
