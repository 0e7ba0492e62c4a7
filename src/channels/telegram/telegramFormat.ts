// How a neutral message reads on Telegram: HTML-escaped text with its links, buttons as an inline keyboard, and
// Telegram's size limits (https://core.telegram.org/bots/api: sendMessage, sendPhoto, InlineKeyboardButton).
import { TelegramError } from "telegraf";
import type { InlineKeyboardButton, InlineKeyboardMarkup } from "telegraf/types";
import { DeliveryError } from "../../notify/channelSender.ts";
import type { ParsedOutboundMessage } from "../../notify/outboundMessage.ts";

/** sendMessage: "Text of the message to be sent, 1-4096 characters after entities parsing". */
export const TELEGRAM_TEXT_LIMIT = 4096;
/** sendPhoto, sendDocument...: "Caption ..., 0-1024 characters after entities parsing". */
export const TELEGRAM_CAPTION_LIMIT = 1024;
/** sendPhoto: "The photo must be at most 10 MB in size"; a larger one goes as a document. */
export const TELEGRAM_PHOTO_MAX_BYTES = 10 * 1024 * 1024;
/** answerCallbackQuery: "Text of the notification ..., 0-200 characters". */
export const TELEGRAM_CALLBACK_ANSWER_LIMIT = 200;
/** Our own bound on a button's label (Telegram documents none; a longer one is cut off on screen anyway). */
const LABEL_MAX = 64;

/** Escapes text for parse_mode HTML: everything we send is plain text, whoever typed it. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The text with its links, as one message shows them. */
export function textWithLinks(message: ParsedOutboundMessage): string {
  const links = message.links.map((l) => `${l.label}: ${l.url}`);
  return [message.text, ...links].filter((s) => s.length > 0).join("\n\n");
}

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** At most `max` UTF-16 units, cut between characters as people see them: never inside an emoji or its modifiers. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = "";
  for (const { segment } of graphemes.segment(text)) {
    if (out.length + segment.length > max) break;
    out += segment;
  }
  return out;
}

/** A button's label, cut to our bound between characters. */
export function cutLabel(label: string, max = LABEL_MAX): string {
  return cutText(label, max);
}

/** Buttons as inline keyboard rows: two per row when the labels are short, else one. */
export function inlineKeyboard(buttons: ParsedOutboundMessage["buttons"]): InlineKeyboardMarkup | undefined {
  const keys: InlineKeyboardButton[] = buttons.filter((b) => b.id).map((b) => ({ text: cutLabel(b.label), callback_data: b.id! }));
  if (keys.length === 0) return undefined;
  const short = keys.every((k) => k.text.length <= 18);
  const perRow = short && keys.length > 2 ? 2 : short && keys.length === 2 ? 2 : 1;
  const rows: InlineKeyboardButton[][] = [];
  for (let i = 0; i < keys.length; i += perRow) rows.push(keys.slice(i, i + perRow));
  return { inline_keyboard: rows };
}

/** Maps a Bot API failure to what the outbox should do about it. */
export function deliveryErrorOf(error: unknown, method: string): DeliveryError {
  if (error instanceof TelegramError) {
    const { code, description } = error;
    const details = { method, code, description };
    if (code === 429)
      return new DeliveryError("rate_limited", `Telegram ${method} ${code}: ${description}`, {
        ...details,
        retryAfterMs: (error.parameters?.retry_after ?? 1) * 1000,
      });
    if (code === 403 || /chat not found|user is deactivated|bot was kicked/i.test(description)) {
      return new DeliveryError("blocked", `Telegram ${method} ${code}: ${description}`, details);
    }
    if (code >= 500) return new DeliveryError("transient", `Telegram ${method} ${code}: ${description}`, details);
    return new DeliveryError("rejected", `Telegram ${method} ${code}: ${description}`, details);
  }
  return new DeliveryError("transient", `Telegram ${method}: network failure (${(error as Error)?.message ?? String(error)})`, { method });
}
