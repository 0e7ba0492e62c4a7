// Telegram Update JSON as Telegram sends it to a webhook: a private text message, or a button press
// (callback_query) on a message of the bot. Update ids come from one counter per run, like Telegram's.
import type { Update } from "telegraf/types";

/** A Telegram user writing to the bot from a private chat (chat id = user id). */
export interface BenchUser {
  id: number;
  firstName: string;
}

/** Hands out increasing update ids (the product marks each one handled). */
export function updateIdCounter(start = 1): () => number {
  let next = start;
  return () => next++;
}

const BOT = { id: 123456789, is_bot: true, first_name: "Pintu", username: "pintu_bench_bot" };
const unixNow = () => Math.floor(Date.now() / 1000);

/** A text message from `user` (a leading /command carries its bot_command entity). */
export function messageUpdate(updateId: number, user: BenchUser, text: string): Update {
  const command = /^\/[A-Za-z0-9_]+/.exec(text)?.[0];
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: unixNow(),
      chat: { id: user.id, type: "private", first_name: user.firstName },
      from: { id: user.id, is_bot: false, first_name: user.firstName, language_code: "id" },
      text,
      ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command.length }] } : {}),
    },
  } as Update;
}

/** `user` pressing the inline button whose callback data is `data` on a message of the bot. */
export function callbackUpdate(updateId: number, user: BenchUser, data: string): Update {
  return {
    update_id: updateId,
    callback_query: {
      id: `${user.id}${updateId}`,
      from: { id: user.id, is_bot: false, first_name: user.firstName, language_code: "id" },
      message: { message_id: 1, date: unixNow(), chat: { id: user.id, type: "private", first_name: user.firstName }, from: BOT, text: "…" },
      chat_instance: String(user.id * 7919),
      data,
    },
  } as Update;
}
