import type { BackupStatus } from '../../../shared/backup';
import { call } from '../../api/client';
import { createResettable } from '../../stores/createResettable';

interface BackupState {
  /** The last backup and whether a reminder is due (administrators only; reset on lock). */
  status: BackupStatus | null;
  load: () => Promise<void>;
}

export const useBackupStore = createResettable<BackupState>((set) => ({
  status: null,
  load: async () => {
    try {
      set({ status: await call('backup.status', {}) });
    } catch {
      // The reminder is a hint: a failed look-up shows nothing rather than an error.
    }
  },
}));
