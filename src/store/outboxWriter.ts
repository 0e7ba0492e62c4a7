// Queues outgoing messages in the caller's transaction: the message is durable exactly when the change
// that caused it commits. Buttons get their opaque ids here, so the callback data never names a case.
import { randomUUID } from "node:crypto";
import { capabilitiesOf } from "../channels/channelModules.ts";
import type { OutboundMessage } from "../notify/outboundMessage.ts";
import { newButtonId } from "./buttonTokens.ts";
import type { Tx } from "./database.ts";
import { reachableIdentities } from "./senders.ts";

export interface QueuedMessage {
  channel: string;
  address: string;
  message: OutboundMessage;
  personId?: string | null;
  caseId?: string | null;
  stepRunId?: string | null;
  aboutPersonId?: string | null;
  /** Unique per intended delivery (the database refuses a second row with the same key). Random when absent. */
  dedupeKey?: string;
}

/** Writes one outbox row (and its button tokens); returns the row id. */
export async function queueMessage(tx: Tx, q: QueuedMessage): Promise<string> {
  const dedupeKey = q.dedupeKey ?? `once:${randomUUID()}`;
  const message = { ...q.message, buttons: (q.message.buttons ?? []).map((b) => ({ ...b, id: b.id ?? newButtonId() })) };
  const row = await tx.outbox.create({
    data: {
      dedupeKey,
      channel: q.channel,
      address: q.address,
      personId: q.personId ?? null,
      caseId: q.caseId ?? null,
      stepRunId: q.stepRunId ?? null,
      aboutPersonId: q.aboutPersonId ?? null,
      payloadJson: JSON.stringify(message),
    },
    select: { id: true },
  });
  for (const button of message.buttons) {
    await tx.buttonToken.create({ data: { id: button.id, actionJson: JSON.stringify(button.action), outboxId: row.id } });
  }
  return row.id;
}

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
  const original = JSON.parse(row.payloadJson) as OutboundMessage;
  if (original.buttons?.length) await rewrite(tx, row, { ...original, buttons: [] }, { keyboardOnly: true, key: `keyboard-off:${row.id}` });
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
    const changed = await tx.outbox.updateMany({ where: { id: row.id, status: "pending", platformId: null }, data: { payloadJson: JSON.stringify(message) } });
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

type OutboxRow = NonNullable<Awaited<ReturnType<Tx["outbox"]["findUnique"]>>>;

/** Queues a message to every handle a person can be reached on; returns how many rows were queued. */
export async function queueToPerson(
  tx: Tx,
  p: { personId: string; message: OutboundMessage; caseId?: string | null; stepRunId?: string | null; aboutPersonId?: string | null },
): Promise<number> {
  const identities = await reachableIdentities(tx, p.personId);
  for (const identity of identities) {
    await queueMessage(tx, {
      channel: identity.channel,
      address: identity.address,
      personId: p.personId,
      caseId: p.caseId,
      stepRunId: p.stepRunId,
      aboutPersonId: p.aboutPersonId,
      message: p.message,
    });
  }
  return identities.length;
}
