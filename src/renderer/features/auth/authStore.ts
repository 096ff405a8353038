import type { LoginResult } from '../../../shared/schemas';
import { createResettable } from '../../stores/createResettable';

interface AuthState {
  /** From `auth.login`, shown once on home; gone at the next lock. */
  lastLogin: Pick<LoginResult, 'lastLoginAt' | 'failedAttemptsSinceLastLogin'> | null;
  setLastLogin: (value: AuthState['lastLogin']) => void;
}

export const useAuthStore = createResettable<AuthState>((set) => ({
  lastLogin: null,
  setLastLogin: (lastLogin) => set({ lastLogin }),
}));
