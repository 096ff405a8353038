import { powerMonitor } from 'electron';
import type { AppCore } from '../core/app/app-core';

/** The OS says the person stepped away or the machine sleeps: the core locks. */
export function watchOsLock(core: AppCore): void {
  powerMonitor.on('lock-screen', () => core.lock.osEvent('lock-screen'));
  powerMonitor.on('suspend', () => core.lock.osEvent('suspend'));
  // A shutdown may end the process without `before-quit`; close the vault first.
  powerMonitor.on('shutdown', () => core.close());
}
