// The one message an erased client still gets: that their data is gone. It is the last row addressed to them, and
// once it is delivered (or given up) its address and text go like every other row of theirs did.
import type { OutboundMessage } from "../../notify/outboundMessage.ts";
import { lookupHash, type HashKey } from "../../privacy/index.ts";
import type { Prisma, Tx } from "../database.ts";
import { ERASED_PAYLOAD } from "./outboxPayload.ts";
import { queueMessage } from "./queueMessage.ts";

const PREFIX = "erasure-notice:";
const ERASED_ADDRESS = "[dihapus]";

/**
 * Queues the "your data was erased" notice to one of the erased client's handles. The dedupe key names the handle by
 * its keyed hash (the value the address column holds), never the address itself.
 */
export async function queueErasureNotice(
  tx: Tx,
  p: { personId: string; channel: string; address: string; message: OutboundMessage; hashKey: HashKey },
): Promise<void> {
  const { hashKey, ...row } = p;
  await queueMessage(tx, { ...row, dedupeKey: `${PREFIX}${p.personId}:${p.channel}:${lookupHash(hashKey, "chat", p.address)}` });
}

/** Erases the address and text of erasure notices already delivered or given up; returns how many rows changed. */
export async function scrubDeliveredErasureNotices(prisma: Prisma): Promise<number> {
  const rows = await prisma.outbox.findMany({
    where: { dedupeKey: { startsWith: PREFIX }, status: { in: ["sent", "dead"] }, address: { not: ERASED_ADDRESS } },
    select: { id: true },
  });
  let scrubbed = 0;
  for (const row of rows) {
    // The dedupe key names the handle (by its hash): it is replaced by the row's own id.
    const changed = await prisma.outbox.updateMany({
      where: { id: row.id, status: { in: ["sent", "dead"] } },
      data: { address: ERASED_ADDRESS, payloadJson: ERASED_PAYLOAD, dedupeKey: `${PREFIX}done:${row.id}` },
    });
    scrubbed += changed.count;
  }
  return scrubbed;
}
