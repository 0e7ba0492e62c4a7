// Sends what the outbox holds. Rows are claimed before sending (a conditional update, so two dispatchers
// never send the same row), sent in order per chat within each platform's rate limits — urgent rows (a crisis
// alert, the client's hotline) ahead of the chat's others, chosen when the chat's slot comes, so nothing queued
// earlier holds them back — and marked sent with the platform's message id. A burst of plain messages under one
// batch key goes out combined, as few messages as the platform's length allows. Failures are handled by cause:
// wait when told to (429), retry network errors and 5xx with exponential backoff and jitter, stop writing to
// people who blocked the bot, give up after `maxAttempts` and report the row as dead.
import { randomUUID } from "node:crypto";
import { messagesFor } from "../i18n/index.ts";
import { pollingLoop } from "../jobs/pollingLoop.ts";
import type { Logger } from "../logger.ts";
import type { Prisma } from "../store/database.ts";
import { dispatchQueue, readPayload, readPayloadOrNull, type Chat, type OutboxRow } from "../store/outbox/index.ts";
import { DeliveryError, type ChannelSender } from "./channelSender.ts";
import { combineMessages } from "./combineMessages.ts";
import { createSendRateLimiter, type RateLimits, type SendRateLimiter } from "./sendRateLimiter.ts";

/** Chats sent to at once by default; also the most messages a crash can leave "sent but not marked". */
export const DEFAULT_OUTBOX_LANES = 64;

/**
 * Waiting chats a pass names in its query; past this it pages through the rows and skips them itself.
 * Prisma refuses a SQLite query with 999 or more bound values (P2029), and the query has a few of its own.
 */
export const MAX_LISTED_WAITING_CHATS = 900;

/** The most rows combined into one message (a burst longer than this goes out in several). */
const MAX_COMBINED = 50;

export interface DispatcherOptions {
  prisma: Prisma;
  senders: ChannelSender[];
  log: Logger;
  limits?: Partial<Record<string, RateLimits>>;
  maxAttempts?: number;
  /** First retry delay; doubles per attempt up to maxBackoffMs, with ±50 % jitter. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** How often to look for due rows when nothing kicks the dispatcher. */
  pollMs?: number;
  /** A row left "sending" this long (its sender died) is taken again. */
  claimTimeoutMs?: number;
  /**
   * Chats sent to at the same time. A lane waits out its chat's interval between two messages, so with
   * many messages per chat throughput is about lanes ÷ interval: 64 lanes at 1 s leave room above 30/s.
   */
  concurrency?: number;
  /** Waiting chats named in a pass's query before it pages instead (tests lower it). */
  maxListedWaitingChats?: number;
  /** Called when a row is given up on (the admin alert). */
  onDead?: (row: { id: string; channel: string; caseId: string | null; error: string }) => void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface OutboxDispatcher {
  start(): void;
  /** Something was queued: look now instead of at the next poll. */
  kick(): void;
  /** One pass: starts sending everything due (lanes per chat run on); resolves when those sends are done. */
  runOnce(): Promise<void>;
  stop(): Promise<void>;
}

const DEFAULT_LIMITS: RateLimits = { perChatIntervalMs: 1000, globalPerSecond: 10 };

type Row = OutboxRow;

export function createOutboxDispatcher(options: DispatcherOptions): OutboxDispatcher {
  const { prisma, log } = options;
  const queue = dispatchQueue(prisma);
  const now = options.now ?? (() => Date.now());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const maxAttempts = options.maxAttempts ?? 8;
  const baseBackoff = options.baseBackoffMs ?? 2000;
  const maxBackoff = options.maxBackoffMs ?? 10 * 60_000;
  const pollMs = options.pollMs ?? 1000;
  const claimTimeoutMs = options.claimTimeoutMs ?? 120_000;
  const concurrency = options.concurrency ?? DEFAULT_OUTBOX_LANES;
  const maxListedWaiting = options.maxListedWaitingChats ?? MAX_LISTED_WAITING_CHATS;
  const instanceId = `${process.pid}-${randomUUID().slice(0, 8)}`;
  const senders = new Map(options.senders.map((s) => [s.channel as string, s]));
  const limiters = new Map<string, SendRateLimiter>();
  const lanes = new Map<string, Promise<void>>();
  let stopping = false;

  const limiterFor = (channel: string) => {
    let l = limiters.get(channel);
    if (!l) {
      const limits = options.limits?.[channel] ?? senders.get(channel)?.limits ?? DEFAULT_LIMITS;
      l = createSendRateLimiter(limits, { now, sleep });
      limiters.set(channel, l);
    }
    return l;
  };

  const backoff = (attempts: number) => Math.min(maxBackoff, baseBackoff * 2 ** Math.max(0, attempts - 1)) * (0.5 + Math.random());

  /**
   * The rows that go out as the chat's next message: the first, and after it those of the same batch key and priority
   * combined with it while the platform's length allows; the message to send.
   */
  function nextMessage(rows: Row[], sender: ChannelSender): { rows: Row[]; message: ReturnType<typeof readPayload> } {
    const [head, ...rest] = rows as [Row, ...Row[]];
    const message = readPayload(head);
    if (!head.batchKey || !sender.maxTextLength) return { rows: [head], message };
    const run: Row[] = [head];
    const messages = [message];
    for (const row of rest.slice(0, MAX_COMBINED - 1)) {
      const next = row.batchKey === head.batchKey && row.priority === head.priority ? readPayloadOrNull(row) : null;
      if (!next) break;
      run.push(row);
      messages.push(next);
    }
    const combined = combineMessages(messages, sender.maxTextLength);
    return { rows: run.slice(0, combined.count), message: combined.message };
  }

  /**
   * Sends the chat's next message once its slot comes; returns false when the chat's remaining rows must wait (rate
   * limit, retry, nothing due). Which rows go is decided when the slot is there, so an urgent row queued meanwhile
   * goes first, and everything of a burst queued by then goes combined.
   */
  async function sendNext(chat: Chat, sender: ChannelSender): Promise<boolean> {
    const limiter = limiterFor(chat.channel);
    const group = { group: sender.isGroupChat?.(chat.address) ?? false };
    await limiter.acquire(chat.address, group);
    const claimed: Row[] = [];
    let sending = false;
    try {
      const due = await queue.nextForChat(chat, { now: new Date(now()), max: MAX_COMBINED });
      if (due.length === 0) return false;
      const next = nextMessage(due, sender);
      for (const row of next.rows) {
        if (!(await queue.claim(row.id, { by: instanceId, at: new Date(now()) }))) break;
        claimed.push(row);
      }
      if (claimed.length === 0) return false;
      // Another dispatcher took a row meanwhile: what was claimed before it (a prefix, so it still fits) goes.
      const message = claimed.length === next.rows.length ? next.message : nextMessage(claimed, sender).message;
      sending = true;
      const sent = await sender.send(chat.address, message).finally(() => limiter.finished(chat.address, group));
      await queue.markSent(
        claimed.map((row) => row.id),
        { at: new Date(now()), platformId: sent.platformId },
      );
      return true;
    } catch (error) {
      if (claimed.length === 0) throw error;
      await queue.release(claimed.slice(1).map((row) => row.id));
      return failRow(claimed[0]!, error, limiter);
    } finally {
      if (!sending) limiter.finished(chat.address, group);
    }
  }

  async function failRow(row: Row, error: unknown, limiter: SendRateLimiter): Promise<boolean> {
    const kind = error instanceof DeliveryError ? error.kind : "transient";
    const description = (error as Error).message?.slice(0, 500) ?? String(error);
    const attempts = row.attempts + 1;
    if (kind === "rate_limited") {
      const wait = (error as DeliveryError).details.retryAfterMs ?? 1000;
      limiter.pauseUntil(now() + wait);
      await queue.retryAt(row.id, { at: new Date(now() + wait), error: description });
      log.warn({ outboxId: row.id, channel: row.channel, retryAfterMs: wait }, "platform asked us to slow down; waiting");
      return false;
    }
    if (kind === "attachment_missing") return sendWithoutAttachments(row, description);
    if (kind === "blocked" || kind === "rejected" || attempts >= maxAttempts) {
      await queue.markDead(row.id, { attempts, error: description });
      if (kind === "blocked") {
        await prisma.channelIdentity.updateMany({ where: { channel: row.channel, address: row.address }, data: { blockedAt: new Date(now()) } });
        await prisma.auditEvent.create({ data: { type: "recipient_blocked", caseId: row.caseId, dataJson: JSON.stringify({ channel: row.channel }) } });
        log.info({ outboxId: row.id, channel: row.channel }, "recipient blocked the bot or is gone; not writing to them again");
      } else {
        await prisma.auditEvent.create({
          data: { type: "delivery_failed", caseId: row.caseId, dataJson: JSON.stringify({ outboxId: row.id, channel: row.channel, kind, attempts }) },
        });
        log.error({ outboxId: row.id, channel: row.channel, kind, attempts, err: description }, "message given up");
        options.onDead?.({ id: row.id, channel: row.channel, caseId: row.caseId, error: description });
      }
      return true;
    }
    const delay = backoff(attempts);
    await queue.retryAt(row.id, { at: new Date(now() + delay), error: description, attempts });
    log.warn({ outboxId: row.id, channel: row.channel, attempts, retryInMs: Math.round(delay), err: description }, "send failed; will retry");
    return false;
  }

  /**
   * A file the message carries is gone (erased after the message was queued): the text still matters, so the
   * row goes out again at once without its files and with a line saying so, in the recipient's language.
   */
  async function sendWithoutAttachments(row: Row, description: string): Promise<boolean> {
    const message = readPayload(row);
    const person = row.personId ? await prisma.person.findUnique({ where: { id: row.personId }, select: { locale: true } }) : null;
    const note = messagesFor(person?.locale).errors.attachmentGone({ count: message.attachments.length });
    const text = message.text ? `${message.text}\n\n${note}` : note;
    await queue.resendAs(row.id, { message: { ...message, text, attachments: [] }, at: new Date(now()), error: description });
    log.warn({ outboxId: row.id, channel: row.channel }, "an attachment is gone; sending the message without it");
    loop.kick();
    return false;
  }

  async function runLane(chat: Chat, sender: ChannelSender): Promise<void> {
    // On stop, the rest stays pending for the next start.
    while (!stopping && (await queue.nextForChat(chat, { now: new Date(now()), max: 1 })).length > 0) {
      if (!(await sendNext(chat, sender))) return;
    }
  }

  async function pass(): Promise<void> {
    const t = now();
    await queue.releaseClaimsBefore(new Date(t - claimTimeoutMs));
    // A chat whose oldest unsent row is being sent, or waits for a retry, sends nothing else until that row is
    // done. Those chats are left out of the query, so however many rows they hold, the due rows of every
    // other chat are reached (a crash that leaves claims behind must not hold up everyone for the claim timeout).
    // Urgent rows are the exception: their chats are looked at whatever holds them up, and first.
    const channels = [...senders.keys()];
    const waiting = await queue.waitingChats({ channels, now: new Date(t) });
    const urgent = await queue.urgentChats({ channels, now: new Date(t) });
    const rows = await queue.dueRows({ now: new Date(t), channels, waiting, maxListedWaiting });
    const chats = new Map<string, Chat>();
    for (const chat of [...urgent, ...rows]) chats.set(`${chat.channel}:${chat.address}`, { channel: chat.channel, address: chat.address });
    for (const [key, chat] of chats) {
      if (lanes.has(key)) continue;
      if (lanes.size >= concurrency) break;
      const sender = senders.get(chat.channel);
      if (!sender) continue; // that channel is not running in this process; leave the rows for one where it is
      const lane = runLane(chat, sender)
        .catch((error: unknown) => log.error({ err: (error as Error).message }, "outbox lane failed"))
        .finally(() => {
          lanes.delete(key);
          loop.kick();
        });
      lanes.set(key, lane);
    }
  }

  const loop = pollingLoop({ pass, pollMs, onError: (error) => log.error({ err: error.message }, "outbox pass failed; will try again") });

  return {
    start() {
      stopping = false;
      loop.start();
    },
    kick: loop.kick,
    async runOnce() {
      await loop.runOnce();
      await Promise.all([...lanes.values()]);
    },
    async stop() {
      stopping = true;
      await loop.stop();
      await Promise.all(lanes.values());
    },
  };
}
