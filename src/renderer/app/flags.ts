/** Flags that must survive the reload that follows a lock, and nothing else. */
export const NEUTRAL_FLAG = 'neutral-screen';
export const LOCK_REASON_FLAG = 'lock-reason';

export function readSessionFlag(name: string): string | null {
  try {
    return window.sessionStorage.getItem(name);
  } catch {
    return null;
  }
}

export function writeSessionFlag(name: string, value: string | null): void {
  try {
    if (value === null) window.sessionStorage.removeItem(name);
    else window.sessionStorage.setItem(name, value);
  } catch {
    // Storage may be unavailable; the flags are a convenience only.
  }
}
