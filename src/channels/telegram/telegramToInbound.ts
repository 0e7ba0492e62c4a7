// Telegram update → neutral InboundMessage. Private chats only; edits, channel posts, group chatter and
// service messages are not for the front door (null).
//
// The message's platform id is its dedupe key, so it is what stays unique: a message's chat and message id (which
// only grow in a chat), or a callback query's own id, and not the update_id. "If there are no new updates for at least
// a week, then identifier of the next update will be chosen randomly instead of sequentially"
// (https://core.telegram.org/bots/api#update), so an update after a quiet week could carry the id of one already
// handled and be dropped as a duplicate of it. A redelivered update carries the same message or query, so the same key.
//
// An update is what arrives on the wire (long polling or a webhook anyone can post to), so it is read through
// a schema of the fields we use, never trusted as the telegraf type says: a field of the wrong type makes the
// update null (ids, chat, text) or is left out (name, language, file details), and nothing here throws.
import { z } from "zod";
import { inboundMessageSchema, type Attachment, type InboundMessage } from "../inboundMessage.ts";
import { parseCommand } from "../parseCommand.ts";

/** An optional field that is dropped, not fatal, when it has the wrong type. */
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

const id = z.union([z.number().int(), z.string().regex(/^-?\d{1,20}$/)]);
const fileId = z.string().regex(/^[A-Za-z0-9_-]{1,256}$/);
const fileSize = lenient(z.number().int().nonnegative());

const user = z.object({
  id,
  is_bot: z.boolean().catch(false),
  first_name: lenient(z.string()),
  language_code: lenient(z.string()),
});

const file = z.object({ file_id: fileId, file_name: lenient(z.string()), mime_type: lenient(z.string()), file_size: fileSize });

const message = z.object({
  message_id: id,
  chat: z.object({ id, type: z.string() }),
  from: user.optional(),
  text: z.string().optional(),
  caption: lenient(z.string()),
  reply_to_message: lenient(z.object({ message_id: id })),
  photo: lenient(z.array(z.object({ file_id: fileId, file_size: fileSize })).min(1)),
  document: lenient(file),
  voice: lenient(file),
  audio: lenient(file),
  video: lenient(file),
});

const callbackQuery = z.object({
  id: z.string().regex(/^[\w-]{1,64}$/),
  from: user,
  data: z.string().min(1),
  message: lenient(z.object({ chat: z.object({ type: z.string() }) })),
});

const update = z.object({
  update_id: z.number().int().nonnegative(),
  message: message.optional(),
  callback_query: callbackQuery.optional(),
});

type WireMessage = z.infer<typeof message>;

const ref = (fileId: string) => `telegram:${fileId}`;

function attachmentsOf(m: WireMessage): Attachment[] {
  if (m.photo) {
    const largest = m.photo[m.photo.length - 1]!;
    return [{ kind: "photo", fileRef: ref(largest.file_id), size: largest.file_size, mimeType: "image/jpeg" }];
  }
  for (const kind of ["document", "voice", "audio", "video"] as const) {
    const f = m[kind];
    if (f) return [{ kind, fileRef: ref(f.file_id), name: kind === "voice" ? undefined : f.file_name, mimeType: f.mime_type, size: f.file_size }];
  }
  return [];
}

/**
 * How a platform id names a message's chat or a press's query id (the dedupe mark and the stored message keep that
 * id; a query id carries the presser's user id): the service passes a keyed hash, so neither says which chat wrote
 * (issue 15 item 7); the default is the value itself.
 */
export type ChatTag = (value: number | string) => string;

/** The neutral message for an update, or null when the update is not something the front door answers. */
export function telegramUpdateToInbound(raw: unknown, receivedAt: Date = new Date(), chatTag: ChatTag = String): InboundMessage | null {
  const parsed = update.safeParse(raw);
  if (!parsed.success) return null;
  const u = parsed.data;
  if (u.callback_query) {
    const q = u.callback_query;
    const platformId = `q${chatTag(q.id)}`;
    if (q.message && q.message.chat.type !== "private") return null;
    const result = inboundMessageSchema.safeParse({
      channel: "telegram",
      // Who pressed decides what the press may do (in a private chat the chat id is the presser's id).
      address: String(q.from.id),
      platformId,
      senderName: q.from.first_name,
      senderLanguage: q.from.language_code,
      buttonId: q.data,
      receivedAt,
    });
    return result.success ? result.data : null;
  }
  if (!u.message) return null;
  const m = u.message;
  if (m.chat.type !== "private" || !m.from || m.from.is_bot) return null;
  // A message id is unique within its chat only, so the chat is part of the key.
  const platformId = `m${chatTag(m.chat.id)}.${m.message_id}`;
  const text = m.text ?? m.caption ?? "";
  const attachments = attachmentsOf(m);
  if (!text && attachments.length === 0) return null; // stickers, locations, contacts...: nothing to act on
  const result = inboundMessageSchema.safeParse({
    channel: "telegram",
    address: String(m.chat.id),
    platformId,
    senderName: m.from.first_name,
    senderLanguage: m.from.language_code,
    text,
    command: m.text !== undefined ? parseCommand(m.text) : undefined,
    replyToPlatformId: m.reply_to_message ? String(m.reply_to_message.message_id) : undefined,
    attachments,
    receivedAt,
  });
  return result.success ? result.data : null;
}
