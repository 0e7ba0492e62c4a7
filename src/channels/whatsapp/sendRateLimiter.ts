// WhatsApp bans numbers that send like a bulk sender, and an unofficial client has no published limits,
// so sends are spaced conservatively: per chat, globally between any two messages, and globally per window.

/** How fast the WhatsApp number may send. */
export interface WhatsAppSendLimits {
  /** At least this long between two messages to the same chat. */
  perChatIntervalMs: number;
  /** At least this long between any two messages. */
  globalMinIntervalMs: number;
  /** At most this many messages in any `globalWindowMs`. */
  globalMaxPerWindow: number;
  globalWindowMs: number;
}

/**
 * Defaults: ≤ 1 message / 3 s per chat, ≥ 1 s between any two messages, ≤ 20 messages per minute overall.
 * A reply of three parts to one person takes ~6 s; ten people answered at once take ~30 s.
 */
export const DEFAULT_SEND_LIMITS: WhatsAppSendLimits = {
  perChatIntervalMs: 3_000,
  globalMinIntervalMs: 1_000,
  globalMaxPerWindow: 20,
  globalWindowMs: 60_000,
};

/** Hands out send times that respect the limits; reservations are immediate, so concurrent callers never share a slot. */
export class SendRateLimiter {
  private readonly lastPerChat = new Map<string, number>();
  /** Reserved send times, ascending (every reservation is at or after the previous one). */
  private recent: number[] = [];

  constructor(private readonly limits: WhatsAppSendLimits) {}

  /** The earliest time a message to `chat` could be sent, not before `notBefore`. Reserves nothing. */
  earliest(chat: string, notBefore: number): number {
    let at = notBefore;
    const lastChat = this.lastPerChat.get(chat);
    if (lastChat !== undefined) at = Math.max(at, lastChat + this.limits.perChatIntervalMs);
    const lastAny = this.recent.at(-1);
    if (lastAny !== undefined) at = Math.max(at, lastAny + this.limits.globalMinIntervalMs);
    const max = this.limits.globalMaxPerWindow;
    if (max > 0 && this.recent.length >= max) at = Math.max(at, this.recent[this.recent.length - max]! + this.limits.globalWindowMs);
    return at;
  }

  /** Reserves the earliest slot for `chat` (not before `notBefore`) and returns its time. */
  reserve(chat: string, notBefore: number): number {
    const at = this.earliest(chat, notBefore);
    this.lastPerChat.set(chat, at);
    this.recent.push(at);
    this.forgetBefore(notBefore);
    return at;
  }

  private forgetBefore(now: number): void {
    const horizon = now - Math.max(this.limits.globalWindowMs, this.limits.globalMinIntervalMs);
    // Keep at least `globalMaxPerWindow` entries' worth of history that can still matter.
    const firstRelevant = this.recent.findIndex((t) => t > horizon);
    if (firstRelevant > 0) this.recent = this.recent.slice(firstRelevant);
    if (firstRelevant === -1 && this.recent.length > 1) this.recent = this.recent.slice(-1);
    if (this.lastPerChat.size > 1_000) {
      for (const [chat, at] of this.lastPerChat) if (at + this.limits.perChatIntervalMs < now) this.lastPerChat.delete(chat);
    }
  }
}
