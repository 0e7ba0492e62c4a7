// The outbox as the dispatcher sees it: due rows per chat, claimed with a conditional update (so two
// dispatchers never send the same row), then marked sent, put back for a retry, or given up on.
import type { ParsedOutboundMessage } from "../../notify/outboundMessage.ts";
import type { Prisma } from "../database.ts";
import { payloadOf } from "./outboxPayload.ts";

/** A row to send; its message is read with readPayload when it is sent. */
export type OutboxRow = Awaited<ReturnType<Prisma["outbox"]["findMany"]>>[number];

export interface Chat {
  channel: string;
  address: string;
}

export interface DispatchQueue {
  /** Takes a pending row for this instance; false when another took it first. */
  claim(id: string, p: { by: string; at: Date }): Promise<boolean>;
  markSent(id: string, p: { at: Date; platformId: string }): Promise<void>;
  /** Back to pending until `at`; `attempts` counts the failure (a rate limit does not). */
  retryAt(id: string, p: { at: Date; error: string; attempts?: number }): Promise<void>;
  markDead(id: string, p: { attempts: number; error: string }): Promise<void>;
  /** Back to pending at once, carrying `message` instead (the same message without its lost files). */
  resendAs(id: string, p: { message: ParsedOutboundMessage; at: Date; error: string }): Promise<void>;
  /** Claims older than `before` (their sender died) go back to pending. */
  releaseClaimsBefore(before: Date): Promise<void>;
  /** Chats whose oldest unsent row is being sent or waits for a retry. */
  waitingChats(p: { channels: string[]; now: Date }): Promise<Chat[]>;
  /**
   * Up to 500 due rows, oldest first, of chats not waiting. The waiting chats are named in the query; a very
   * long list (a platform outage puts every chat in backoff) would pass the databases' limits on bound
   * values, so past `maxListedWaiting` the rows are read page by page and the waiting chats skipped here.
   */
  dueRows(p: { now: Date; channels: string[]; waiting: Chat[]; maxListedWaiting: number }): Promise<OutboxRow[]>;
}

export function dispatchQueue(prisma: Prisma): DispatchQueue {
  return {
    async claim(id, p) {
      const claimed = await prisma.outbox.updateMany({ where: { id, status: "pending" }, data: { status: "sending", claimedBy: p.by, claimedAt: p.at } });
      return claimed.count === 1;
    },
    async markSent(id, p) {
      await prisma.outbox.update({ where: { id }, data: { status: "sent", sentAt: p.at, platformId: p.platformId, attempts: { increment: 1 } } });
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
    async dueRows({ now, channels, waiting, maxListedWaiting }) {
      const due = { status: "pending", nextAttemptAt: { lte: now } };
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
