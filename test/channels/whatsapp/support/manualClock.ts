// A clock that only moves when the test says so: sleeps wait until advanced, so rate limits and backoff are
// asserted on recorded (virtual) times, never on wall time.
import type { Clock } from "../../../../src/channels/whatsapp/clock.ts";

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

export class ManualClock implements Clock {
  private time: number;
  private seq = 0;
  private timers: Timer[] = [];
  /** Every sleep requested, in order (ms), for asserting on backoff delays. */
  readonly sleeps: number[] = [];

  constructor(start = Date.UTC(2025, 0, 9, 2, 0, 0)) {
    this.time = start;
  }

  readonly now = (): number => this.time;

  readonly sleep = (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    return new Promise((resolve) => {
      this.timers.push({ at: this.time + Math.max(0, ms), seq: this.seq++, resolve });
    });
  };

  /** Number of sleeps not yet over. */
  get pending(): number {
    return this.timers.length;
  }

  /** Moves time forward by `ms`, firing due sleeps in order and letting their continuations run. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      await settle();
      const next = this.earliest();
      if (!next || next.at > target) break;
      this.fire(next);
    }
    this.time = Math.max(this.time, target);
    await settle();
  }

  /** Fires sleeps in time order until `promise` settles; returns (or throws) its outcome. */
  async runUntil<T>(promise: Promise<T>, options: { maxMs?: number } = {}): Promise<T> {
    let settled = false;
    promise.then(
      () => (settled = true),
      () => (settled = true),
    );
    const limit = this.time + (options.maxMs ?? 24 * 3600_000);
    for (let idle = 0; ; ) {
      await settle();
      if (settled) return promise;
      const next = this.earliest();
      if (next && next.at <= limit) {
        idle = 0;
        this.fire(next);
        continue;
      }
      // Real I/O (files) may still be running: give it a moment before giving up.
      if (++idle > 200) throw new Error("ManualClock.runUntil: the promise is stuck (no sleep pending)");
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  private earliest(): Timer | undefined {
    return [...this.timers].sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
  }

  private fire(timer: Timer): void {
    this.timers = this.timers.filter((t) => t !== timer);
    this.time = Math.max(this.time, timer.at);
    timer.resolve();
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
}
