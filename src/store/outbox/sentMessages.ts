// The messages a channel has sent, as they were sent: for a channel that keeps no history of its own (the
// local panes) to show them again after a restart.
import type { ParsedOutboundMessage } from "../../notify/outboundMessage.ts";
import type { Prisma } from "../database.ts";
import { readPayloadOrNull } from "./outboxPayload.ts";

export interface SentMessage {
  address: string;
  platformId: string;
  /** When it was sent (when it was queued, for a row sent before sentAt was kept). */
  at: Date;
  message: ParsedOutboundMessage;
}

/** The latest `limit` messages sent on `channel`, newest first; a payload that is not a message is left out. */
export async function latestSentMessages(prisma: Prisma, p: { channel: string; limit: number }): Promise<SentMessage[]> {
  const rows = await prisma.outbox.findMany({
    where: { channel: p.channel, status: "sent", platformId: { not: null } },
    orderBy: [{ sentAt: "desc" }, { createdAt: "desc" }],
    take: p.limit,
    select: { address: true, payloadJson: true, platformId: true, sentAt: true, createdAt: true },
  });
  return rows.flatMap((row) => {
    const message = readPayloadOrNull(row);
    return message ? [{ address: row.address, platformId: row.platformId!, at: row.sentAt ?? row.createdAt, message }] : [];
  });
}
