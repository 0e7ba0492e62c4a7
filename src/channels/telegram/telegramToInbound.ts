// Telegram update → neutral InboundMessage. Private chats only; edits, channel posts, group chatter and
// service messages are not for the front door (null).
import type { Message, Update } from "telegraf/types";
import { inboundMessageSchema, type Attachment, type InboundMessage } from "../inboundMessage.ts";
import { parseCommand } from "../parseCommand.ts";

const ref = (fileId: string) => `telegram:${fileId}`;

function attachmentsOf(m: Message): Attachment[] {
  if ("photo" in m && m.photo?.length) {
    const largest = m.photo[m.photo.length - 1]!;
    return [{ kind: "photo", fileRef: ref(largest.file_id), size: largest.file_size, mimeType: "image/jpeg" }];
  }
  if ("document" in m && m.document) {
    return [{ kind: "document", fileRef: ref(m.document.file_id), name: m.document.file_name, mimeType: m.document.mime_type, size: m.document.file_size }];
  }
  if ("voice" in m && m.voice) return [{ kind: "voice", fileRef: ref(m.voice.file_id), mimeType: m.voice.mime_type, size: m.voice.file_size }];
  if ("audio" in m && m.audio) {
    return [{ kind: "audio", fileRef: ref(m.audio.file_id), name: m.audio.file_name, mimeType: m.audio.mime_type, size: m.audio.file_size }];
  }
  if ("video" in m && m.video) {
    return [{ kind: "video", fileRef: ref(m.video.file_id), name: m.video.file_name, mimeType: m.video.mime_type, size: m.video.file_size }];
  }
  return [];
}

/** The neutral message for an update, or null when the update is not something the front door answers. */
export function telegramUpdateToInbound(update: Update, receivedAt: Date = new Date()): InboundMessage | null {
  const platformId = `u${update.update_id}`;
  if ("callback_query" in update && update.callback_query) {
    const q = update.callback_query;
    const chat = q.message?.chat;
    if (!("data" in q) || typeof q.data !== "string" || (chat && chat.type !== "private")) return null;
    return inboundMessageSchema.parse({
      channel: "telegram",
      // Who pressed decides what the press may do (in a private chat the chat id is the presser's id).
      address: String(q.from.id),
      platformId,
      senderName: q.from.first_name,
      senderLanguage: q.from.language_code,
      buttonId: q.data,
      receivedAt,
    });
  }
  if (!("message" in update) || !update.message) return null;
  const m = update.message;
  if (m.chat.type !== "private" || !m.from || m.from.is_bot) return null;
  const text = "text" in m ? m.text : "caption" in m ? (m.caption ?? "") : "";
  const attachments = attachmentsOf(m);
  if (!text && attachments.length === 0) return null; // stickers, locations, contacts...: nothing to act on
  const replyTo = "reply_to_message" in m && m.reply_to_message ? String(m.reply_to_message.message_id) : undefined;
  return inboundMessageSchema.parse({
    channel: "telegram",
    address: String(m.chat.id),
    platformId,
    senderName: m.from.first_name,
    senderLanguage: m.from.language_code,
    text,
    command: "text" in m ? parseCommand(m.text) : undefined,
    replyToPlatformId: replyTo,
    attachments,
    receivedAt,
  });
}
