// Neutral OutboundMessage → Telegram Bot API calls: HTML-escaped text split at 4,096 characters, buttons
// as an inline keyboard whose callback data is only the opaque button id, attachments re-sent by file id
// or uploaded from the FileStore, edits of earlier messages. Platform errors are mapped to DeliveryError
// by cause so the outbox knows whether to wait, retry, or stop.
import type { Telegram } from "telegraf";
import { TelegramError } from "telegraf";
import type { InlineKeyboardButton, InlineKeyboardMarkup } from "telegraf/types";
import { attachmentLoadError, DeliveryError, type ChannelSender, type SentMessage } from "../../notify/channelSender.ts";
import { isTelegramGroupChat, TELEGRAM_LIMITS } from "./telegramLimits.ts";
import type { FileStore } from "../../notify/fileStore.ts";
import type { OutboundAttachment, ParsedOutboundMessage } from "../../notify/outboundMessage.ts";
import { splitText } from "../../notify/splitText.ts";

export const TELEGRAM_TEXT_LIMIT = 4096;
const CAPTION_LIMIT = 1024;

/** Escapes text for parse_mode HTML: everything we send is plain text, whoever typed it. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Buttons as inline keyboard rows: two per row when the labels are short, else one. */
export function inlineKeyboard(buttons: ParsedOutboundMessage["buttons"]): InlineKeyboardMarkup | undefined {
  const keys: InlineKeyboardButton[] = buttons.filter((b) => b.id).map((b) => ({ text: b.label.slice(0, 64), callback_data: b.id! }));
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

function textWithLinks(message: ParsedOutboundMessage): string {
  const links = message.links.map((l) => `${l.label}: ${l.url}`);
  return [message.text, ...links].filter((s) => s.length > 0).join("\n\n");
}

export function createTelegramSender(telegram: Telegram, deps: { fileStore: FileStore }): ChannelSender {
  const call = async <T>(method: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      throw deliveryErrorOf(error, method);
    }
  };

  async function inputFile(a: OutboundAttachment): Promise<string | { source: Buffer; filename: string }> {
    if (a.ref.startsWith("telegram:")) return a.ref.slice("telegram:".length);
    const file = await deps.fileStore.load(a.ref).catch((error: unknown) => {
      throw attachmentLoadError(
        error,
        error instanceof Error ? new DeliveryError("transient", error.message, { method: "fileStore.load" }) : new DeliveryError("transient", String(error)),
      );
    });
    return { source: file.bytes, filename: a.name ?? file.name ?? "lampiran" };
  }

  type InputFile = Awaited<ReturnType<typeof inputFile>>;

  async function sendAttachment(chatId: string, a: OutboundAttachment, file: InputFile, extra: Record<string, unknown>): Promise<number> {
    switch (a.kind) {
      case "photo":
        return (await call("sendPhoto", () => telegram.sendPhoto(chatId, file, extra))).message_id;
      case "voice":
        return (await call("sendVoice", () => telegram.sendVoice(chatId, file, extra))).message_id;
      case "audio":
        return (await call("sendAudio", () => telegram.sendAudio(chatId, file, extra))).message_id;
      case "video":
        return (await call("sendVideo", () => telegram.sendVideo(chatId, file, extra))).message_id;
      default:
        return (await call("sendDocument", () => telegram.sendDocument(chatId, file, extra))).message_id;
    }
  }

  async function edit(chatId: string, messageId: number, message: ParsedOutboundMessage): Promise<SentMessage> {
    const text = splitText(textWithLinks(message), TELEGRAM_TEXT_LIMIT)[0]!;
    const markup = inlineKeyboard(message.buttons) ?? { inline_keyboard: [] };
    try {
      // Only the keyboard changes: the text (perhaps one chunk of several, or a caption) stays as it was sent.
      if (message.keyboardOnly) await telegram.editMessageReplyMarkup(chatId, messageId, undefined, markup);
      else await telegram.editMessageText(chatId, messageId, undefined, escapeHtml(text), { parse_mode: "HTML", reply_markup: markup });
    } catch (error) {
      // Already showing this text, or too old / gone to edit: nothing more to do for an edit.
      if (error instanceof TelegramError && error.code === 400 && /not modified|not found|can't be edited|no text in the message/i.test(error.description)) {
        return { platformId: String(messageId) };
      }
      throw deliveryErrorOf(error, message.keyboardOnly ? "editMessageReplyMarkup" : "editMessageText");
    }
    return { platformId: String(messageId) };
  }

  return {
    channel: "telegram",
    limits: TELEGRAM_LIMITS,
    maxTextLength: TELEGRAM_TEXT_LIMIT,
    isGroupChat: isTelegramGroupChat,
    async send(address, message) {
      if (message.replaces && /^\d+$/.test(message.replaces)) return edit(address, Number(message.replaces), message);
      const keyboard = inlineKeyboard(message.buttons);
      const text = textWithLinks(message);
      const replyTo =
        message.replyTo && /^\d+$/.test(message.replyTo)
          ? { reply_parameters: { message_id: Number(message.replyTo), allow_sending_without_reply: true } }
          : {};
      let lastId: number | undefined;
      let buttonsId: number | undefined;
      // Every file is loaded before anything is sent: a missing one must not leave the text sent and then
      // sent again when the outbox retries.
      const files: InputFile[] = [];
      for (const a of message.attachments) files.push(await inputFile(a));

      const chunks = text ? splitText(text, TELEGRAM_TEXT_LIMIT) : [];
      // A single attachment with a short text goes out as one message with a caption.
      if (message.attachments.length === 1 && chunks.length <= 1 && text.length <= CAPTION_LIMIT) {
        const id = await sendAttachment(address, message.attachments[0]!, files[0]!, {
          ...(text ? { caption: escapeHtml(text), parse_mode: "HTML" } : {}),
          ...(keyboard ? { reply_markup: keyboard } : {}),
          ...replyTo,
        });
        return { platformId: String(id) };
      }
      for (const [i, chunk] of chunks.entries()) {
        const last = i === chunks.length - 1 && message.attachments.length === 0;
        const sent = await call("sendMessage", () =>
          telegram.sendMessage(address, escapeHtml(chunk), {
            parse_mode: "HTML",
            link_preview_options: { is_disabled: true },
            ...(i === 0 ? replyTo : {}),
            ...(last && keyboard ? { reply_markup: keyboard } : {}),
          }),
        );
        lastId = sent.message_id;
        if (last) buttonsId = sent.message_id;
      }
      for (const [i, a] of message.attachments.entries()) {
        const last = i === message.attachments.length - 1;
        lastId = await sendAttachment(address, a, files[i]!, last && keyboard ? { reply_markup: keyboard } : {});
        if (last) buttonsId = lastId;
      }
      const id = buttonsId ?? lastId;
      if (id === undefined)
        throw new DeliveryError("rejected", "Telegram: an empty message (no text, no attachment) cannot be sent", { method: "sendMessage" });
      return { platformId: String(id) };
    },
  };
}
