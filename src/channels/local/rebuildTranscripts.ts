// After a restart the in-memory transcripts are rebuilt from what the database already holds: the local
// outbox rows that were sent (edits applied in order) and the relayed messages people wrote in the panes.
// Intake answers and button presses are not stored as messages, so they do not come back; the bot's side does.
import { outboundMessageSchema } from "../../notify/outboundMessage.ts";
import type { Prisma } from "../../store/database.ts";
import type { LocalHub } from "./localHub.ts";
import { entryContentOf } from "./localSender.ts";

interface Item {
  at: Date;
  apply(): void;
}

/** Fills an empty hub with the latest `limit` local messages each way; returns how many were restored. */
export async function rebuildTranscripts(prisma: Prisma, hub: LocalHub, options: { limit?: number } = {}): Promise<number> {
  const limit = options.limit ?? 5000;
  const rows = await prisma.outbox.findMany({
    where: { channel: "local", status: "sent", platformId: { not: null } },
    orderBy: [{ sentAt: "desc" }, { createdAt: "desc" }],
    take: limit,
    select: { address: true, payloadJson: true, platformId: true, sentAt: true, createdAt: true },
  });
  const items: Item[] = [];
  for (const row of rows) {
    const parsed = outboundMessageSchema.safeParse(JSON.parse(row.payloadJson));
    if (!parsed.success) continue;
    const message = parsed.data;
    const at = row.sentAt ?? row.createdAt;
    const content = entryContentOf(message);
    items.push({
      at,
      apply: () => {
        if (message.replaces && hub.edit(row.address, message.replaces, content)) return;
        hub.append(row.address, { id: row.platformId!, from: "bot", ...content, replyTo: message.replyTo, at, edited: false });
      },
    });
  }

  const written = await prisma.message.findMany({
    where: { channel: "local", platformId: { not: null } },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { text: true, attachJson: true, platformId: true, createdAt: true, person: { select: { identities: { where: { channel: "local" }, select: { address: true } } } } },
  });
  for (const m of written) {
    const pane = m.person.identities[0]?.address;
    if (!pane) continue;
    const attachments = (JSON.parse(m.attachJson) as { kind: string; fileRef: string; name?: string; mimeType?: string }[]).map((a) => ({
      kind: a.kind,
      name: a.name ?? "lampiran",
      mimeType: a.mimeType,
      ref: a.fileRef,
    }));
    items.push({
      at: m.createdAt,
      apply: () => void hub.append(pane, { id: m.platformId!, from: "me", text: m.text ?? "", buttons: [], links: [], attachments, at: m.createdAt, edited: false }),
    });
  }

  items.sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const item of items) item.apply();
  return items.length;
}
