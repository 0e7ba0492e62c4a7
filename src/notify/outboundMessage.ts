// The neutral outgoing message every channel renders (text, buttons, links, attachments).
// Text is always plain text: every channel escapes it for its own markup, so nothing a person typed
// can inject formatting or links.
import { z } from "zod";
import { buttonActionSchema } from "../dialogs/buttonActions.ts";

/** What pressing a button means: one union of typed kinds (src/dialogs/buttonActions.ts). */
export { buttonActionSchema, type ButtonAction } from "../dialogs/buttonActions.ts";

export const buttonSchema = z.object({
  label: z.string().min(1),
  /** Opaque id sent as callback data / resolved from a numbered answer; set when the message is queued. */
  id: z.string().optional(),
  action: buttonActionSchema,
});

export const ATTACHMENT_KINDS = ["photo", "document", "voice", "audio", "video"] as const;

export const outboundAttachmentSchema = z.object({
  kind: z.enum(ATTACHMENT_KINDS),
  /**
   * Where the bytes are: "telegram:<file_id>" (re-sendable by id on Telegram), or "file:<id>" for bytes
   * kept by the FileStore (see src/notify/fileStore.ts).
   */
  ref: z.string().min(1),
  name: z.string().optional(),
  mimeType: z.string().optional(),
});

/** A calendar invitation, attached as an ICS file for email recipients. */
export const calendarInviteSchema = z.object({
  uid: z.string().min(1),
  method: z.enum(["REQUEST", "CANCEL"]),
  sequence: z.number().int().nonnegative().default(0),
  start: z.coerce.date(),
  end: z.coerce.date(),
  title: z.string().min(1),
  description: z.string().optional(),
  url: z.string().optional(),
  organizerEmail: z.string().optional(),
  attendeeEmails: z.array(z.string()).default([]),
});

export const outboundMessageSchema = z.object({
  text: z.string(),
  buttons: z.array(buttonSchema).default([]),
  links: z.array(z.object({ label: z.string(), url: z.url() })).default([]),
  attachments: z.array(outboundAttachmentSchema).default([]),
  /** The case this message is about: email puts "[Kasus #12]" in the subject and threads on it. */
  caseNo: z.number().int().positive().optional(),
  /** A short subject line for channels that have one (email). */
  subject: z.string().optional(),
  invite: calendarInviteSchema.optional(),
  /** Platform id of an earlier message this one replaces (edit where the channel can, else a new message). */
  replaces: z.string().optional(),
  /** With `replaces`: only the buttons change; the text and attachments stay as they were sent. */
  keyboardOnly: z.boolean().optional(),
  /** Platform id of a message this one answers (Telegram reply, WhatsApp quote, email In-Reply-To). */
  replyTo: z.string().optional(),
  /** With replyTo: the thread the answered message belongs to, oldest first (email: its References), carried on in ours. */
  replyThread: z.array(z.string()).optional(),
});

export type OutboundButton = z.infer<typeof buttonSchema>;
export type OutboundAttachment = z.infer<typeof outboundAttachmentSchema>;
export type CalendarInvite = z.infer<typeof calendarInviteSchema>;
export type OutboundMessage = z.input<typeof outboundMessageSchema>;
/** A message after parsing: every list present. */
export type ParsedOutboundMessage = z.output<typeof outboundMessageSchema>;

/** A plain text message. */
export function textMessage(text: string, extra: Partial<OutboundMessage> = {}): OutboundMessage {
  return { text, buttons: [], links: [], attachments: [], ...extra };
}
