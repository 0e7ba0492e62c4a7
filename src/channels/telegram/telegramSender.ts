// Neutral OutboundMessage → Telegram Bot API calls: HTML-escaped text split at 4,096 characters, buttons
// as an inline keyboard whose callback data is only the opaque button id (on the last part of the text, or on
// the file whose caption the text is), attachments re-sent by file id or uploaded from the FileStore (a photo over
// 10 MB as a document), edits of earlier messages (editSentMessage.ts). Platform errors are mapped to DeliveryError
// by cause so the outbox knows whether to wait, retry, or stop.
import type { Telegram } from "telegraf";
import { attachmentLoadError, DeliveryError, type ChannelSender, type SentMessage } from "../../notify/channelSender.ts";
import type { FileStore } from "../../notify/fileStore.ts";
import type { OutboundAttachment, ParsedOutboundMessage } from "../../notify/outboundMessage.ts";
import { splitText } from "../../notify/splitText.ts";
import { editSentMessage } from "./editSentMessage.ts";
import { isTelegramGroupChat, TELEGRAM_LIMITS } from "./telegramLimits.ts";
import {
  deliveryErrorOf,
  escapeHtml,
  inlineKeyboard,
  TELEGRAM_CAPTION_LIMIT,
  TELEGRAM_PHOTO_MAX_BYTES,
  TELEGRAM_TEXT_LIMIT,
  textWithLinks,
} from "./telegramFormat.ts";

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
    // sendPhoto takes at most 10 MB; a larger picture still arrives, as a file.
    const kind = a.kind === "photo" && typeof file !== "string" && file.source.length > TELEGRAM_PHOTO_MAX_BYTES ? "document" : a.kind;
    switch (kind) {
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
    await editSentMessage(telegram, { chatId, messageId, message });
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
      if (message.attachments.length === 1 && chunks.length <= 1 && text.length <= TELEGRAM_CAPTION_LIMIT) {
        const id = await sendAttachment(address, message.attachments[0]!, files[0]!, {
          ...(text ? { caption: escapeHtml(text), parse_mode: "HTML" } : {}),
          ...(keyboard ? { reply_markup: keyboard } : {}),
          ...replyTo,
        });
        return { platformId: String(id) };
      }
      // The buttons ride on the last part of the text, where an edit can put the outcome beside them; on the last
      // file only when there is no text.
      for (const [i, chunk] of chunks.entries()) {
        const last = i === chunks.length - 1;
        const sent = await call("sendMessage", () =>
          telegram.sendMessage(address, escapeHtml(chunk), {
            parse_mode: "HTML",
            link_preview_options: { is_disabled: true },
            ...(i === 0 ? replyTo : {}),
            ...(last && keyboard ? { reply_markup: keyboard } : {}),
          }),
        );
        lastId = sent.message_id;
        if (last && keyboard) buttonsId = sent.message_id;
      }
      for (const [i, a] of message.attachments.entries()) {
        const last = i === message.attachments.length - 1 && chunks.length === 0;
        lastId = await sendAttachment(address, a, files[i]!, last && keyboard ? { reply_markup: keyboard } : {});
        if (last && keyboard) buttonsId = lastId;
      }
      // The id kept is the one later edits need: the message with the buttons, else the last one sent.
      const id = buttonsId ?? lastId;
      if (id === undefined)
        throw new DeliveryError("rejected", "Telegram: an empty message (no text, no attachment) cannot be sent", { method: "sendMessage" });
      return { platformId: String(id) };
    },
  };
}
