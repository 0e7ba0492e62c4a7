// The outbox as the dispatcher sees it: due rows per chat, urgent ones first (a crisis alert never waits behind
// other messages to the same person), claimed with a conditional update (so two dispatchers never send the same
// row), then marked sent, put back for a retry, or given up on.
import type { ParsedOutboundMessage } from "../../notify/outboundMessage.ts";
import type { Prisma } from "../database.ts";
import { payloadOf } from "./outboxPayload.ts";
import { URGENT_PRIORITY } from "./queueMessage.ts";

/** A row to send; its message is read with readPayload when it is sent. */
export type OutboxRow = Awaited<ReturnType<Prisma["outbox"]["findMany"]>>[number];

export interface Chat {
  channel: string;
  address: string;
}

export interface DispatchQueue {
  /** Takes a pending row for this instance; false when another took it first. */
  claim(id: string, p: { by: string; at: Date }): Promise<boolean>;
  /** Marks rows sent as one platform message (several when a burst was combined). */
  markSent(ids: string[], p: { at: Date; platformId: string }): Promise<void>;
  /** Claimed rows back to pending at once, no attempt counted (they were to go with a message that failed first). */
  release(ids: string[]): Promise<void>;
  /** Back to pending until `at`; `attempts` counts the failure (a rate limit does not). */
  retryAt(id: string, p: { at: Date; error: string; attempts?: number }): Promise<void>;
  markDead(id: string, p: { attempts: number; error: string }): Promise<void>;
  /** Back to pending at once, carrying `message` instead (the same message without its lost files). */
  resendAs(id: string, p: { message: ParsedOutboundMessage; at: Date; error: string }): Promise<void>;
  /** Claims older than `before` (their sender died) go back to pending. */
  releaseClaimsBefore(before: Date): Promise<void>;
  /** Chats whose oldest unsent row is being sent or waits for a retry. */
  waitingChats(p: { channels: string[]; now: Date }): Promise<Chat[]>;
  /** Chats with an urgent row due, waiting chats included: the urgent row goes ahead of what holds them up. */
  urgentChats(p: { channels: string[]; now: Date }): Promise<Chat[]>;
  /**
   * What goes to one chat next, in order: urgent rows first, then by age. Up to `max` rows, ending before the first
   * that is being sent or waits for a retry (it holds up what comes after it); empty when nothing may go now.
   */
  nextForChat(chat: Chat, p: { now: Date; max: number }): Promise<OutboxRow[]>;
  /**
   * Up to 500 due rows, urgent first, then oldest first, of chats not waiting. The waiting chats are named in the query; a very
   * long list (a platform outage puts every chat in backoff) would pass the databases' limits on bound
   * values, so past `maxListedWaiting` the rows are read page by page and the waiting chats skipped here.
   */
  dueRows(p: { now: Date; channels: string[]; waiting: Chat[]; maxListedWaiting: number }): Promise<OutboxRow[]>;
}

/** The order a chat's rows go out in: urgent first, then oldest first. */
const CHAT_ORDER = [{ priority: "desc" as const }, { createdAt: "asc" as const }, { id: "asc" as const }];

export function dispatchQueue(prisma: Prisma): DispatchQueue {
  return {
    async claim(id, p) {
      const claimed = await prisma.outbox.updateMany({ where: { id, status: "pending" }, data: { status: "sending", claimedBy: p.by, claimedAt: p.at } });
      return claimed.count === 1;
    },
    async markSent(ids, p) {
      await prisma.outbox.updateMany({
        where: { id: { in: ids } },
        data: { status: "sent", sentAt: p.at, platformId: p.platformId, attempts: { increment: 1 } },
      });
    },
    async release(ids) {
      if (ids.length) await prisma.outbox.updateMany({ where: { id: { in: ids }, status: "sending" }, data: { status: "pending", claimedBy: null } });
    },
    async retryAt(id, p) {
      await prisma.outbox.update({
        where: { id },
        data: { status: "pending", ...(p.attempts === undefined ? {} : { attempts: p.attempts }), nextAttemptAt: p.at, lastError: p.error, claimedBy: null },
      });
    },
    async markDead(id, p) {
      await prisma.outbox.update({ where: { id }, data: { status: "dead", attempts: p.attempts, lastError: p.error } });
    },
    async resendAs(id, p) {
      await prisma.outbox.update({
        where: { id },
        data: { payloadJson: payloadOf(p.message), status: "pending", nextAttemptAt: p.at, lastError: p.error, claimedBy: null },
      });
    },
    async releaseClaimsBefore(before) {
      await prisma.outbox.updateMany({ where: { status: "sending", claimedAt: { lt: before } }, data: { status: "pending", claimedBy: null } });
    },
    async waitingChats(p) {
      return prisma.outbox.findMany({
        where: { channel: { in: p.channels }, OR: [{ status: "sending" }, { status: "pending", nextAttemptAt: { gt: p.now } }] },
        select: { channel: true, address: true },
        distinct: ["channel", "address"],
      });
    },
    async urgentChats(p) {
      return prisma.outbox.findMany({
        where: { channel: { in: p.channels }, status: "pending", priority: { gte: URGENT_PRIORITY }, nextAttemptAt: { lte: p.now } },
        select: { channel: true, address: true },
        distinct: ["channel", "address"],
      });
    },
    async nextForChat(chat, p) {
      const rows = await prisma.outbox.findMany({
        where: { channel: chat.channel, address: chat.address, status: { in: ["pending", "sending"] } },
        orderBy: CHAT_ORDER,
        take: p.max,
      });
      const held = rows.findIndex((row) => row.status === "sending" || row.nextAttemptAt > p.now);
      return held === -1 ? rows : rows.slice(0, held);
    },
    async dueRows({ now, channels, waiting, maxListedWaiting }) {
      const due = { status: "pending", nextAttemptAt: { lte: now } };
      const order = CHAT_ORDER;
      if (waiting.length <= maxListedWaiting) {
        const waitingIn = (channel: string) => waiting.filter((w) => w.channel === channel).map((w) => w.address);
        return prisma.outbox.findMany({
          where: { ...due, OR: channels.map((channel) => ({ channel, address: { notIn: waitingIn(channel) } })) },
          orderBy: order,
          take: 500,
        });
      }
      const blockedKeys = new Set(waiting.map((w) => `${w.channel}:${w.address}`));
      const found: OutboxRow[] = [];
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
    },
  };
}
