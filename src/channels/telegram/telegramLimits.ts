// Telegram's documented send limits, kept by the outbox unless the configuration sets its own pace.
import type { RateLimits } from "../../notify/sendRateLimiter.ts";

/** Telegram's documented limits: 1 message/s to a chat, 20/min to a group, 30/s overall. */
export const TELEGRAM_LIMITS: RateLimits = { perChatIntervalMs: 1000, perGroupIntervalMs: 3000, globalPerSecond: 30 };

/** Group chats have negative ids; they get the group pace. */
export function isTelegramGroupChat(address: string): boolean {
  return address.startsWith("-");
}
