import { describe, expect, it } from 'vitest';
import { LockController } from '../../../src/main/core/lock/lock-controller';
import { ManualClock } from '../../support/manual-clock';

function setup(idleMinutes = 5) {
  const clock = new ManualClock();
  const locks: string[] = [];
  const lock = new LockController(clock, idleMinutes, (r) => locks.push(r));
  return { clock, locks, lock };
}

describe('lock state machine', () => {
  it('starts locked and ignores activity while locked', () => {
    const { lock, locks, clock } = setup();
    expect(lock.state).toBe('locked');
    lock.activity();
    clock.advance(10 * 60_000);
    expect(locks).toEqual([]);
  });

  it('locks after the idle minutes without activity, once', () => {
    const { lock, locks, clock } = setup(5);
    lock.unlocked();
    clock.advance(5 * 60_000 - 1);
    expect(lock.state).toBe('unlocked');
    clock.advance(1);
    expect(lock.state).toBe('locked');
    clock.advance(60 * 60_000);
    expect(locks).toEqual(['idle']);
  });

  it('activity postpones the idle lock', () => {
    const { lock, locks, clock } = setup(5);
    lock.unlocked();
    for (let i = 0; i < 10; i++) {
      clock.advance(4 * 60_000);
      lock.activity();
    }
    expect(locks).toEqual([]);
    clock.advance(5 * 60_000);
    expect(locks).toEqual(['idle']);
  });

  it('activity arriving after the deadline locks instead of extending (a laptop that slept)', () => {
    const clock = new ManualClock();
    const locks: string[] = [];
    // A clock whose timers never fire, like a suspended machine.
    const frozen = { now: () => clock.now(), setTimeout: () => 0, clearTimeout: () => undefined };
    const lock = new LockController(frozen, 5, (r) => locks.push(r));
    lock.unlocked();
    clock.advance(6 * 60_000);
    lock.activity();
    expect(locks).toEqual(['idle']);
  });

  it('locks on demand, on OS screen lock and on suspend, with the reason', () => {
    const { lock, locks } = setup();
    lock.unlocked();
    lock.lock('manual');
    lock.unlocked();
    lock.osEvent('lock-screen');
    lock.unlocked();
    lock.osEvent('suspend');
    lock.unlocked();
    lock.lock('quick-hide');
    lock.lock('manual');
    expect(locks).toEqual(['manual', 'os-lock', 'suspend', 'quick-hide']);
  });

  it('a shorter idle setting takes effect at once', () => {
    const { lock, locks, clock } = setup(30);
    lock.unlocked();
    clock.advance(2 * 60_000);
    lock.setIdleMinutes(1);
    expect(locks).toEqual(['idle']);
    void clock;
  });
});
