// Per-sender rate limit: a flood from one chat (a stuck client, a script) slows that chat, not the service.
// A token bucket per chat: `burst` messages at once, then one every `refillMs`. What comes over the limit is
// not handled (it is marked seen, so it is not redelivered); the sender is told once a minute at most.

export interface FloodGuard {
  /** "handle", "drop" (over the limit), or "notify" (over the limit, and time to say so). */
  check(key: string, now: number): "handle" | "drop" | "notify";
}

export function createFloodGuard(p: { burst?: number; refillMs?: number; noticeEveryMs?: number; maxChats?: number } = {}): FloodGuard {
  const burst = p.burst ?? 15;
  const refillMs = p.refillMs ?? 2000;
  const noticeEveryMs = p.noticeEveryMs ?? 60_000;
  const maxChats = p.maxChats ?? 50_000;
  const buckets = new Map<string, { tokens: number; at: number; noticedAt: number }>();
  return {
    check(key, now) {
      let b = buckets.get(key);
      if (!b) {
        b = { tokens: burst, at: now, noticedAt: 0 };
        buckets.set(key, b);
        if (buckets.size > maxChats) buckets.delete(buckets.keys().next().value!);
      }
      b.tokens = Math.min(burst, b.tokens + (now - b.at) / refillMs);
      b.at = now;
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return "handle";
      }
      if (now - b.noticedAt >= noticeEveryMs) {
        b.noticedAt = now;
        return "notify";
      }
      return "drop";
    },
  };
}
