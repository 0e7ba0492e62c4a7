// Time as a dependency: rate limits, typing pauses and reconnect backoff wait on it, and tests replace
// it with a manual clock so they assert on recorded times instead of wall time.

/** Milliseconds since the epoch, and a way to wait. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};
