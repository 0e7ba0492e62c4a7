// What the fake Telegram saw of the outbox: the delivered rate against Telegram's 30 messages/s, and
// whether any chat got more than one message per second (minimum gap, most messages in any 1-s window).

export interface Delivery {
  chatId: number;
  /** When the message arrived at Telegram (ms). */
  at: number;
}

export interface DeliveryAnalysis {
  delivered: number;
  /** The window the rate is measured over: from the first delivery, `windowMs` or until the last if sooner. */
  windowS: number;
  messagesPerSecond: number;
  percentOf30PerSecond: number;
  /** Most deliveries in any sliding 1-second window, all chats together (Telegram: ≤ 30). */
  maxInAnySecond: number;
  /** Per chat: the smallest gap between two messages, and the most in any 1-second window (Telegram: 1). */
  minGapSameChatMs: number | null;
  maxPerChatInAnySecond: number;
  chatsAbove1PerSecond: number;
}

/** Most events in any window [t, t + 1000) of sorted times. */
export function maxInOneSecond(sortedAt: readonly number[]): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < sortedAt.length; end++) {
    while (sortedAt[end]! - sortedAt[start]! >= 1000) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

/** Analyses deliveries (any order). */
export function analyzeDeliveries(deliveries: readonly Delivery[], windowMs: number): DeliveryAnalysis {
  const all = [...deliveries].sort((a, b) => a.at - b.at);
  const first = all[0]?.at ?? 0;
  const last = all.at(-1)?.at ?? 0;
  const end = first + windowMs;
  const inWindow = all.filter((d) => d.at < end);
  const finishedEarly = last < end;
  const spanMs = finishedEarly ? last - first : windowMs;
  const count = finishedEarly ? Math.max(0, all.length - 1) : inWindow.length;
  const rate = spanMs > 0 ? count / (spanMs / 1000) : 0;

  const byChat = new Map<number, number[]>();
  for (const d of all) byChat.set(d.chatId, [...(byChat.get(d.chatId) ?? []), d.at]);
  let minGap: number | null = null;
  let maxPerChat = 0;
  let over = 0;
  for (const times of byChat.values()) {
    for (let i = 1; i < times.length; i++) minGap = Math.min(minGap ?? Infinity, times[i]! - times[i - 1]!);
    const m = maxInOneSecond(times);
    maxPerChat = Math.max(maxPerChat, m);
    if (m > 1) over++;
  }
  return {
    delivered: all.length,
    windowS: Math.round(spanMs) / 1000,
    messagesPerSecond: Math.round(rate * 100) / 100,
    percentOf30PerSecond: Math.round((rate / 30) * 1000) / 10,
    maxInAnySecond: maxInOneSecond(all.map((d) => d.at)),
    minGapSameChatMs: minGap,
    maxPerChatInAnySecond: maxPerChat,
    chatsAbove1PerSecond: over,
  };
}
