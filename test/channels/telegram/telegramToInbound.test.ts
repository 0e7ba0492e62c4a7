// The Telegram update converter's dedupe key (src/channels/telegram/telegramToInbound.ts): what stays unique when
// Telegram restarts update_id at a random value after a quiet week (core.telegram.org/bots/api#update).
import { describe, expect, it } from "vitest";
import { telegramUpdateToInbound } from "../../../src/channels/telegram/telegramToInbound.ts";

const from = { id: 41, is_bot: false, first_name: "Ana" };
const message = (chatId: number, messageId: number, text: string) => ({
  message_id: messageId,
  date: 0,
  chat: { id: chatId, type: "private" },
  from: { ...from, id: chatId },
  text,
});

describe("telegramUpdateToInbound platform id", () => {
  it("two different updates with the same update_id (before and after a reset) get different keys", () => {
    const old = telegramUpdateToInbound({ update_id: 777, message: message(41, 12, "halo") })!;
    const after = telegramUpdateToInbound({ update_id: 777, message: message(42, 3, "/start") })!;
    const press = telegramUpdateToInbound({ update_id: 777, callback_query: { id: "4410000000001", from, chat_instance: "1", data: "b" } })!;
    expect(new Set([old.platformId, after.platformId, press.platformId]).size).toBe(3);
  });

  it("a redelivered update, or the same message under another update_id, keeps its key", () => {
    const first = telegramUpdateToInbound({ update_id: 5, message: message(41, 12, "halo") })!;
    expect(telegramUpdateToInbound({ update_id: 5, message: message(41, 12, "halo") })!.platformId).toBe(first.platformId);
    expect(telegramUpdateToInbound({ update_id: 9_000_001, message: message(41, 12, "halo") })!.platformId).toBe(first.platformId);
    expect(first.platformId).toBe("m41.12");
  });

  it("names the chat by the tag the service gives (a keyed hash), so the key does not say which chat wrote", () => {
    const tag = (chatId: number | string) => `h${(Number(chatId) * 7919) % 10007}`;
    const a = telegramUpdateToInbound({ update_id: 5, message: message(7140025931, 12, "halo") }, new Date(0), tag)!;
    const b = telegramUpdateToInbound({ update_id: 6, message: message(7140025932, 12, "halo") }, new Date(0), tag)!;
    expect(a.platformId).toBe(`m${tag(7140025931)}.12`);
    expect(a.platformId).not.toContain("7140025931");
    expect(a.platformId).not.toBe(b.platformId);
    const press = telegramUpdateToInbound({ update_id: 7, callback_query: { id: "7140025931000006", from, chat_instance: "1", data: "b" } }, new Date(0), tag)!;
    expect(press.platformId).toBe(`q${tag("7140025931000006")}`);
  });

  it("a callback query without a usable id is not a message", () => {
    expect(telegramUpdateToInbound({ update_id: 6, callback_query: { id: "", from, chat_instance: "1", data: "b" } })).toBeNull();
    expect(telegramUpdateToInbound({ update_id: 6, callback_query: { id: "x y", from, chat_instance: "1", data: "b" } })).toBeNull();
  });
});
