// The email channel, wired: the IMAP listener hands each new mail over once; mail not written by a person
// (auto-replies, bounces, lists) is dropped; mail the receiving server did not authenticate acts for nobody
// (mailGate.ts: refused for staff, codes and HAPUS, audited and answered; a client's goes on marked unverified);
// HAPUS is confirmed by a reply to the mail it gets; a reply to a task email with a keyword ("SETUJU",
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
import type { SenderAuthentication } from "./authenticationResults.ts";
import { ERASURE_CODE_HOURS, erasureCode, erasureCodeValid, findErasureCode } from "./erasureConfirmation.ts";
import { gateMail, type MailRefusal } from "./mailGate.ts";
import type { HashKey } from "../../privacy/index.ts";
import { recordAudit } from "../../store/auditTrail.ts";
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
import type { AlertAdmins } from "../../notify/adminAlerts.ts";
import { createMailTokenSource } from "./mailOAuth.ts";

export interface EmailChannel extends RunningChannel {
  sender: EmailSender;
  listener: ImapListener;
}

async function localeOf(prisma: Prisma, address: string): Promise<"id" | "en"> {
  const identity = await prisma.channelIdentity.findUnique({
    where: { channel_address: { channel: "email", address } },
    select: { person: { select: { locale: true } } },
  });
  return identity?.person.locale === "en" ? "en" : "id";
}

/** The person an address belongs to, if any: staff or client. */
async function senderOf(prisma: Prisma, address: string): Promise<{ personId: string; kind: string } | null> {
  const identity = await prisma.channelIdentity.findUnique({
    where: { channel_address: { channel: "email", address } },
    select: { person: { select: { id: true, kind: true } } },
  });
  return identity ? { personId: identity.person.id, kind: identity.person.kind } : null;
}

/** The thread a mail belongs to, oldest first (its references are newest first), for our answer's References. */
const threadOf = (msg: InboundMessage): string[] | undefined => (msg.references.length ? [...msg.references].reverse() : undefined);

/** "HAPUS" (an email client's /hapus), alone on the first line or with the confirmation code after it. */
const ERASURE_LINE = /^hapus[.!]?(?:\s+[0-9a-z]{4,8}-[0-9a-f]{12})?\s*$/i;

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
  /** Keys the HAPUS confirmation codes. */
  hashKey: HashKey;
  /** Organisation ids ("/start <org>" is a deep link, any other argument a code). */
  orgIds: Iterable<string>;
  clock?: () => Date;
  /** Operational alerts: the mailbox's UIDVALIDITY changed, or its sign-in was refused. */
  alertAdmins?: AlertAdmins;
}): EmailChannel {
  const { config, prisma, log } = p;
  const clock = p.clock ?? (() => new Date());
  const orgIds = new Set(p.orgIds);
  if (config.authservIds.length === 0) {
    log.warn(
      "MAIL_AUTHSERV_IDS is not set: no mail counts as authenticated, so staff actions and HAPUS by email are refused and client mail reaches counsellors marked unverified",
    );
  }
  const from = mailFromSchema.parse(config.from);
  const limits = { maxAttachmentBytes: config.maxAttachmentBytes, maxMessageBytes: config.maxMessageBytes };
  // One token source for IMAP and SMTP: they sign in as the same mailbox with the same grant.
  const tokens = config.oauth ? createMailTokenSource({ client: config.oauth, logger: log, clock: () => clock().getTime() }) : undefined;
  const sender = createEmailSender({
    smtp: config.smtp!,
    from: config.from!,
    fileStore: p.fileStore,
    logger: log,
    locale: (address) => localeOf(prisma, address),
    tokens,
  });

  /** Answers a mail the dialogs do not see (marking it handled), with an audit event in the same transaction. */
  const answer = async (
    msg: InboundMessage,
    text: string,
    extra: { subject?: string; audit?: { type: string; actorId?: string; data: Record<string, unknown> } } = {},
  ) => {
    await prisma.$transaction(async (tx) => {
      if (!(await claimInbound(tx, `email:${msg.platformId}`))) return;
      const subject = extra.subject ?? (msg.subject ? `Re: ${msg.subject}` : undefined);
      await queueMessage(tx, {
        channel: "email",
        address: msg.address,
        message: textMessage(text, { replyTo: msg.platformId, replyThread: threadOf(msg), subject }),
      });
      if (extra.audit) await recordAudit(tx, { ...extra.audit, at: clock() });
    });
    p.afterQueue?.();
  };

  /** Mail that may not act for its address: audited (why, and what the trusted server said) and answered. */
  const refuse = async (msg: InboundMessage, why: MailRefusal, authentication: SenderAuthentication, sender: { personId: string } | null) => {
    log.warn({ why, authentication: authentication.reason }, "mail refused: its sender is not authenticated");
    const t = emailTextsFor(await localeOf(prisma, msg.address));
    await answer(msg, t.refused[why], { audit: { type: "mail_refused", actorId: sender?.personId, data: { why, authentication: authentication.reason } } });
  };

  /** An authenticated HAPUS: the address is sent a code to confirm with by reply (only its owner reads it). */
  const askErasureConfirmation = async (msg: InboundMessage, sender: { personId: string } | null) => {
    const t = emailTextsFor(await localeOf(prisma, msg.address));
    const code = erasureCode(p.hashKey, msg.address, clock());
    await answer(msg, t.erasureConfirm({ code, hours: ERASURE_CODE_HOURS }), {
      subject: `${t.erasureConfirmSubject} [HAPUS ${code}]`,
      audit: { type: "erasure_confirmation_sent", actorId: sender?.personId, data: { channel: "email" } },
    });
  };

  const listener = createImapListener({
    imap: config.imap!,
    cursorStore: databaseMailCursorStore(prisma),
    logger: log,
    maxMessageBytes: config.maxMessageBytes,
    reconnect: p.reconnect,
    tokens,
    async onUidValidityChange(change) {
      await p.alertAdmins?.({
        key: `mail-uidvalidity:${change.mailbox}:${change.current}`,
        text:
          `The mailbox ${change.mailbox} was recreated or restored (its UIDVALIDITY changed from ${change.previous} to ${change.current}). ` +
          `Its ${change.exists} message(s) were looked at again: unread ones are answered now, read ones are taken as handled. ` +
          "Check the mailbox for mail that was read by hand but never answered.",
      });
    },
    async onSignInRefused(why) {
      await p.alertAdmins?.({
        key: `mail-sign-in-refused:${clock().toISOString().slice(0, 10)}`,
        text: `The email channel cannot sign in: ${why}. Mail waits on the server meanwhile.`,
      });
    },
    async onMail(raw, meta) {
      const result = await emailToInbound(raw, { fileStore: p.fileStore, ownAddresses: [from.address], limits, meta, trustedAuthservIds: config.authservIds });
      if (result.kind !== "person") {
        log.info({ kind: result.kind, uid: meta.uid }, "mail not written by a person (auto-reply, bounce, list or unreadable): not answered");
        await prisma.auditEvent.create({
          data: { type: "mail_ignored", dataJson: JSON.stringify({ kind: result.kind, signal: "signal" in result ? result.signal : result.reason }) },
        });
        return;
      }
      let msg = result.message;
      // "HAPUS" on the first line is an email client's /hapus (withdraw consent, ask for erasure).
      const first = firstLineOf(msg.text);
      const command = parseCommand(first) ?? (ERASURE_LINE.test(first) ? { name: "hapus", args: "" } : undefined);
      if (command) msg = { ...msg, command };
      const sender = await senderOf(prisma, msg.address);
      const code = command?.name === "hapus" ? findErasureCode(msg.subject, first) : null;
      const decision = gateMail({
        msg,
        authenticated: result.authentication.verified,
        senderIsStaff: sender?.kind === "staff",
        orgIds,
        erasureConfirmed: code !== null && erasureCodeValid(p.hashKey, { address: msg.address, code, now: clock() }),
      });
      if (decision.kind === "refuse") return refuse(msg, decision.why, result.authentication, sender);
      if (decision.kind === "confirm_erasure") return askErasureConfirmation(msg, sender);
      msg = decision.msg;
      if (!command) {
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
          queueMessage(tx, {
            channel: "email",
            address: msg.address,
            message: textMessage(lines.join("\n\n"), {
              replyTo: msg.platformId,
              replyThread: threadOf(msg),
              subject: msg.subject ? `Re: ${msg.subject}` : undefined,
            }),
          }),
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
