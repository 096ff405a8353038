import { create, type StateCreator, type StoreApi, type UseBoundStore } from 'zustand';
import { registerReset } from './registry';

/** A zustand store whose initial state comes back on `resetAllStores()`. */
export function createResettable<S extends object>(initializer: StateCreator<S>): UseBoundStore<StoreApi<S>> {
  const store = create<S>()(initializer);
  const initial = store.getState();
  registerReset(() => store.setState(initial, true));
  return store;
}
