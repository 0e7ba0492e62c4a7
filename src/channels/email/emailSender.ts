// The email channel's sending half: a neutral OutboundMessage becomes one email through SMTP (nodemailer),
// with the case tag in the subject, buttons as reply keywords, attachments from the FileStore, an ICS
// invite, and threading headers: References carries the answered mail's chain and its Message-ID (RFC 5322 §3.6.4),
// and every mail says it was sent automatically (Auto-Submitted, RFC 3834), "auto-replied" when it answers a
// mail, "auto-generated" otherwise, so other robots do not answer it. The returned platform id is the new Message-ID.
import nodemailer, { type Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import type Mail from "nodemailer/lib/mailer";
import { emailTextsFor } from "../../i18n/email.ts";
import type { Logger } from "../../logger.ts";
import { attachmentLoadError, DeliveryError, type ChannelSender, type SentMessage } from "../../notify/channelSender.ts";
import type { FileStore } from "../../notify/fileStore.ts";
import type { CalendarInvite, ParsedOutboundMessage } from "../../notify/outboundMessage.ts";
import { renderIcsInvite } from "../../scheduling/icsInvite.ts";
import { caseSubject } from "./caseSubject.ts";
import { mailFromSchema, smtpSettingsSchema, type SmtpSettings } from "./emailSettings.ts";
import { isMailboxAddress } from "./mailboxAddress.ts";
import type { MailTokenSource } from "./mailOAuth.ts";
import { asMessageId, caseThreadId, newMessageId, replyReferences } from "./messageIds.ts";
import { renderEmailBody } from "./renderEmailBody.ts";
import { deliveryErrorFromSmtp } from "./smtpDeliveryError.ts";

/** Languages of the reply instructions. */
export type EmailLocale = "id" | "en";

/** Everything the sender needs; smtp and from are validated at creation. */
export interface EmailSenderOptions {
  smtp: SmtpSettings;
  /** MAIL_FROM: "konseling@unit.go.id" or "Pintu Konseling <konseling@unit.go.id>"; its domain names our Message-IDs. */
  from: string;
  fileStore: FileStore;
  logger: Logger;
  /** Language of the reply instructions: fixed, or per recipient. Default "id". */
  locale?: EmailLocale | ((address: string) => EmailLocale | Promise<EmailLocale>);
  /** TLS options for a server with a private CA. */
  tls?: { rejectUnauthorized?: boolean; servername?: string };
  /** Sign in with OAuth access tokens (SASL XOAUTH2) as smtp.user instead of a password. */
  tokens?: MailTokenSource;
}

/** nodemailer's sign-in: XOAUTH2 with tokens from the source (renewed when the server refused one), a password, or none. */
function smtpAuth(smtp: { user?: string; password?: string }, tokens: MailTokenSource | undefined): SMTPTransport.Options["auth"] {
  if (tokens) {
    if (!smtp.user) throw new Error("SMTP with OAuth needs the mailbox's address as SMTP user");
    return {
      type: "OAuth2",
      user: smtp.user,
      provisionCallback(_user, renew, done) {
        tokens.accessToken({ renew }).then(
          (token) => done(null, token, tokens.expiresAt),
          (err: Error) => done(err, "", 0),
        );
      },
    };
  }
  return smtp.user ? { user: smtp.user, pass: smtp.password ?? "" } : undefined;
}

/** A ChannelSender for email, plus close() for shutdown. */
export interface EmailSender extends ChannelSender {
  close(): void;
}

/** Creates the email sender; settings are validated here, so a bad SMTP_* or MAIL_FROM fails at start-up. */
export function createEmailSender(options: EmailSenderOptions): EmailSender {
  const smtp = smtpSettingsSchema.parse(options.smtp);
  const from = mailFromSchema.parse(options.from);
  const log = options.logger.child({ module: "email.smtp" });
  const transport: Transporter<SMTPTransport.SentMessageInfo> = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: smtpAuth(smtp, options.tokens),
    tls: options.tls,
    connectionTimeout: 20_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    logger: false,
  });

  async function localeFor(address: string): Promise<EmailLocale> {
    const l = options.locale;
    return typeof l === "function" ? await l(address) : (l ?? "id");
  }

  async function attachmentsOf(message: ParsedOutboundMessage): Promise<Mail.Attachment[]> {
    const out: Mail.Attachment[] = [];
    for (const [i, a] of message.attachments.entries()) {
      try {
        const file = await options.fileStore.load(a.ref);
        out.push({ filename: a.name ?? file.name ?? `lampiran-${i + 1}`, content: file.bytes, contentType: a.mimeType ?? file.mimeType });
      } catch (err) {
        throw attachmentLoadError(
          err,
          new DeliveryError(
            "rejected",
            `attachment ${i + 1} (${a.ref.split(":")[0]}:…) cannot be loaded for email: only FileStore refs ("file:<id>") that still exist can be attached`,
            {
              method: "fileStore.load",
              description: (err as Error)?.name,
            },
          ),
        );
      }
    }
    return out;
  }

  /** The ICS with an ORGANIZER (us, unless the invite names one) and the recipient as attendee, so their client offers RSVP. */
  function inviteIcs(invite: CalendarInvite, recipient: string): string {
    const attendeeEmails = [...new Set([...invite.attendeeEmails, recipient].map((a) => a.trim().toLowerCase()))];
    try {
      return renderIcsInvite({ ...invite, organizerEmail: invite.organizerEmail ?? from.address, attendeeEmails }, { organizerName: from.name });
    } catch (err) {
      throw new DeliveryError("rejected", `the calendar invite cannot be rendered: ${(err as Error).message}`, { method: "renderIcsInvite" });
    }
  }

  return {
    channel: "email",
    async send(address: string, message: ParsedOutboundMessage): Promise<SentMessage> {
      const to = address.trim();
      if (!isMailboxAddress(to))
        throw new DeliveryError("rejected", "not an email address: the person's email channel identity is malformed", { method: "sendMail" });
      const t = emailTextsFor(await localeFor(to));
      const messageId = newMessageId(from.domain);
      const body = renderEmailBody(message, t);
      const references = replyReferences({
        caseThread: message.caseNo !== undefined ? caseThreadId(message.caseNo, from.domain) : undefined,
        parentThread: message.replyThread ?? [],
        parent: message.replyTo,
      });
      const mail: Mail.Options = {
        from: from.name ? { name: from.name, address: from.address } : from.address,
        to,
        subject: caseSubject(message.caseNo, message.subject, t.defaultSubject),
        text: body.text,
        html: body.html,
        messageId,
        inReplyTo: message.replyTo ? asMessageId(message.replyTo) : undefined,
        references: references.length ? references : undefined,
        attachments: await attachmentsOf(message),
        headers: {
          // No person wrote this mail as it stands (RFC 3834 §5): vacation responders and other bots leave it be.
          "Auto-Submitted": message.replyTo ? "auto-replied" : "auto-generated",
          // Ask Exchange-style servers not to answer our mail with out-of-office replies (fewer loops).
          "X-Auto-Response-Suppress": "OOF, AutoReply",
        },
      };
      if (message.invite) mail.icalEvent = { method: message.invite.method, filename: t.inviteFileName, content: inviteIcs(message.invite, to) };
      try {
        await transport.sendMail(mail);
      } catch (err) {
        const failure = deliveryErrorFromSmtp(err);
        log.warn({ kind: failure.kind, code: failure.details.code, method: failure.details.method, caseNo: message.caseNo }, "email not sent");
        throw failure;
      }
      log.info({ caseNo: message.caseNo, attachments: message.attachments.length, invite: Boolean(message.invite), messageId }, "email sent");
      return { platformId: messageId };
    },
    close() {
      transport.close();
    },
  };
}
