import type { Clock } from '../../src/main/core/lock/lock-controller';

/** A clock the test moves by hand: timers fire only inside `advance`. */
export class ManualClock implements Clock {
  private offset = 0;
  private nextId = 1;
  private timers = new Map<number, { due: number; fn: () => void }>();

  constructor(private readonly start = Date.parse('2026-11-27T09:00:00.000Z')) {}

  now(): number {
    return this.start + this.offset;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { due: this.now() + ms, fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  advance(ms: number): void {
    const target = this.now() + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.due <= target).sort((a, b) => a[1].due - b[1].due)[0];
      if (!due) break;
      this.offset = Math.max(this.offset, due[1].due - this.start);
      this.timers.delete(due[0]);
      due[1].fn();
    }
    this.offset = target - this.start;
  }
}
