import type { Settings } from '../../../shared/schemas';
import { call } from '../../api/client';
import { createResettable } from '../../stores/createResettable';

interface SettingsState {
  settings: Settings | null;
  loadError: unknown;
  load: () => Promise<void>;
  update: (change: Partial<Settings>) => Promise<Settings>;
}

export const useSettingsStore = createResettable<SettingsState>((set) => ({
  settings: null,
  loadError: null,
  load: async () => {
    try {
      set({ settings: await call('settings.get', {}), loadError: null });
    } catch (error) {
      set({ loadError: error });
    }
  },
  update: async (change) => {
    const settings = await call('settings.update', change);
    set({ settings });
    return settings;
  },
}));
