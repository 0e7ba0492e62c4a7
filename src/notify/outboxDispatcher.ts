// Sends what the outbox holds. Rows are claimed before sending (a conditional update, so two dispatchers
// never send the same row), sent in order per chat within each platform's rate limits, and marked sent with
// the platform's message id. Failures are handled by cause: wait when told to (429), retry network errors and
// 5xx with exponential backoff and jitter, stop writing to people who blocked the bot, give up after
// `maxAttempts` and report the row as dead.
import { randomUUID } from "node:crypto";
import { messagesFor } from "../i18n/index.ts";
import { pollingLoop } from "../jobs/pollingLoop.ts";
import type { Logger } from "../logger.ts";
import type { Prisma } from "../store/database.ts";
import { DeliveryError, type ChannelSender } from "./channelSender.ts";
import { outboundMessageSchema } from "./outboundMessage.ts";
import { createSendRateLimiter, type RateLimits, type SendRateLimiter } from "./sendRateLimiter.ts";

/** Chats sent to at once by default; also the most messages a crash can leave "sent but not marked". */
export const DEFAULT_OUTBOX_LANES = 64;

/**
 * Waiting chats a pass names in its query; past this it pages through the rows and skips them itself.
 * Prisma refuses a SQLite query with 999 or more bound values (P2029), and the query has a few of its own.
 */
export const MAX_LISTED_WAITING_CHATS = 900;

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

/** Kept here for the dispatcher's test; the limits belong to the Telegram channel. */
export { TELEGRAM_LIMITS } from "../channels/telegram/telegramLimits.ts";
const DEFAULT_LIMITS: RateLimits = { perChatIntervalMs: 1000, globalPerSecond: 10 };

type Row = Awaited<ReturnType<Prisma["outbox"]["findMany"]>>[number];

export function createOutboxDispatcher(options: DispatcherOptions): OutboxDispatcher {
  const { prisma, log } = options;
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

  async function claim(row: Row): Promise<boolean> {
    const claimed = await prisma.outbox.updateMany({
      where: { id: row.id, status: "pending" },
      data: { status: "sending", claimedBy: instanceId, claimedAt: new Date(now()) },
    });
    return claimed.count === 1;
  }

  /** Sends one row; returns false when the chat's remaining rows must wait (rate limit, retry). */
  async function sendRow(row: Row): Promise<boolean> {
    const sender = senders.get(row.channel);
    if (!sender) return false; // that channel is not running in this process; leave the row for one where it is
    if (!(await claim(row))) return false;
    const limiter = limiterFor(row.channel);
    try {
      const message = outboundMessageSchema.parse(JSON.parse(row.payloadJson));
      const chat = { group: sender.isGroupChat?.(row.address) ?? false };
      await limiter.acquire(row.address, chat);
      const sent = await sender.send(row.address, message).finally(() => limiter.finished(row.address, chat));
      await prisma.outbox.update({
        where: { id: row.id },
        data: { status: "sent", sentAt: new Date(now()), platformId: sent.platformId, attempts: { increment: 1 } },
      });
      return true;
    } catch (error) {
      return failRow(row, error, limiter);
    }
  }

  async function failRow(row: Row, error: unknown, limiter: SendRateLimiter): Promise<boolean> {
    const kind = error instanceof DeliveryError ? error.kind : "transient";
    const description = (error as Error).message?.slice(0, 500) ?? String(error);
    const attempts = row.attempts + 1;
    if (kind === "rate_limited") {
      const wait = (error as DeliveryError).details.retryAfterMs ?? 1000;
      limiter.pauseUntil(now() + wait);
      await prisma.outbox.update({
        where: { id: row.id },
        data: { status: "pending", nextAttemptAt: new Date(now() + wait), lastError: description, claimedBy: null },
      });
      log.warn({ outboxId: row.id, channel: row.channel, retryAfterMs: wait }, "platform asked us to slow down; waiting");
      return false;
    }
    if (kind === "attachment_missing") return sendWithoutAttachments(row, description);
    if (kind === "blocked" || kind === "rejected" || attempts >= maxAttempts) {
      await prisma.outbox.update({ where: { id: row.id }, data: { status: "dead", attempts, lastError: description } });
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
    await prisma.outbox.update({
      where: { id: row.id },
      data: { status: "pending", attempts, nextAttemptAt: new Date(now() + delay), lastError: description, claimedBy: null },
    });
    log.warn({ outboxId: row.id, channel: row.channel, attempts, retryInMs: Math.round(delay), err: description }, "send failed; will retry");
    return false;
  }

  /**
   * A file the message carries is gone (erased after the message was queued): the text still matters, so the
   * row goes out again at once without its files and with a line saying so, in the recipient's language.
   */
  async function sendWithoutAttachments(row: Row, description: string): Promise<boolean> {
    const message = outboundMessageSchema.parse(JSON.parse(row.payloadJson));
    const person = row.personId ? await prisma.person.findUnique({ where: { id: row.personId }, select: { locale: true } }) : null;
    const note = messagesFor(person?.locale).errors.attachmentGone({ count: message.attachments.length });
    const text = message.text ? `${message.text}\n\n${note}` : note;
    await prisma.outbox.update({
      where: { id: row.id },
      data: { payloadJson: JSON.stringify({ ...message, text, attachments: [] }), status: "pending", nextAttemptAt: new Date(now()), lastError: description, claimedBy: null },
    });
    log.warn({ outboxId: row.id, channel: row.channel }, "an attachment is gone; sending the message without it");
    loop.kick();
    return false;
  }

  async function runLane(rows: Row[]): Promise<void> {
    for (const row of rows) {
      if (stopping || !(await sendRow(row))) return; // on stop, the rest stays pending for the next start
    }
  }

  /**
   * Up to 500 due rows, oldest first, of chats not waiting. The waiting chats are named in the query; a very
   * long list (a platform outage puts every chat in backoff) would pass the databases' limits on bound
   * values, so past `maxListedWaiting` the rows are read page by page and the waiting chats skipped here.
   */
  async function dueRows(t: number, channels: string[], waiting: { channel: string; address: string }[]): Promise<Row[]> {
    const due = { status: "pending", nextAttemptAt: { lte: new Date(t) } };
    const order = [{ createdAt: "asc" as const }, { id: "asc" as const }];
    if (waiting.length <= maxListedWaiting) {
      const waitingIn = (channel: string) => waiting.filter((w) => w.channel === channel).map((w) => w.address);
      return prisma.outbox.findMany({
        where: { ...due, OR: channels.map((channel) => ({ channel, address: { notIn: waitingIn(channel) } })) },
        orderBy: order,
        take: 500,
      });
    }
    const blockedKeys = new Set(waiting.map((w) => `${w.channel}:${w.address}`));
    const found: Row[] = [];
    for (let cursor: string | undefined; ; ) {
      const page = await prisma.outbox.findMany({
        where: { ...due, channel: { in: channels } },
        orderBy: order,
        take: 2000,
        ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      });
      for (const row of page) if (!blockedKeys.has(`${row.channel}:${row.address}`)) found.push(row);
      if (found.length >= 500 || page.length < 2000) return found.slice(0, 500);
      cursor = page.at(-1)!.id;
    }
  }

  async function pass(): Promise<void> {
    const t = now();
    await prisma.outbox.updateMany({
      where: { status: "sending", claimedAt: { lt: new Date(t - claimTimeoutMs) } },
      data: { status: "pending", claimedBy: null },
    });
    // A chat whose oldest unsent row is being sent, or waits for a retry, sends nothing else until that row is
    // done. Those chats are left out of the query, so however many rows they hold, the due rows of every
    // other chat are reached (a crash that leaves claims behind must not hold up everyone for the claim timeout).
    const channels = [...senders.keys()];
    const waiting = await prisma.outbox.findMany({
      where: { channel: { in: channels }, OR: [{ status: "sending" }, { status: "pending", nextAttemptAt: { gt: new Date(t) } }] },
      select: { channel: true, address: true },
      distinct: ["channel", "address"],
    });
    const rows = await dueRows(t, channels, waiting);
    const byChat = new Map<string, Row[]>();
    for (const row of rows) {
      const key = `${row.channel}:${row.address}`;
      const list = byChat.get(key) ?? [];
      list.push(row);
      byChat.set(key, list);
    }
    for (const [key, list] of byChat) {
      if (lanes.has(key)) continue;
      if (lanes.size >= concurrency) break;
      const lane = runLane(list)
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
