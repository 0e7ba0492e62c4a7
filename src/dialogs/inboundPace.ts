// Per-sender pace: a flood from one chat (a stuck client, a script, someone forwarding fifty screenshots) slows that
// chat, not the service. A token bucket per chat: `burst` messages are handled at once, then one every `refillMs`;
// what comes faster is kept and handled later, in order (src/dialogs/inboundBacklog.ts), never dropped.

export interface InboundPace {
  /** Takes one of the chat's tokens: true when one more message of the chat may be handled now. */
  take(key: string, now: number): boolean;
  /** Milliseconds until the chat has a token again (0: it has one now). */
  waitMs(key: string, now: number): number;
  /** Whether to tell the sender about `what` now: at most once per `noticeEveryMs`, per chat and kind of notice. */
  noticeDue(key: string, what: string, now: number): boolean;
}

export function createInboundPace(p: { burst?: number; refillMs?: number; noticeEveryMs?: number; maxChats?: number } = {}): InboundPace {
  const burst = p.burst ?? 15;
  const refillMs = p.refillMs ?? 2000;
  const noticeEveryMs = p.noticeEveryMs ?? 60_000;
  const maxChats = p.maxChats ?? 50_000;
  const buckets = new Map<string, { tokens: number; at: number; noticedAt: Map<string, number> }>();

  /** The chat's bucket, refilled up to `now`. */
  const bucket = (key: string, now: number) => {
    let b = buckets.get(key);
    if (!b) {
      b = { tokens: burst, at: now, noticedAt: new Map() };
      buckets.set(key, b);
      if (buckets.size > maxChats) buckets.delete(buckets.keys().next().value!);
    }
    b.tokens = Math.min(burst, b.tokens + Math.max(0, now - b.at) / refillMs);
    b.at = Math.max(b.at, now);
    return b;
  };

  return {
    take(key, now) {
      const b = bucket(key, now);
      if (b.tokens < 1) return false;
      b.tokens -= 1;
      return true;
    },
    waitMs(key, now) {
      const b = bucket(key, now);
      return b.tokens >= 1 ? 0 : Math.ceil((1 - b.tokens) * refillMs);
    },
    noticeDue(key, what, now) {
      const b = bucket(key, now);
      const last = b.noticedAt.get(what);
      if (last !== undefined && now - last < noticeEveryMs) return false;
      b.noticedAt.set(what, now);
      return true;
    },
  };
}
