// The local page's JSON → neutral InboundMessage, checked with zod. The page sends what a chat app would:
// text, the opaque id of a pressed button, the id of the message replied to, a small file.
import { z } from "zod";
import { inboundMessageSchema, type Attachment, type InboundMessage } from "../inboundMessage.ts";
import { parseCommand } from "../parseCommand.ts";
import { PANE_ID } from "./localPanes.ts";

/** The largest file the page may attach (the demo keeps bytes in the database like any channel). */
export const LOCAL_MAX_FILE_BYTES = 2 * 1024 * 1024;

/** A post from the page, checked before anything else reads it. */
export const localPostSchema = z
  .object({
    pane: z.string().regex(PANE_ID, "expected a pane id such as ipdn-konselor"),
    /** The page's own id for this message, so a resend after a network error is handled once. */
    id: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,64}$/, "expected 8-64 characters of A-Z, a-z, 0-9, _ and -")
      .optional(),
    text: z.string().max(4000, "at most 4,000 characters").default(""),
    buttonId: z.string().min(1).max(64).optional(),
    replyTo: z.string().min(1).max(80).optional(),
    lang: z.enum(["id", "en"]).optional(),
    file: z
      .object({
        name: z.string().min(1).max(200),
        mimeType: z.string().max(120).default("application/octet-stream"),
        base64: z.string().max(Math.ceil(LOCAL_MAX_FILE_BYTES / 3) * 4 + 4, "file too large"),
      })
      .optional(),
  })
  .refine((p) => p.text.trim() !== "" || p.buttonId !== undefined || p.file !== undefined, { message: "a message needs text, a button or a file" });

export type LocalPost = z.infer<typeof localPostSchema>;

/** Which kind of attachment a file is, from its MIME type. */
export function attachmentKindOf(mimeType: string): Attachment["kind"] {
  if (/^image\/(png|jpeg|gif|webp)$/i.test(mimeType)) return "photo";
  if (/^audio\/ogg/i.test(mimeType)) return "voice";
  if (/^audio\//i.test(mimeType)) return "audio";
  if (/^video\//i.test(mimeType)) return "video";
  return "document";
}

/**
 * The neutral message for a post. A client pane of an organisation other than the default one is that
 * organisation's entry point, like a Telegram deep link: a bare /start there names it (`deepLinkOrgId`).
 */
export function localPostToInbound(
  post: LocalPost,
  p: { platformId: string; attachments: Attachment[]; deepLinkOrgId?: string; receivedAt: Date },
): InboundMessage {
  const text = post.buttonId ? "" : post.text;
  let command = text ? parseCommand(text) : undefined;
  if (command?.name === "start" && !command.args && p.deepLinkOrgId) command = { name: "start", args: p.deepLinkOrgId };
  return inboundMessageSchema.parse({
    channel: "local",
    address: post.pane,
    platformId: p.platformId,
    senderLanguage: post.lang,
    text,
    command,
    buttonId: post.buttonId,
    replyToPlatformId: post.replyTo,
    attachments: p.attachments,
    receivedAt: p.receivedAt,
  });
}
