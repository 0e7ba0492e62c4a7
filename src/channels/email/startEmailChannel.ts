// The email channel, wired: the IMAP listener hands each new mail over once; mail not written by a person
// (auto-replies, bounces, lists) is dropped; a reply to a task email with a keyword ("SETUJU",
// "REVISI: <alasan>") becomes that task's button press; everything else goes to the dialogs as it is.
// Outgoing mail goes through the outbox to the SMTP sender.
import type { RunningChannel } from "../channelStart.ts";
import type { InboundMessage } from "../inboundMessage.ts";
import { createEmailSender, type EmailSender } from "./emailSender.ts";
import { emailToInbound } from "./emailToInbound.ts";
import { mailFromSchema, type EmailSettings } from "./emailSettings.ts";
import { createImapListener, type ImapListener } from "./imapListener.ts";
import { describeMailNotices } from "./mailNotices.ts";
import { firstLineOf, matchReplyToButton, REPLY_KEYWORDS } from "./replyKeywords.ts";
import { parseCommand } from "../parseCommand.ts";
import type { InboundOutcome } from "../../dialogs/handleInbound.ts";
import { emailTextsFor } from "../../i18n/email.ts";
import type { Logger } from "../../logger.ts";
import type { FileStore } from "../../notify/fileStore.ts";
import { textMessage } from "../../notify/outboundMessage.ts";
import type { Prisma } from "../../store/database.ts";
import { claimInbound } from "../../store/inboundOnce.ts";
import { messagesRepliedTo, queueMessage } from "../../store/outbox/index.ts";
import { databaseMailCursorStore } from "./databaseMailCursorStore.ts";

export interface EmailChannel extends RunningChannel {
  sender: EmailSender;
  listener: ImapListener;
}

async function localeOf(prisma: Prisma, address: string): Promise<"id" | "en"> {
  const identity = await prisma.channelIdentity.findUnique({ where: { channel_address: { channel: "email", address } }, select: { person: { select: { locale: true } } } });
  return identity?.person.locale === "en" ? "en" : "id";
}

type Resolution = { msg: InboundMessage } | { unknownKeyword: true };

/** A reply to one of our task emails: the keyword on its first line picks the task's button; the rest is the note. */
async function resolveKeywordReply(prisma: Prisma, msg: InboundMessage): Promise<Resolution> {
  const refs = [msg.replyToPlatformId, ...msg.references].filter((r): r is string => Boolean(r));
  if (refs.length === 0) return { msg };
  const repliedTo = await messagesRepliedTo(prisma, { channel: "email", address: msg.address, platformIds: refs });
  for (const row of repliedTo) {
    if (row.message.buttons.length === 0) continue;
    const match = matchReplyToButton(row.message.buttons, msg.text);
    if (match) {
      const rest = msg.text.split(/\r?\n/);
      const firstIndex = rest.findIndex((l) => l.trim());
      const note = [match.argument, ...rest.slice(firstIndex + 1)].join("\n").trim();
      return { msg: { ...msg, buttonId: match.button.id, text: note } };
    }
    if (row.stepRunId) return { unknownKeyword: true };
  }
  return { msg };
}

export function startEmailChannel(p: {
  config: EmailSettings;
  prisma: Prisma;
  fileStore: FileStore;
  handleInbound(msg: InboundMessage): Promise<InboundOutcome>;
  log: Logger;
  afterQueue?: () => void;
  reconnect?: { initialDelayMs?: number; maxDelayMs?: number };
}): EmailChannel {
  const { config, prisma, log } = p;
  const from = mailFromSchema.parse(config.from);
  const limits = { maxAttachmentBytes: config.maxAttachmentBytes, maxMessageBytes: config.maxMessageBytes };
  const sender = createEmailSender({ smtp: config.smtp!, from: config.from!, fileStore: p.fileStore, logger: log, locale: (address) => localeOf(prisma, address) });

  const answer = async (msg: InboundMessage, text: string) => {
    await prisma.$transaction(async (tx) => {
      if (!(await claimInbound(tx, `email:${msg.platformId}`))) return;
      await queueMessage(tx, { channel: "email", address: msg.address, message: textMessage(text, { replyTo: msg.platformId, subject: msg.subject ? `Re: ${msg.subject}` : undefined }) });
    });
    p.afterQueue?.();
  };

  const listener = createImapListener({
    imap: config.imap!,
    cursorStore: databaseMailCursorStore(prisma),
    logger: log,
    maxMessageBytes: config.maxMessageBytes,
    reconnect: p.reconnect,
    async onMail(raw, meta) {
      const result = await emailToInbound(raw, { fileStore: p.fileStore, ownAddresses: [from.address], limits, meta });
      if (result.kind !== "person") {
        log.info({ kind: result.kind, uid: meta.uid }, "mail not written by a person (auto-reply, bounce, list or unreadable): not answered");
        await prisma.auditEvent.create({ data: { type: "mail_ignored", dataJson: JSON.stringify({ kind: result.kind, signal: "signal" in result ? result.signal : result.reason }) } });
        return;
      }
      let msg = result.message;
      // "HAPUS" on the first line is an email client's /hapus (withdraw consent, ask for erasure).
      const first = firstLineOf(msg.text);
      const command = parseCommand(first) ?? (/^hapus[.!]?$/i.test(first) ? { name: "hapus", args: "" } : undefined);
      if (command) msg = { ...msg, command };
      else {
        const resolved = await resolveKeywordReply(prisma, msg);
        if ("unknownKeyword" in resolved) {
          const t = emailTextsFor(await localeOf(prisma, msg.address));
          return answer(msg, t.unknownKeyword({ keywords: REPLY_KEYWORDS.map((k) => k.keyword) }));
        }
        msg = resolved.msg;
      }
      const outcome = await p.handleInbound(msg);
      if (!outcome.duplicate && result.notices.length) {
        const lines = describeMailNotices(result, { locale: await localeOf(prisma, msg.address), limits: { ...limits, maxAttachments: 10 } });
        await prisma.$transaction((tx) =>
          queueMessage(tx, { channel: "email", address: msg.address, message: textMessage(lines.join("\n\n"), { replyTo: msg.platformId, subject: msg.subject ? `Re: ${msg.subject}` : undefined }) }),
        );
        p.afterQueue?.();
      }
    },
  });
  listener.start();
  return {
    sender,
    listener,
    status: () => (listener.connected ? "listening (IMAP IDLE)" : "connecting to the IMAP server"),
    async stop() {
      await listener.stop();
      sender.close();
    },
  };
}
