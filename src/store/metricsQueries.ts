// The read-only queries behind /metrics' gauges, run at scrape time: how much waits in the outbox and for how
// long, dead letters, inbound messages kept and waiting or dead, overdue steps by flow, documents still to
// render, and whether the database answers.
import type { Prisma } from "./database.ts";
import { inboundQueueByChannel } from "./inboundQueue.ts";

/** What the database says about the service's backlog at one moment. */
export interface BacklogSnapshot {
  /** Outbox rows not sent yet ("pending" or "sending"), by channel. */
  outboxUnsent: { channel: string; rows: number }[];
  /** Seconds since the oldest unsent outbox row was written; 0 when none waits. */
  oldestUnsentAgeSeconds: number;
  /** Outbox rows given up ("dead"), by channel. */
  deadLetters: { channel: string; rows: number }[];
  /** Inbound messages kept and waiting to be handled, by channel. */
  inboundWaiting: { channel: string; rows: number }[];
  /** Inbound dead letters (handling failed every attempt), by channel. */
  inboundDead: { channel: string; rows: number }[];
  /** Steps of open cases past their deadline and not done, by flow. */
  overdueSteps: { flowId: string; steps: number }[];
  /** Documents waiting for the worker to render them. */
  documentsPending: number;
}

/** Whether the database answers a trivial query. */
export async function databaseAnswers(prisma: Prisma): Promise<boolean> {
  try {
    await prisma.organisation.count();
    return true;
  } catch {
    return false;
  }
}

/** The backlog now; `flowIds` are the loaded flows (each gets a value, 0 included, so the series stay continuous). */
export async function readBacklog(prisma: Prisma, p: { now: Date; flowIds: readonly string[] }): Promise<BacklogSnapshot> {
  const unsent = { status: { in: ["pending", "sending"] } };
  const [byChannel, oldest, dead, documentsPending, inbound] = await Promise.all([
    prisma.outbox.groupBy({ by: ["channel"], where: unsent, _count: { _all: true } }),
    prisma.outbox.findFirst({ where: unsent, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
    prisma.outbox.groupBy({ by: ["channel"], where: { status: "dead" }, _count: { _all: true } }),
    prisma.document.count({ where: { status: "pending" } }),
    inboundQueueByChannel(prisma),
  ]);
  const overdue = { actedAt: null, deadlineAt: { lt: p.now } };
  const overdueSteps = await Promise.all(
    p.flowIds.map(async (flowId) => ({ flowId, steps: await prisma.stepRun.count({ where: { ...overdue, case: { status: "open", flowId } } }) })),
  );
  return {
    outboxUnsent: byChannel.map((r) => ({ channel: r.channel, rows: r._count._all })),
    oldestUnsentAgeSeconds: oldest ? Math.max(0, (p.now.getTime() - oldest.createdAt.getTime()) / 1000) : 0,
    deadLetters: dead.map((r) => ({ channel: r.channel, rows: r._count._all })),
    inboundWaiting: inbound.map((r) => ({ channel: r.channel, rows: r.waiting })),
    inboundDead: inbound.map((r) => ({ channel: r.channel, rows: r.dead })),
    overdueSteps,
    documentsPending,
  };
}
