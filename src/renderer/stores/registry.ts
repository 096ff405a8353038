/**
 * Every store registers how to return to its initial state, so that a lock leaves nothing in
 * the page: `resetAllStores()` runs them all before the window reloads.
 */
const resets = new Set<() => void>();

export function registerReset(reset: () => void): void {
  resets.add(reset);
}

export function resetAllStores(): void {
  for (const reset of resets) {
    try {
      reset();
    } catch {
      // Resetting must never stop the lock.
    }
  }
}
