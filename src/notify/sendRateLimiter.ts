// Keeps outgoing messages within a platform's limits: at most one message per `perChatIntervalMs` to one
// chat, and at most `globalPerSecond` in any one-second window over the whole channel. A 429 pauses it all.

export interface RateLimits {
  /** Minimum time between two messages to the same chat. */
  perChatIntervalMs: number;
  /** Minimum time between two messages to the same group chat (Telegram: 20/min). */
  perGroupIntervalMs?: number;
  /** Messages per second over the whole channel. */
  globalPerSecond: number;
}

export interface SendRateLimiter {
  /** Resolves when a message to `chat` may go; reserves the slot. */
  acquire(chat: string, options?: { group?: boolean }): Promise<void>;
  /**
   * The send to `chat` has finished (answered or failed). The chat's next slot counts from now: a message
   * reaches the platform somewhere between the start and the end of its request, so spacing from the end
   * keeps two messages to one chat at least the interval apart at the platform's end too, however long
   * each request took.
   */
  finished(chat: string, options?: { group?: boolean }): void;
  /** Nothing goes out on this channel before `until` (the platform said to wait). */
  pauseUntil(until: number): void;
}

export function createSendRateLimiter(
  limits: RateLimits,
  deps: { now?: () => number; sleep?: (ms: number) => Promise<void> } = {},
): SendRateLimiter {
  const now = deps.now ?? (() => Date.now());
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const nextPerChat = new Map<string, number>();
  // Sends are spaced evenly (1000 / limit ms apart) and the one-second window has 50 ms of margin: requests
  // that leave a little late (a busy event loop) then arrive together, so a bare 1,000 ms window cut at the
  // limit lets a few more than the limit land within one second at the platform's end.
  const windowMs = 1050;
  const spacingMs = 1000 / limits.globalPerSecond;
  let lastSend = -Infinity;
  const window: number[] = []; // reserved send times within the last second
  let pausedUntil = 0;

  const intervalFor = (options: { group?: boolean }) => (options.group ? (limits.perGroupIntervalMs ?? limits.perChatIntervalMs) : limits.perChatIntervalMs);

  const globalSlot = (from: number): number => {
    while (window.length && window[0]! <= from - windowMs) window.shift();
    if (window.length < limits.globalPerSecond) return from;
    // The earliest moment the oldest send leaves the window.
    return window[window.length - limits.globalPerSecond]! + windowMs;
  };

  return {
    async acquire(chat, options = {}) {
      for (;;) {
        const t = now();
        const chatReady = nextPerChat.get(chat) ?? 0;
        const earliest = Math.max(t, chatReady, pausedUntil, lastSend + spacingMs);
        const at = Math.max(earliest, globalSlot(earliest));
        if (at <= t) {
          lastSend = t;
          window.push(t);
          window.sort((a, b) => a - b);
          nextPerChat.set(chat, t + intervalFor(options));
          if (nextPerChat.size > 10_000) for (const [k, v] of nextPerChat) if (v < t) nextPerChat.delete(k);
          return;
        }
        await sleep(at - t);
      }
    },
    finished(chat, options = {}) {
      nextPerChat.set(chat, Math.max(nextPerChat.get(chat) ?? 0, now() + intervalFor(options)));
    },
    pauseUntil(until) {
      pausedUntil = Math.max(pausedUntil, until);
    },
  };
}
