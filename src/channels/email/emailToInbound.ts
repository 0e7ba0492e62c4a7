// Raw email → our InboundMessage: the sender, the new text of a reply (quoted history trimmed), subject,
// thread references and attachments saved in the FileStore, and whether the receiving mail system authenticated
// the sender. Machine mail (auto-replies, bounces, lists, our own mail) is recognised and not turned into a
// message. Never throws: an unreadable mail is a result.
import { createHash } from "node:crypto";
import { inboundMessageSchema, type Attachment, type InboundMessage } from "../inboundMessage.ts";
import { AttachmentRefusedError, type FileStore } from "../../notify/fileStore.ts";
import { senderAuthentication, type SenderAuthentication } from "./authenticationResults.ts";
import { classifyMailWithSignal, type MailClass } from "./classifyMail.ts";
import { mailLimitsSchema, type MailLimits } from "./emailSettings.ts";
import type { MailMeta } from "./imapListener.ts";
import { isMailboxAddress } from "./mailboxAddress.ts";
import { readMail, type DroppedAttachment, type ParsedEmail } from "./readMail.ts";
import { trimQuotedReply } from "./trimQuotedReply.ts";

/** Something the person should be told about their mail (see mailNotices.ts for the texts). */
export type MailNotice = "attachments_too_large" | "attachments_too_many" | "message_too_large" | "text_truncated";

/** What a raw mail turned out to be; only "person" carries an InboundMessage. */
export type EmailToInboundResult =
  | { kind: "person"; message: InboundMessage; notices: MailNotice[]; dropped: DroppedAttachment[]; authentication: SenderAuthentication }
  /** Not written by a person: do not answer. `signal` names the deciding header (safe to log). */
  | { kind: Exclude<MailClass, "person">; signal: string; platformId: string }
  /** No sender to answer, or nothing readable. */
  | { kind: "unreadable"; reason: string; platformId: string };

/** Where attachments go, who we are (loop protection), limits and the IMAP position. */
export interface EmailToInboundOptions {
  fileStore: FileStore;
  /** Our own sending addresses (MAIL_FROM and aliases): mail from them is never answered. */
  ownAddresses: string[];
  /** The authserv-ids whose Authentication-Results are believed (MAIL_AUTHSERV_IDS); none = nothing is authenticated. */
  trustedAuthservIds?: readonly string[];
  limits?: Partial<MailLimits>;
  /** Where the listener found it; gives a stable id to mail without a Message-ID. */
  meta?: Partial<MailMeta>;
  now?: () => Date;
}

/** A stable id for a message without Message-ID: from its IMAP position, else from its bytes. */
export function fallbackMessageId(raw: Buffer, meta?: Partial<MailMeta>): string {
  if (meta?.uid !== undefined && meta.uidValidity !== undefined) {
    const box = (meta.mailbox ?? "INBOX").toLowerCase().replace(/[^a-z0-9]+/g, "-");
    return `<imap.${meta.uidValidity}.${meta.uid}.${box}@pintu.invalid>`;
  }
  return `<sha256.${createHash("sha256").update(raw).digest("hex").slice(0, 40)}@pintu.invalid>`;
}

function attachmentKind(mimeType: string): Attachment["kind"] {
  if (mimeType.startsWith("image/")) return "photo";
  if (mimeType.startsWith("audio/")) return "audio";
  if (mimeType.startsWith("video/")) return "video";
  return "document";
}

function referencesOf(parsed: ParsedEmail): string[] {
  const ids = [parsed.inReplyTo, ...[...parsed.references].reverse()].filter((id): id is string => Boolean(id));
  return [...new Set(ids)];
}

function languageOf(parsed: ParsedEmail): string | undefined {
  const value = parsed.headers.get("content-language")?.[0]?.trim().toLowerCase();
  const match = value ? /^([a-z]{2})\b/.exec(value) : null;
  return match?.[1];
}

/**
 * Parses, classifies and (for a person's mail) converts; attachments are saved only for a person's mail.
 * Never throws on the mail itself; throws only when the FileStore fails, so the listener retries the message.
 */
export async function emailToInbound(raw: Buffer, options: EmailToInboundOptions): Promise<EmailToInboundResult> {
  const limits = mailLimitsSchema.parse(options.limits ?? {});
  let platformId = fallbackMessageId(raw, options.meta);
  let parsed: ParsedEmail;
  let from: NonNullable<ParsedEmail["from"]>;
  try {
    parsed = await readMail(raw, limits);
    if (parsed.messageId) platformId = parsed.messageId;
    const cls = classifyMailWithSignal(parsed, { ownAddresses: options.ownAddresses });
    if (cls.kind !== "person") return { kind: cls.kind, signal: cls.signal ?? "unknown", platformId };
    if (!parsed.from) return { kind: "unreadable", reason: "no sender address in From", platformId };
    if (!isMailboxAddress(parsed.from.address)) return { kind: "unreadable", reason: "the From address is not a mailbox we can answer", platformId };
    from = parsed.from;
  } catch (err) {
    const e = err as { name?: string; code?: string };
    return { kind: "unreadable", reason: `parsing failed (${e?.name ?? "error"}${e?.code ? ` ${e.code}` : ""})`, platformId };
  }

  const attachments: Attachment[] = [];
  for (const file of parsed.attachments) {
    // Counted against the sender's limit first: over it (a flood), the rest are not kept and the mail goes on without them.
    const fileRef = await options.fileStore
      .save({ bytes: file.bytes, name: file.name, mimeType: file.mimeType }, { channel: "email", address: from.address })
      .catch((error: unknown) => {
        if (error instanceof AttachmentRefusedError) return null;
        throw error;
      });
    if (!fileRef) break;
    attachments.push({ kind: attachmentKind(file.mimeType), fileRef, name: file.name, mimeType: file.mimeType, size: file.bytes.length });
  }

  const notices: MailNotice[] = [];
  if (options.meta?.truncated) notices.push("message_too_large");
  if (parsed.dropped.some((d) => d.reason === "too_large")) notices.push("attachments_too_large");
  if (parsed.dropped.some((d) => d.reason === "too_many")) notices.push("attachments_too_many");
  if (parsed.textTruncated) notices.push("text_truncated");

  const message = inboundMessageSchema.parse({
    channel: "email",
    address: from.address,
    platformId,
    senderName: from.name,
    senderLanguage: languageOf(parsed),
    text: trimQuotedReply(parsed.text),
    replyToPlatformId: parsed.inReplyTo,
    attachments,
    subject: parsed.subject?.trim() || undefined,
    references: referencesOf(parsed),
    receivedAt: options.meta?.internalDate ?? options.now?.() ?? new Date(),
  });
  const authentication = senderAuthentication({
    headers: parsed.headers.get("authentication-results") ?? [],
    fromDomain: from.address.slice(from.address.lastIndexOf("@") + 1),
    trusted: options.trustedAuthservIds ?? [],
  });
  return { kind: "person", message, notices, dropped: parsed.dropped, authentication };
}
