// The neutral incoming message every channel produces from its platform's updates, and the one failure of handing
// it to the dialogs that is worth another try (InboundNotKept).
// The dialogs and the core see only this, never telegraf, baileys or imapflow types.
import { z } from "zod";
import { CHANNELS, type Channel } from "./channelModules.ts";

export { CHANNELS, type Channel };

export const attachmentSchema = z.object({
  kind: z.enum(["photo", "document", "voice", "audio", "video"]),
  /** Where the bytes are: "telegram:<file_id>", or "file:<id>" once saved in the FileStore. */
  fileRef: z.string().min(1),
  name: z.string().optional(),
  mimeType: z.string().optional(),
  size: z.number().int().nonnegative().optional(),
});

export const inboundMessageSchema = z.object({
  channel: z.enum(CHANNELS),
  /** Where replies go: Telegram chat id, WhatsApp jid, email address. */
  address: z.string().min(1),
  /** The platform's id for this message or update, for idempotency and reply threading. */
  platformId: z.string().min(1),
  /** The sender's display name as the platform gives it (never logged). */
  senderName: z.string().optional(),
  /** Language the platform reports for the sender ("id", "en", ...). */
  senderLanguage: z.string().optional(),
  /** What the person wrote. With a button press: only text they added to it (an email "REVISI: <alasan>"), never the label. */
  text: z.string().default(""),
  /** A command such as /start CODE: name without the slash, lower-case; args the rest. */
  command: z.object({ name: z.string().min(1), args: z.string() }).optional(),
  /** Opaque id of a pressed button (resolved on the server). */
  buttonId: z.string().optional(),
  /** The platform id of the message this one replies to / quotes. */
  replyToPlatformId: z.string().optional(),
  attachments: z.array(attachmentSchema).default([]),
  /** Email: the subject line (the case tag "[Kasus #12]" is read from it). */
  subject: z.string().optional(),
  /** Email: the Message-IDs this message answers (In-Reply-To first, then References, newest first). */
  references: z.array(z.string()).default([]),
  /**
   * The platform could not confirm that the sender owns `address` (email whose receiving server did not
   * authenticate it): the message may go on to a counsellor, marked so, but never acts for the address.
   */
  unverifiedSender: z.boolean().optional(),
  receivedAt: z.date(),
});

export type Attachment = z.infer<typeof attachmentSchema>;
export type InboundMessage = z.infer<typeof inboundMessageSchema>;

/**
 * The message could be neither handled nor kept (the database does not answer): the one failure where the channel
 * should have the platform deliver it again, or try again itself. Every other outcome is final: handled, kept to be
 * handled later (retried, and a dead letter if it keeps failing), or refused for good.
 */
export class InboundNotKept extends Error {
  constructor(cause: unknown) {
    super(`the inbound message could be neither handled nor kept: ${cause instanceof Error ? cause.message.split("\n")[0] : String(cause)}`, { cause });
    this.name = "InboundNotKept";
  }
}
