// Keeps outgoing messages within a platform's limits: at most one message per `perChatIntervalMs` to one
// chat, and at most `globalPerSecond` in any one-second window over the whole channel, as the platform
// counts them. A 429 pauses it all. Callers report the end of every send with finished().

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

export function createSendRateLimiter(limits: RateLimits, deps: { now?: () => number; sleep?: (ms: number) => Promise<void> } = {}): SendRateLimiter {
  const now = deps.now ?? (() => Date.now());
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const nextPerChat = new Map<string, number>();
  // Sends are spaced evenly (1000 / limit ms apart), and a hard cap holds at the platform's end: a message
  // reaches the platform somewhere between the start and the end of its request, so a send keeps its place
  // in the one-second window from its start until one second after it finished. A new send may start only
  // while fewer than `limit` sends hold a place. Then no 1,000 ms at the platform's end can see more than
  // the limit, however late a request left or however long it took (the message that started last in any
  // such second finds every other one of that second still holding its place).
  const spacingMs = 1000 / limits.globalPerSecond;
  let lastSend = -Infinity;
  const inWindow: { chat: string; start: number; end: number }[] = []; // end = Infinity while in flight
  // A send whose finish is never reported (a bug elsewhere) must not hold its place forever.
  const maxFlightMs = 5 * 60_000;
  // One second, plus a little for timer and clock granularity.
  const holdMs = 1010;
  let pausedUntil = 0;

  const intervalFor = (options: { group?: boolean }) => (options.group ? (limits.perGroupIntervalMs ?? limits.perChatIntervalMs) : limits.perChatIntervalMs);

  /** Forgets the sends that no longer hold a place at `t` (now). */
  const prune = (t: number): void => {
    for (let i = inWindow.length - 1; i >= 0; i--) {
      const entry = inWindow[i]!;
      const expired = entry.end === Infinity ? entry.start + maxFlightMs <= t : entry.end + holdMs <= t;
      if (expired) inWindow.splice(i, 1);
    }
  };

  /** The earliest moment at or after `from` when fewer than the limit hold a place. */
  const globalSlot = (from: number): number => {
    const releases = inWindow.map((e) => (e.end === Infinity ? Infinity : e.end + holdMs)).filter((r) => r > from);
    if (releases.length < limits.globalPerSecond) return from;
    releases.sort((a, b) => a - b);
    const soonest = releases[releases.length - limits.globalPerSecond]!;
    // Every place is held by a send still in flight: look again shortly (its finish frees a place).
    return soonest === Infinity ? from + Math.max(spacingMs, 10) : soonest;
  };

  return {
    async acquire(chat, options = {}) {
      for (;;) {
        const t = now();
        prune(t);
        const chatReady = nextPerChat.get(chat) ?? 0;
        const earliest = Math.max(t, chatReady, pausedUntil, lastSend + spacingMs);
        const at = Math.max(earliest, globalSlot(earliest));
        if (at <= t) {
          lastSend = t;
          inWindow.push({ chat, start: t, end: Infinity });
          nextPerChat.set(chat, t + intervalFor(options));
          if (nextPerChat.size > 10_000) for (const [k, v] of nextPerChat) if (v < t) nextPerChat.delete(k);
          return;
        }
        await sleep(at - t);
      }
    },
    finished(chat, options = {}) {
      const t = now();
      const entry = inWindow.find((e) => e.chat === chat && e.end === Infinity);
      if (entry) entry.end = t;
      nextPerChat.set(chat, Math.max(nextPerChat.get(chat) ?? 0, t + intervalFor(options)));
    },
    pauseUntil(until) {
      pausedUntil = Math.max(pausedUntil, until);
    },
  };
}
