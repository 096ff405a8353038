import { createResettable } from '../../stores/createResettable';

export const SETUP_STEPS = 4;

/** `restore`: instead of a new administrator, the vault of a backup (a new laptop). */
export type SetupStep = 'welcome' | 'admin' | 'restore' | 'key' | 'confirm';

interface SetupState {
  step: SetupStep;
  /** Held in memory only, between `vault.create` and the confirmation; never persisted. */
  recoveryKey: string | null;
  writtenDown: boolean;
  /** The administrator chose to confirm the key later in this session. */
  deferred: boolean;
  setStep: (step: SetupStep) => void;
  keyCreated: (recoveryKey: string) => void;
  setWrittenDown: (value: boolean) => void;
  defer: () => void;
  finish: () => void;
}

export const useSetupStore = createResettable<SetupState>((set) => ({
  step: 'welcome',
  recoveryKey: null,
  writtenDown: false,
  deferred: false,
  setStep: (step) => set({ step }),
  keyCreated: (recoveryKey) => set({ recoveryKey, step: 'key', writtenDown: false }),
  setWrittenDown: (writtenDown) => set({ writtenDown }),
  defer: () => set({ deferred: true }),
  finish: () => set({ recoveryKey: null, step: 'welcome', writtenDown: false, deferred: false }),
}));
