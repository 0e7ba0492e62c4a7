// What a message someone answers refers to: people reply to (or quote, or thread on) a message the bot sent,
// and the outbox row of that message names the case, the client or the task it was about.
import type { ParsedOutboundMessage } from "../../notify/outboundMessage.ts";
import type { Prisma, Tx } from "../database.ts";
import { readPayloadOrNull } from "./outboxPayload.ts";

interface InChat {
  channel: string;
  address: string;
}

/** The case of the newest message sent to this chat among `platformIds` (a reply, an email thread), if any. */
export async function caseIdRepliedTo(tx: Tx, p: InChat & { platformIds: string[] }): Promise<string | null> {
  const row = await tx.outbox.findFirst({
    where: { channel: p.channel, address: p.address, platformId: { in: p.platformIds }, caseId: { not: null } },
    orderBy: { createdAt: "desc" },
    select: { caseId: true },
  });
  return row?.caseId ?? null;
}

/** The case, or the person (a crisis alert before any case), that the message sent to this chat as `platformId` is about. */
export async function subjectOfQuoted(tx: Tx, p: InChat & { platformId: string }): Promise<{ caseId: string | null; aboutPersonId: string | null } | null> {
  return tx.outbox.findFirst({
    where: { channel: p.channel, address: p.address, platformId: p.platformId },
    select: { caseId: true, aboutPersonId: true },
  });
}

/** The messages sent to this chat among `platformIds`, newest first, with the step run each was a task of. */
export async function messagesRepliedTo(
  prisma: Prisma | Tx,
  p: InChat & { platformIds: string[] },
): Promise<{ message: ParsedOutboundMessage; stepRunId: string | null }[]> {
  const rows = await prisma.outbox.findMany({
    where: { channel: p.channel, address: p.address, platformId: { in: p.platformIds } },
    orderBy: { createdAt: "desc" },
    select: { payloadJson: true, stepRunId: true },
  });
  return rows.flatMap((row) => {
    const message = readPayloadOrNull(row);
    return message ? [{ message, stepRunId: row.stepRunId }] : [];
  });
}
