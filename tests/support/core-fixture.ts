import { AppCore } from '../../src/main/core/app/app-core';
import { ManualClock } from './manual-clock';
import { makeTempDir } from './temp-dir';

export const ADMIN = { username: 'ana.admin', displayName: 'Ana Administradora', passphrase: 'lantern harbour violet compass' };
export const WORKER = { username: 'marco.cw', displayName: 'Marco Caseworker', role: 'caseworker' as const, initialPassphrase: 'temporary river stone window' };

/** A real AppCore on a real vault in a fresh temp folder, with a clock the test controls. */
export function makeCore() {
  const temp = makeTempDir();
  const clock = new ManualClock();
  const core = new AppCore({ dataDir: temp.dir, clock });
  return {
    core,
    clock,
    dir: temp.dir,
    reopen: () => new AppCore({ dataDir: temp.dir, clock }),
    cleanup: () => {
      core.close();
      temp.remove();
    },
  };
}

export async function makeCoreWithVault() {
  const f = makeCore();
  const { recoveryKey } = await f.core.createVault(ADMIN);
  return { ...f, recoveryKey };
}
