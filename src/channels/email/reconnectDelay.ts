// How long to wait before the next connection attempt: exponential, capped, with jitter so many
// instances (or a flapping server) do not retry in lock-step.

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  /** 0..1; injectable so tests can pin it. */
  random?: () => number;
}

/** Delay for attempt 0, 1, 2...: a random value in [cap/2, cap] with cap = min(maxMs, initialMs * 2^attempt). */
export function reconnectDelay(attempt: number, options: BackoffOptions): number {
  const random = options.random ?? Math.random;
  const cap = Math.min(options.maxMs, options.initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(cap / 2 + random() * (cap / 2));
}
