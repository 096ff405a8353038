import type { AppStatus } from '../../shared/schemas';
import type { Language } from '../../shared/languages';
import { call } from '../api/client';
import { applyLanguage } from '../i18n';
import { createResettable } from '../stores/createResettable';
import { NEUTRAL_FLAG, readSessionFlag } from './flags';

/** 'hiding': quick-hide pressed, lock in progress; 'after-reload': shown until a key or click. */
export type NeutralMode = 'off' | 'hiding' | 'after-reload';

interface AppState {
  status: AppStatus | null;
  bootFailed: boolean;
  neutral: NeutralMode;
  refresh: () => Promise<AppStatus>;
  setLanguage: (language: Language) => Promise<void>;
  setNeutral: (mode: NeutralMode) => void;
}

export const useAppStore = createResettable<AppState>((set, get) => ({
  status: null,
  bootFailed: false,
  neutral: readSessionFlag(NEUTRAL_FLAG) ? 'after-reload' : 'off',
  refresh: async () => {
    const status = await call('app.status', {});
    await applyLanguage(status.language);
    set({ status, bootFailed: false });
    return status;
  },
  setLanguage: async (language) => {
    const result = await call('preferences.setLanguage', { language });
    await applyLanguage(result.language);
    const status = get().status;
    if (status) set({ status: { ...status, language: result.language } });
  },
  setNeutral: (neutral) => set({ neutral }),
}));
