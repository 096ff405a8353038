import { flushSync } from 'react-dom';
import type { LockReason } from '../../shared/schemas';
import { call, onSignedOut, subscribeLocked } from '../api/client';
import { resetAllStores } from '../stores/registry';
import { useAppStore } from './appStore';
import { LOCK_REASON_FLAG, NEUTRAL_FLAG, writeSessionFlag } from './flags';

let reloading = false;

/**
 * After any lock: forget everything the page holds (every store back to its initial state),
 * then reload, so no data survives in memory or in the DOM.
 */
export function wipeAndReload(reason?: LockReason): void {
  if (reloading) return;
  reloading = true;
  if (reason === 'quick-hide') writeSessionFlag(NEUTRAL_FLAG, '1');
  else if (reason) writeSessionFlag(LOCK_REASON_FLAG, reason);
  resetAllStores();
  window.location.reload();
}

/** Locks on request (button, Ctrl/Cmd+L). The lock event then wipes and reloads the page. */
export async function lockNow(): Promise<void> {
  try {
    await call('session.lock', { reason: 'manual' });
  } catch {
    // Already locked or the session has ended: reloading below shows the lock screen anyway.
  }
  // The lock event normally reloads first; if it does not arrive, reload here.
  wipeAndReload('manual');
}

/**
 * Ctrl/Cmd+Shift+H: the neutral screen replaces everything at once, then the session locks and
 * the page reloads into the neutral screen again, until a key is pressed or the page clicked.
 */
export function quickHide(): void {
  writeSessionFlag(NEUTRAL_FLAG, '1');
  flushSync(() => useAppStore.getState().setNeutral('hiding'));
  const unlocked = useAppStore.getState().status?.state === 'unlocked';
  const done = () => wipeAndReload('quick-hide');
  if (unlocked) call('session.lock', { reason: 'quick-hide' }).then(done, done);
  else done();
}

/** Wires the lock event once, at start. */
export function installLockHandling(): void {
  subscribeLocked((event) => wipeAndReload(event.reason));
  onSignedOut(() => wipeAndReload());
}
