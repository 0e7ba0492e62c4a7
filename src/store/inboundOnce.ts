// Inbound idempotency: a Telegram update, an email UID or a WhatsApp message id seen twice is handled once.
// The mark is written in the same transaction as the handling, so a crash before commit allows a retry.
import type { Tx } from "./database.ts";

/** Marks `key` handled; false when it already was. */
export async function claimInbound(tx: Tx, key: string): Promise<boolean> {
  const seen = await tx.processedInbound.findUnique({ where: { key }, select: { key: true } });
  if (seen) return false;
  await tx.processedInbound.create({ data: { key } });
  return true;
}
