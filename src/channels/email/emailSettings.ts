// The settings the email channel takes, as zod schemas: src/config.ts maps IMAP_* / SMTP_* / MAIL_* onto
// these, and each piece validates its own options so a wrong value names the setting.
import { z } from "zod";

const port = z.number().int().min(1).max(65535);

/** Where incoming mail is read: one mailbox of one IMAP account. */
export const imapSettingsSchema = z.object({
  host: z.string().min(1),
  /** 993 with secure (implicit TLS), 143 for STARTTLS or plain on loopback. */
  port: port.default(993),
  /** true: TLS from the first byte; false: STARTTLS when the server offers it. */
  secure: z.boolean().default(true),
  user: z.string().min(1),
  password: z.string().min(1),
  mailbox: z.string().min(1).default("INBOX"),
});
/** IMAP settings as passed in (defaults optional). */
export type ImapSettings = z.input<typeof imapSettingsSchema>;

/** Where outgoing mail is handed over: an SMTP submission server. */
export const smtpSettingsSchema = z.object({
  host: z.string().min(1),
  /** 465 with secure (implicit TLS), 587 for STARTTLS submission. */
  port: port.default(587),
  secure: z.boolean().default(false),
  /** Optional: a local relay may accept mail without login. */
  user: z.string().min(1).optional(),
  password: z.string().min(1).optional(),
});
/** SMTP settings as passed in (defaults optional). */
export type SmtpSettings = z.input<typeof smtpSettingsSchema>;

/** Size limits for incoming mail; larger parts are dropped and reported, never buffered. */
export const mailLimitsSchema = z.object({
  /** One attachment larger than this is dropped (the person is told). */
  maxAttachmentBytes: z.number().int().positive().default(10 * 1024 * 1024),
  /** Attachments past this count are dropped. */
  maxAttachments: z.number().int().positive().default(10),
  /** A whole message larger than this is not downloaded; only its headers are read. */
  maxMessageBytes: z.number().int().positive().default(40 * 1024 * 1024),
  /** Text longer than this is cut (and flagged). */
  maxTextChars: z.number().int().positive().default(20_000),
});
/** Size limits with defaults filled in. */
export type MailLimits = z.output<typeof mailLimitsSchema>;

const MAILBOX = /^[^\s<>@]+@[^\s<>@]+$/;

/** MAIL_FROM: "konseling@unit.go.id" or "Pintu Konseling <konseling@unit.go.id>". */
export const mailFromSchema = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const match = /^(.*?)\s*<([^<>]+)>$/.exec(value);
    const name = match ? match[1]!.replace(/^"|"$/g, "").trim() : "";
    const address = (match ? match[2]! : value).trim().toLowerCase();
    if (!MAILBOX.test(address)) {
      ctx.addIssue({ code: "custom", message: 'not a sender address: use "name@domain" or "Name <name@domain>"' });
      return z.NEVER;
    }
    return { name: name || undefined, address, domain: address.slice(address.lastIndexOf("@") + 1) };
  });
/** A parsed MAIL_FROM: address, optional display name, and the domain our Message-IDs use. */
export type MailFrom = z.output<typeof mailFromSchema>;
