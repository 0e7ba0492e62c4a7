// After a restart the in-memory transcripts are rebuilt from what the database already holds: the local
// outbox rows that were sent (edits applied in order) and the relayed messages people wrote in the panes.
// Intake answers and button presses are not stored as messages, so they do not come back; the bot's side does.
import type { Prisma } from "../../store/database.ts";
import { latestSentMessages } from "../../store/outbox/index.ts";
import type { LocalHub } from "./localHub.ts";
import { entryContentOf } from "./localSender.ts";

interface Item {
  at: Date;
  apply(): void;
}

/** Fills an empty hub with the latest `limit` local messages each way; returns how many were restored. */
export async function rebuildTranscripts(prisma: Prisma, hub: LocalHub, options: { limit?: number } = {}): Promise<number> {
  const limit = options.limit ?? 5000;
  const sent = await latestSentMessages(prisma, { channel: "local", limit });
  const items: Item[] = [];
  for (const { address, platformId, at, message } of sent) {
    const content = entryContentOf(message);
    items.push({
      at,
      apply: () => {
        if (message.replaces && hub.edit(address, message.replaces, content)) return;
        hub.append(address, { id: platformId, from: "bot", ...content, replyTo: message.replyTo, at, edited: false });
      },
    });
  }

  const written = await prisma.message.findMany({
    where: { channel: "local", platformId: { not: null } },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: {
      text: true,
      attachJson: true,
      platformId: true,
      createdAt: true,
      person: { select: { identities: { where: { channel: "local" }, select: { address: true } } } },
    },
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
      apply: () =>
        void hub.append(pane, { id: m.platformId!, from: "me", text: m.text ?? "", buttons: [], links: [], attachments, at: m.createdAt, edited: false }),
    });
  }

  items.sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const item of items) item.apply();
  return items.length;
}
