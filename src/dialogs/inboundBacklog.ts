// Messages kept to be handled later, in order per chat, and the worker that handles them as they come due. A message
// is kept when it comes over the sender's pace, behind an earlier kept message of its chat, longer than one turn
// takes (then as parts, in order), or when its handling failed (retried with backoff; after the last attempt it
// stays as a dead letter that /healthz, the dashboard and an admin alert show). Nothing is dropped below the flood
// bound. The crisis check runs when a message arrives, before any of this: a kept message's alert goes out at once.
import type { InboundMessage } from "../channels/inboundMessage.ts";
import { inboundTextsFor } from "../i18n/inbound.ts";
import { pollingLoop, type Job } from "../jobs/pollingLoop.ts";
import type { AlertAdmins } from "../notify/adminAlerts.ts";
import { textMessage } from "../notify/outboundMessage.ts";
import { splitText } from "../notify/splitText.ts";
import { recordAudit } from "../store/auditTrail.ts";
import { recordContact } from "../store/channelContacts.ts";
import { claimInbound } from "../store/inboundOnce.ts";
import {
  chatsWithDueMessages,
  keepInbound,
  keepMalformed as keepMalformedRow,
  markKeptDead,
  nextKept,
  retryKeptAt,
  takeKept,
  type AheadWork,
  type Chat,
  type KeepReason,
  type KeptMessage,
} from "../store/inboundQueue.ts";
import { findSender } from "../store/senders.ts";
import { inTransaction } from "../store/transactions.ts";
import { raiseCrisisAhead } from "./clientConversation.ts";
import { localeOf, reply, type CrisisRaised, type DialogDeps, type Turn } from "./dialogContext.ts";
import type { InboundPace } from "./inboundPace.ts";

/**
 * Longer than any answer the dialogs ask for (the complaint is at most 8,000 characters in all): a longer message is
 * kept whole, as parts of this length handled one after another, in order.
 */
export const MAX_INBOUND_CHARS = 10_000;

/**
 * The flood bound: the most messages one chat may have waiting. A person forwarding every screenshot they have sends
 * at most 100 at a time (Telegram forwards at most 100 messages at once; WhatsApp shares at most 100 photos), and a
 * whole intake is about 15 answers. 300 waiting is three such forwards on top of each other — ten minutes of
 * handling at the default pace of 30 a minute — past what a person does, and still far below what would slow the
 * service for everyone. Beyond it new messages are not kept: the sender is told, the admins alerted (once an hour).
 */
export const FLOOD_BOUND = 300;

/**
 * A failing message is tried this often in all (the first attempt included) before it becomes a dead letter: with the
 * pauses below, about three minutes, so a database busy for a while (a backup, a burst of load) loses nothing.
 */
const MAX_ATTEMPTS = 8;

/** How a kept message's retries are spaced, and how often the worker looks for due messages. */
export interface BacklogRetry {
  maxAttempts?: number;
  /** First retry delay; doubles per attempt up to maxBackoffMs (by default 2 s, 4 s, … 32 s, then a minute). */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  pollMs?: number;
}

/** What happens to kept messages later, for the metrics. */
export interface BacklogEvent {
  kind: "handled_later" | "retry" | "dead";
  channel: string;
}

export interface InboundHooks {
  /** Something was committed (the outbox has work). */
  afterCommit?: () => void;
  pace?: InboundPace;
  /** The most messages one chat may have waiting (default FLOOD_BOUND). */
  floodBound?: number;
  /** The flood bound reached, a dead letter: the admins are told. */
  alertAdmins?: AlertAdmins;
  retry?: BacklogRetry;
  observe?: (event: BacklogEvent) => void;
  /** The wall clock: the pace and retries are about real time, whatever the service clock says. */
  now?: () => number;
}

/** The worker that handles kept messages as they come due. */
export type BacklogWorker = Job;

export interface Backlog {
  /** Keeps a message to be handled later (its crisis check first); the outcome the channel is given. */
  keep(msg: InboundMessage, p: { reason: KeepReason; waiting: number; error?: unknown }): Promise<KeepOutcome>;
  /** Keeps what does not read as a message as a dead letter at once, and tells the admins (best effort: never throws). */
  keepMalformed(raw: unknown, error: unknown): Promise<void>;
  worker: BacklogWorker;
  /** The wall clock the pace reads. */
  now(): number;
}

/** What keeping a message came to (the shape of the dialogs' InboundOutcome). */
export interface KeepOutcome {
  duplicate: boolean;
  toast?: string;
  kept?: KeepReason;
  cut?: boolean;
}

/** Handles one message in one transaction (src/dialogs/handleInbound.ts handleTurn, with the dialogs' deps bound). */
export type TurnHandler = (
  msg: InboundMessage,
  p: { claimed?: boolean; crisisRaised?: CrisisRaised; before?: (tx: Turn["tx"]) => Promise<boolean> },
) => Promise<{ duplicate: boolean }>;

/** The key a chat's pace and order go by. */
export const chatKeyOf = (chat: Chat): string => `${chat.channel}:${chat.address}`;

/** The parts of an over-long message, in order: the first carries the command, button and attachments; every part the reply context. */
export function splitInbound(msg: InboundMessage, max = MAX_INBOUND_CHARS): InboundMessage[] {
  if (msg.text.length <= max) return [msg];
  return splitText(msg.text, max).map((text, i) => (i === 0 ? { ...msg, text } : { ...msg, text, command: undefined, buttonId: undefined, attachments: [] }));
}

export function createBacklog(
  deps: DialogDeps,
  options: InboundHooks & { pace: InboundPace; serialize: <T>(key: string, work: () => Promise<T>) => Promise<T>; handleTurn: TurnHandler },
): Backlog {
  const { pace, serialize } = options;
  const log = deps.log.child({ module: "inbound-backlog" });
  const now = options.now ?? (() => Date.now());
  const floodBound = options.floodBound ?? FLOOD_BOUND;
  const maxAttempts = options.retry?.maxAttempts ?? MAX_ATTEMPTS;
  const baseBackoff = options.retry?.baseBackoffMs ?? 2000;
  const maxBackoff = options.retry?.maxBackoffMs ?? 60_000;
  const backoff = (attempts: number) => Math.min(maxBackoff, baseBackoff * 2 ** Math.max(0, attempts - 1));
  /** A chat reference for the admins and dedupe keys: keyed, so it does not reveal the phone number or address. */
  const chatRef = (chat: Chat) => deps.hashKey.hmacHex(`pintu-chat-ref:v1\u0000${chat.channel}\u0000${chat.address}`).slice(0, 12);
  let lastArrival = 0;
  /** Strictly increasing arrival times in this process, so a chat's kept rows sort in the order they came. */
  const arrivalAt = () => (lastArrival = Math.max(now(), lastArrival + 1));

  /** An error's class, code (Prisma's P2002...) and first line: enough to look into, no more (never a message's text). */
  const errorText = (error: unknown) => {
    if (!(error instanceof Error)) return String(error).slice(0, 300);
    const code = (error as { code?: unknown }).code;
    const line = error.message.trim().split("\n")[0] ?? "";
    return `${error.name}${typeof code === "string" ? ` ${code}` : ""}: ${line}`.slice(0, 300);
  };

  /** One transaction: the dedupe mark, the crisis check (unless `ahead` is off), then the message kept (or cut at the flood bound). */
  const keepInTx = (msg: InboundMessage, p: { reason: KeepReason; waiting: number; error?: unknown; ahead: boolean }) =>
    inTransaction(deps.prisma, async (tx): Promise<KeepOutcome & { alert?: { key: string; text: string } }> => {
      if (!(await claimInbound(tx, `${msg.channel}:${msg.platformId}`))) return { duplicate: true };
      const at = deps.clock();
      await recordContact(tx, { channel: msg.channel, address: msg.address, at });
      const sender = await findSender(tx, msg.channel, msg.address);
      const turn: Turn = { deps, tx, msg, sender, now: at };
      const key = chatKeyOf(msg);
      const texts = inboundTextsFor(localeOf(turn));
      // Before any limit: a crisis phrase alerts now, whatever waits before the message.
      const crisis = p.ahead ? await raiseCrisisAhead(turn) : null;
      if (!crisis && p.waiting >= floodBound) {
        await recordAudit(tx, { type: "inbound_flood_cut", at, actorId: sender?.personId, data: { channel: msg.channel, waiting: p.waiting } });
        const text = texts.floodCut({ max: floodBound });
        if (pace.noticeDue(key, "cut", now())) await reply(turn, textMessage(text));
        const ref = sender?.personId ? `person ${sender.personId}` : `chat ${chatRef(msg)}`;
        return {
          duplicate: false,
          cut: true,
          toast: msg.buttonId ? text : undefined,
          // Once an hour per chat, however long the flood lasts.
          alert: {
            key: `inbound-flood:${msg.channel}:${chatRef(msg)}:${Math.floor(now() / 3_600_000)}`,
            text: `A ${msg.channel} sender (${ref}) has ${p.waiting} messages waiting to be handled, more than any person sends (the flood bound, ${floodBound}); their newer messages are not kept until the queue shrinks. Everything up to the bound is kept and is being handled in order.`,
          },
        };
      }
      const parts = splitInbound(msg);
      const failed = p.reason === "failed";
      for (const [i, part] of parts.entries()) {
        await keepInbound(tx, {
          msg: part,
          reason: i === 0 ? p.reason : "part",
          at: new Date(arrivalAt()),
          ahead: i === 0 && crisis ? ({ crisis } satisfies AheadWork) : undefined,
          attempts: failed && i === 0 ? 1 : 0,
          nextAttemptAt: failed ? new Date(now() + backoff(1)) : undefined,
          lastError: failed ? errorText(p.error) : undefined,
          personId: sender?.personId,
          orgId: sender?.orgId,
        });
      }
      if (p.reason === "paced" && p.waiting === 0 && pace.noticeDue(key, "slowed", now())) await reply(turn, textMessage(texts.slowedDown));
      await recordAudit(tx, {
        type: "inbound_kept",
        at,
        actorId: sender?.personId,
        data: { channel: msg.channel, reason: p.reason, parts: parts.length, crisis: Boolean(crisis) },
      });
      return { duplicate: false, kept: p.reason, toast: msg.buttonId ? texts.keptToast : undefined };
    });

  async function keep(msg: InboundMessage, p: { reason: KeepReason; waiting: number; error?: unknown }): Promise<KeepOutcome> {
    if (p.reason === "failed") log.warn({ channel: msg.channel, err: errorText(p.error) }, "handling an inbound message failed; kept, to be tried again");
    let outcome: KeepOutcome & { alert?: { key: string; text: string } };
    try {
      outcome = await keepInTx(msg, { ...p, ahead: true });
    } catch (error) {
      // The crisis check itself may be what fails: keep the message plainly; its own turn raises the alert when retried.
      log.error({ channel: msg.channel, err: errorText(error) }, "keeping an inbound message with its crisis check failed; keeping it without");
      outcome = await keepInTx(msg, { ...p, ahead: false });
    }
    const { alert, ...result } = outcome;
    if (alert) void options.alertAdmins?.(alert);
    if (result.kept) worker.kick();
    return result;
  }

  async function keepMalformed(raw: unknown, error: unknown): Promise<void> {
    try {
      const id = await keepMalformedRow(deps.prisma, { raw, error: errorText(error), at: new Date(now()) });
      log.error({ keptId: id, err: errorText(error) }, "a channel handed over something that is not a message: kept as a dead letter");
      options.observe?.({
        kind: "dead",
        channel: typeof (raw as { channel?: unknown })?.channel === "string" ? (raw as { channel: string }).channel : "unknown",
      });
      await options.alertAdmins?.({
        key: `inbound-dead:${id}`,
        text: `A channel handed over a message that does not read as one (${errorText(error)}). It is kept as dead letter ${id}: see /healthz and the dashboard.`,
      });
    } catch (failure) {
      log.error({ err: errorText(failure) }, "a malformed inbound message could not even be kept");
    }
  }

  // ---- the worker ----
  let stopping = false;
  let wakeTimer: { at: number; timer: NodeJS.Timeout } | undefined;
  /** Looks again in `ms` (the earliest moment a waiting chat can go on), unless a sooner look is already set. */
  const wakeIn = (ms: number) => {
    const at = now() + Math.max(0, ms);
    if (stopping || (wakeTimer && wakeTimer.at <= at)) return;
    if (wakeTimer) clearTimeout(wakeTimer.timer);
    const timer = setTimeout(
      () => {
        wakeTimer = undefined;
        loop.kick();
      },
      Math.max(0, ms),
    );
    timer.unref();
    wakeTimer = { at, timer };
  };

  /** A message that cannot be handled: tried again later, or after its last attempt (or unreadable) kept as a dead letter. */
  async function failed(kept: KeptMessage, error: unknown): Promise<void> {
    const { channel } = kept;
    const attempts = kept.attempts + 1;
    const err = errorText(error);
    if (attempts < maxAttempts && kept.msg) {
      const delay = backoff(attempts);
      await retryKeptAt(deps.prisma, kept.id, { attempts, at: new Date(now() + delay), error: err });
      log.warn({ channel, keptId: kept.id, attempts, retryInMs: delay, err }, "handling a kept inbound message failed; will try again");
      options.observe?.({ kind: "retry", channel });
      wakeIn(delay);
      return;
    }
    await markKeptDead(deps.prisma, kept.id, { attempts, at: new Date(now()), error: err });
    log.error({ channel, keptId: kept.id, attempts, err }, "an inbound message could not be handled after every attempt: kept as a dead letter");
    options.observe?.({ kind: "dead", channel });
    await options.alertAdmins?.({
      key: `inbound-dead:${kept.id}`,
      text: `A ${channel} message (chat ${chatRef(kept)}) could not be handled after ${attempts} attempts (${err}). It is kept as dead letter ${kept.id}: see /healthz and the dashboard.`,
    });
  }

  /** Handles a chat's kept messages in order while they are due and its pace allows; the chat's arrivals wait meanwhile. */
  async function drain(chat: Chat): Promise<void> {
    const key = chatKeyOf(chat);
    while (!stopping) {
      const kept = await nextKept(deps.prisma, chat);
      if (!kept) return;
      const { msg } = kept;
      if (!msg) return failed(kept, kept.unreadable);
      const due = kept.nextAttemptAt.getTime() - now();
      if (due > 0) return wakeIn(due);
      if (!pace.take(key, now())) return wakeIn(pace.waitMs(key, now()));
      try {
        const outcome = await options.handleTurn(msg, { claimed: true, crisisRaised: kept.ahead.crisis, before: (tx) => takeKept(tx, kept.id) });
        if (!outcome.duplicate) {
          options.observe?.({ kind: "handled_later", channel: msg.channel });
          options.afterCommit?.();
        }
      } catch (error) {
        return failed(kept, error);
      }
    }
  }

  async function pass(): Promise<void> {
    const chats = await chatsWithDueMessages(deps.prisma, { now: new Date(now()), limit: 200 });
    await Promise.all(
      chats.map((chat) =>
        serialize(chatKeyOf(chat), () => drain(chat)).catch((error) =>
          log.error({ channel: chat.channel, err: errorText(error) }, "kept messages of a chat failed"),
        ),
      ),
    );
  }

  const loop = pollingLoop({
    pass,
    pollMs: options.retry?.pollMs ?? 1000,
    onError: (error) => log.error({ err: error.message }, "inbound backlog pass failed; will try again"),
  });

  const worker: BacklogWorker = {
    start() {
      stopping = false;
      loop.start();
    },
    kick: () => loop.kick(),
    runOnce: () => loop.runOnce(),
    async stop() {
      stopping = true;
      if (wakeTimer) clearTimeout(wakeTimer.timer);
      wakeTimer = undefined;
      await loop.stop();
    },
  };

  return { keep, keepMalformed, worker, now };
}
