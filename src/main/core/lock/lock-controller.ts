import type { LockReason } from '../../../shared/schemas';

/** Time, injectable so the idle lock is tested without waiting. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export type LockState = 'locked' | 'unlocked';

/**
 * The lock state machine: unlocked → locked on demand, after `idleMinutes` without activity,
 * on OS screen lock and on suspend. The shell only forwards OS events here.
 * Activity that arrives after the deadline (a sleeping laptop whose timer did not fire) locks
 * instead of extending the session.
 */
export class LockController {
  private current: LockState = 'locked';
  private lastActivity = 0;
  private timer: unknown = null;
  private idleMs: number;

  constructor(
    private readonly clock: Clock,
    idleMinutes: number,
    private readonly onLock: (reason: LockReason) => void,
  ) {
    this.idleMs = idleMinutes * 60_000;
  }

  get state(): LockState {
    return this.current;
  }

  unlocked(): void {
    this.current = 'unlocked';
    this.lastActivity = this.clock.now();
    this.schedule();
  }

  activity(): void {
    if (this.current !== 'unlocked') return;
    if (this.clock.now() - this.lastActivity >= this.idleMs) {
      this.lock('idle');
      return;
    }
    this.lastActivity = this.clock.now();
    this.schedule();
  }

  setIdleMinutes(minutes: number): void {
    this.idleMs = minutes * 60_000;
    if (this.current === 'unlocked') this.check();
  }

  osEvent(event: 'lock-screen' | 'suspend'): void {
    this.lock(event === 'suspend' ? 'suspend' : 'os-lock');
  }

  lock(reason: LockReason): void {
    if (this.current === 'locked') return;
    this.current = 'locked';
    this.cancel();
    this.onLock(reason);
  }

  private schedule(): void {
    this.cancel();
    const remaining = Math.max(0, this.lastActivity + this.idleMs - this.clock.now());
    this.timer = this.clock.setTimeout(() => this.check(), remaining);
  }

  private check(): void {
    this.timer = null;
    if (this.current !== 'unlocked') return;
    if (this.clock.now() - this.lastActivity >= this.idleMs) this.lock('idle');
    else this.schedule();
  }

  private cancel(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}
