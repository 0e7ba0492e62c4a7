// What the chat handlers need from the rest of the product, and what one inbound message carries
// through them. Handlers run inside one database transaction per inbound message.
import type { ChannelCapabilities } from "../channels/channelModule.ts";
import type { Channel, InboundMessage } from "../channels/inboundMessage.ts";
import type { LoadedFlows } from "../flows/loadFlows.ts";
import type { Locale } from "../i18n/index.ts";
import type { Logger } from "../logger.ts";
import type { OutboundMessage } from "../notify/outboundMessage.ts";
import type { FlowContext } from "../store/caseRepository.ts";
import type { Prisma, Tx } from "../store/database.ts";
import { queueMessage } from "../store/outbox/index.ts";
import type { Sender } from "../store/senders.ts";
import type { ChoiceAction } from "./buttonActions.ts";
import type { HashKey } from "../privacy/index.ts";

export interface DialogSettings {
  /** Organisation a chat belongs to when no deep link says otherwise. */
  defaultOrgId: string;
  defaultLocale: Locale;
  crisisPhrases: string[];
  crisisHotline: string;
  inviteCodeTtlHours: number;
  /** The hosts a meeting link sent with /link may be on (MEETING_LINK_HOSTS; meet.google.com when unset). */
  meetingLinkHosts?: string[];
  /** Days after the archive during which a client's messages still reach the case's counsellor (0: none). */
  closedCaseRelayDays: number;
  /** t.me link to the Telegram bot, offered to email clients as the easier way (when Telegram runs). */
  telegramLink?: string;
  /** Where the dashboard is reached (login links point there), and how long a login link lasts. */
  dashboardUrl?: string;
  dashboardLoginMinutes?: number;
  /** The data protection contact per organisation ("" for all), named in the consent text (UU 27/2022). */
  dataProtectionContacts?: Record<string, string>;
}

export interface DialogDeps {
  prisma: Prisma;
  /** Keys the hashes that let us find a client by NPP, NIP, phone or email without keeping them readable. */
  hashKey: HashKey;
  flows: LoadedFlows;
  flowContext(flowId: string): FlowContext;
  settings: DialogSettings;
  /** What a channel can do (edit, toast, form-style intake, threaded replies): asked instead of its name. */
  capabilitiesOf(channel: Channel): ChannelCapabilities;
  clock: () => Date;
  log: Logger;
}

/** One inbound message being handled: the transaction, the sender, and the replies queued so far. */
export interface Turn {
  deps: DialogDeps;
  tx: Tx;
  msg: InboundMessage;
  sender: Sender | null;
  now: Date;
  /** The action of a pressed choice button (or numbered answer), resolved and checked on the server. */
  choice?: ChoiceAction;
  /** A short notice for the button that was pressed (Telegram's answerCallbackQuery). */
  toast?: string;
  /** The pressed choice's buttons stay on its message (e.g. "Batalkan sesi" after "Ubah jadwal"). */
  keepKeyboard?: boolean;
  /** The message was kept for later and its crisis alert raised when it arrived: whom that alert reached. */
  crisisRaised?: CrisisRaised;
}

/** A crisis alert raised for a client: the client (created if they were new) and the counsellors alerted. */
export interface CrisisRaised {
  clientId: string;
  counsellors: string[];
}

/**
 * Queues a reply to whoever sent the message, on the same channel (where replies thread, on their message);
 * `urgent` sends it before anything else waiting for that chat (the crisis hotline).
 */
export async function reply(turn: Turn, message: OutboundMessage, options: { urgent?: boolean } = {}): Promise<void> {
  await replyReturningId(turn, message, options);
}

/** reply(), returning the outbox row's id (to withdraw it if the transaction's work is refused after all). */
export async function replyReturningId(turn: Turn, message: OutboundMessage, options: { urgent?: boolean } = {}): Promise<string> {
  const threaded = turn.deps.capabilitiesOf(turn.msg.channel).threadsReplies
    ? {
        replyTo: message.replyTo ?? turn.msg.platformId,
        // The answered message's thread (its references are newest first), so email's References carries the chain.
        replyThread: message.replyTo ? message.replyThread : turn.msg.references.length ? [...turn.msg.references].reverse() : undefined,
        subject: message.subject ?? (turn.msg.subject ? `Re: ${turn.msg.subject.replace(/^(re|aw|balas):\s*/i, "")}` : undefined),
      }
    : {};
  return queueMessage(turn.tx, {
    channel: turn.msg.channel,
    address: turn.msg.address,
    personId: turn.sender?.personId ?? null,
    message: { ...message, ...threaded },
    urgent: options.urgent,
  });
}

/** The language to answer the sender in. */
export function localeOf(turn: Turn): Locale {
  const l = turn.sender?.locale ?? turn.deps.settings.defaultLocale;
  return l === "en" ? "en" : "id";
}
