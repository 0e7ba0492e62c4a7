// Changing a message after it was queued: before it is sent the row is rewritten; after, where the channel
// can edit, an edit is queued that replaces it by its platform id.
import { randomUUID } from "node:crypto";
import { capabilitiesOf } from "../../channels/channelModules.ts";
import type { OutboundMessage } from "../../notify/outboundMessage.ts";
import type { Tx } from "../database.ts";
import { payloadOf, readPayloadOrNull } from "./outboxPayload.ts";
import { queueMessage } from "./queueMessage.ts";

type OutboxRow = NonNullable<Awaited<ReturnType<Tx["outbox"]["findUnique"]>>>;

/**
 * A choice was made on a message (or it no longer applies): its buttons stop working and leave the message —
 * rewritten before it is sent, edited afterwards where the channel can edit. The text stays as it was. Only the
 * chat the message was sent to spends it: a press of a forwarded copy by someone else changes nothing.
 */
export async function takeKeyboardOff(tx: Tx, outboxId: string, pressedIn: { channel: string; address: string }): Promise<void> {
  const row = await tx.outbox.findUnique({ where: { id: outboxId } });
  if (!row || row.channel !== pressedIn.channel || row.address !== pressedIn.address) return;
  const spent = await tx.buttonToken.deleteMany({ where: { outboxId } });
  if (spent.count === 0) return;
  const original = readPayloadOrNull(row);
  if (original?.buttons.length) await rewrite(tx, row, { ...original, buttons: [] }, { keyboardOnly: true, key: `keyboard-off:${row.id}` });
}

/**
 * Replaces a message the bot sent (or is about to send) with `message`, where the channel can: the text of a
 * question becomes its answer instead of a second message. Returns false where it cannot (the caller sends anew).
 */
export async function rewriteMessage(tx: Tx, outboxId: string, message: OutboundMessage): Promise<boolean> {
  const row = await tx.outbox.findUnique({ where: { id: outboxId } });
  if (!row) return false;
  await tx.buttonToken.deleteMany({ where: { outboxId } });
  return rewrite(tx, row, message, { keyboardOnly: false, key: `rewrite:${row.id}:${randomUUID()}` });
}

async function rewrite(tx: Tx, row: OutboxRow, message: OutboundMessage, p: { keyboardOnly: boolean; key: string }): Promise<boolean> {
  if (row.status === "dead") return false;
  if (!row.platformId) {
    // Not sent yet (or being sent right now: then nothing is rewritten, and spent button ids answer "expired").
    const changed = await tx.outbox.updateMany({ where: { id: row.id, status: "pending", platformId: null }, data: { payloadJson: payloadOf(message) } });
    return changed.count === 1;
  }
  if (!capabilitiesOf(row.channel).canEdit) return false;
  await queueMessage(tx, {
    dedupeKey: p.key,
    channel: row.channel,
    address: row.address,
    personId: row.personId,
    caseId: row.caseId,
    message: { ...message, replaces: row.platformId, ...(p.keyboardOnly ? { keyboardOnly: true } : {}) },
  });
  return true;
}
