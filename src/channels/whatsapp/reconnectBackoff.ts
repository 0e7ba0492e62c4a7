// How long to wait before reconnecting to WhatsApp: exponential, capped, with jitter, so a restart of many
// instances (or a flapping network) does not hammer WhatsApp in lock-step and look like abuse.

/** Reconnect pacing: the first wait, the factor per failed attempt and the longest wait. */
export interface ReconnectBackoff {
  initialMs: number;
  factor: number;
  maxMs: number;
}

/** 2 s, 4 s, 8 s … up to 5 minutes. */
export const DEFAULT_RECONNECT_BACKOFF: ReconnectBackoff = { initialMs: 2_000, factor: 2, maxMs: 300_000 };

/**
 * The wait before reconnect attempt `attempt` (0 for the first): the capped exponential delay, of which a
 * random half is kept ("equal jitter"), so it lies in [delay / 2, delay]. `random` returns [0, 1).
 */
export function reconnectDelayMs(attempt: number, backoff: ReconnectBackoff, random: () => number): number {
  const exponential = backoff.initialMs * backoff.factor ** Math.max(0, Math.min(attempt, 60));
  const capped = Math.min(backoff.maxMs, exponential);
  const jitter = Math.min(Math.max(random(), 0), 1);
  return Math.round(capped / 2 + (capped / 2) * jitter);
}
