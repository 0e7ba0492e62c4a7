// Inbound messages kept to be handled later, in order per chat, and the dead letters left by those whose handling
// kept failing: the only reader and writer of the InboundQueue table. When a message is kept and when it is
// handled is decided in src/dialogs/inboundBacklog.ts; the message itself is encrypted at rest (messageJson).
import { z } from "zod";
import { inboundMessageSchema, type InboundMessage } from "../channels/inboundMessage.ts";
import type { Prisma, Tx } from "./database.ts";

/**
 * Why a message was kept: over the sender's pace, behind an earlier kept message of its chat, one part of an
 * over-long message, or its handling failed. (A dead letter may also say "malformed": it never read as a message.)
 */
export type KeepReason = "paced" | "behind" | "part" | "failed";

export interface Chat {
  channel: string;
  address: string;
}

const aheadSchema = z.object({
  /** The crisis alert was raised when the message arrived: whom it reached (the conversation pauses for them). */
  crisis: z.object({ clientId: z.string(), counsellors: z.array(z.string()) }).optional(),
});

/** What was done for a kept message when it arrived, so that handling it later does not do it again. */
export type AheadWork = z.infer<typeof aheadSchema>;

/** A kept message, read back; `msg` is null when the stored row does not read as a message (it can only die). */
export interface KeptMessage extends Chat {
  id: string;
  msg: InboundMessage | null;
  /** Why the row does not read, when it does not. */
  unreadable?: string;
  ahead: AheadWork;
  reason: string;
  attempts: number;
  nextAttemptAt: Date;
}

/** A message given up on after its last retry, as /healthz and the dashboard list it (never its text). */
export interface DeadLetter {
  id: string;
  channel: string;
  reason: string;
  attempts: number;
  lastError: string | null;
  personId: string | null;
  orgId: string | null;
  receivedAt: Date;
  diedAt: Date | null;
}

const WAITING = "waiting";
const DEAD = "dead";
const ARRIVAL_ORDER = [{ createdAt: "asc" as const }, { id: "asc" as const }];

/** Keeps a message (in the caller's transaction, with its dedupe mark); `at` orders it within its chat. */
export async function keepInbound(
  tx: Tx,
  p: {
    msg: InboundMessage;
    reason: KeepReason;
    at: Date;
    ahead?: AheadWork;
    attempts?: number;
    nextAttemptAt?: Date;
    lastError?: string;
    personId?: string | null;
    orgId?: string | null;
  },
): Promise<string> {
  const row = await tx.inboundQueue.create({
    data: {
      channel: p.msg.channel,
      address: p.msg.address,
      messageJson: JSON.stringify(p.msg),
      aheadJson: p.ahead && Object.keys(p.ahead).length ? JSON.stringify(p.ahead) : null,
      reason: p.reason,
      attempts: p.attempts ?? 0,
      nextAttemptAt: p.nextAttemptAt ?? p.at,
      lastError: p.lastError?.slice(0, 500) ?? null,
      personId: p.personId ?? null,
      orgId: p.orgId ?? null,
      createdAt: p.at,
    },
    select: { id: true },
  });
  return row.id;
}

/** Something a channel handed over that does not read as a message (a converter's bug): a dead letter at once, as it came. */
export async function keepMalformed(prisma: Prisma, p: { raw: unknown; error: string; at: Date }): Promise<string> {
  const fields = (p.raw ?? {}) as { channel?: unknown; address?: unknown };
  const text = (value: unknown) => (typeof value === "string" && value ? value : "unknown");
  let messageJson: string;
  try {
    messageJson = JSON.stringify(p.raw) ?? "null";
  } catch {
    messageJson = JSON.stringify(String(p.raw));
  }
  const row = await prisma.inboundQueue.create({
    data: {
      channel: text(fields.channel),
      address: text(fields.address),
      messageJson,
      status: DEAD,
      reason: "malformed",
      lastError: p.error.slice(0, 500),
      createdAt: p.at,
      diedAt: p.at,
    },
    select: { id: true },
  });
  return row.id;
}

/** How many of a chat's messages wait their turn (dead letters hold nothing up). */
export async function waitingCount(db: Prisma | Tx, chat: Chat): Promise<number> {
  return db.inboundQueue.count({ where: { ...chat, status: WAITING } });
}

/** The chat's next kept message (the oldest waiting), due or not. */
export async function nextKept(db: Prisma | Tx, chat: Chat): Promise<KeptMessage | null> {
  const row = await db.inboundQueue.findFirst({ where: { ...chat, status: WAITING }, orderBy: ARRIVAL_ORDER });
  if (!row) return null;
  const kept = { id: row.id, channel: row.channel, address: row.address, reason: row.reason, attempts: row.attempts, nextAttemptAt: row.nextAttemptAt };
  try {
    const stored = JSON.parse(row.messageJson) as Record<string, unknown>;
    const msg = inboundMessageSchema.parse({ ...stored, receivedAt: new Date(String(stored.receivedAt)) });
    const ahead = row.aheadJson ? aheadSchema.parse(JSON.parse(row.aheadJson)) : {};
    return { ...kept, msg, ahead };
  } catch (error) {
    return { ...kept, msg: null, ahead: {}, unreadable: `unreadable kept message (${(error as Error).name})` };
  }
}

/** Chats with a kept message due by `now` (at most `limit`), the longest waiting first. */
export async function chatsWithDueMessages(prisma: Prisma, p: { now: Date; limit: number }): Promise<Chat[]> {
  const groups = await prisma.inboundQueue.groupBy({
    by: ["channel", "address"],
    where: { status: WAITING, nextAttemptAt: { lte: p.now } },
    _min: { createdAt: true, id: true },
    orderBy: { _min: { createdAt: "asc" } },
    take: p.limit,
  });
  // Grouped, the address is what is stored (a keyed hash where addresses are sealed): one row of each chat says it.
  const ids = groups.map((g) => g._min.id).filter((id): id is string => id !== null);
  const rows = await prisma.inboundQueue.findMany({ where: { id: { in: ids } }, select: { id: true, channel: true, address: true } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return groups.flatMap((g) => {
    const row = g._min.id ? byId.get(g._min.id) : undefined;
    return row ? [{ channel: row.channel, address: row.address }] : [];
  });
}

/** Takes a kept message off the queue in the transaction that handles it; false when another handler took it first. */
export async function takeKept(tx: Tx, id: string): Promise<boolean> {
  return (await tx.inboundQueue.deleteMany({ where: { id, status: WAITING } })).count === 1;
}

/** A failed attempt: the message waits until `at` for the next. */
export async function retryKeptAt(prisma: Prisma, id: string, p: { attempts: number; at: Date; error: string }): Promise<void> {
  await prisma.inboundQueue.updateMany({
    where: { id, status: WAITING },
    data: { attempts: p.attempts, nextAttemptAt: p.at, lastError: p.error.slice(0, 500) },
  });
}

/** The last attempt failed: the message stays as a dead letter. */
export async function markKeptDead(prisma: Prisma, id: string, p: { attempts: number; at: Date; error: string }): Promise<void> {
  await prisma.inboundQueue.updateMany({
    where: { id, status: WAITING },
    data: { status: DEAD, attempts: p.attempts, diedAt: p.at, lastError: p.error.slice(0, 500) },
  });
}

/** Dead letters: how many, and the latest `limit`; with `orgIds`, those of senders of these organisations and of senders of none known. */
export async function deadLetters(prisma: Prisma, p: { orgIds?: string[]; limit: number }): Promise<{ total: number; latest: DeadLetter[] }> {
  const where = { status: DEAD, ...(p.orgIds ? { OR: [{ orgId: { in: p.orgIds } }, { orgId: null }] } : {}) };
  const [total, rows] = await Promise.all([
    prisma.inboundQueue.count({ where }),
    prisma.inboundQueue.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: p.limit,
      select: { id: true, channel: true, reason: true, attempts: true, lastError: true, personId: true, orgId: true, createdAt: true, diedAt: true },
    }),
  ]);
  return { total, latest: rows.map(({ createdAt, ...row }) => ({ ...row, receivedAt: createdAt })) };
}

/** Per channel with any: how many messages wait their turn and how many are dead letters (and when the latest died). */
export async function inboundQueueByChannel(prisma: Prisma): Promise<{ channel: string; waiting: number; dead: number; lastDiedAt: Date | null }[]> {
  const groups = await prisma.inboundQueue.groupBy({ by: ["channel", "status"], _count: { _all: true }, _max: { diedAt: true } });
  const channels = [...new Set(groups.map((g) => g.channel))].sort();
  const of = (channel: string, status: string) => groups.find((g) => g.channel === channel && g.status === status);
  return channels.map((channel) => ({
    channel,
    waiting: of(channel, WAITING)?._count._all ?? 0,
    dead: of(channel, DEAD)?._count._all ?? 0,
    lastDiedAt: of(channel, DEAD)?._max.diedAt ?? null,
  }));
}
