// Queues outgoing messages in the caller's transaction: the message is durable exactly when the change
// that caused it commits. Buttons get their opaque ids here, so the callback data never names a case.
import { randomUUID } from "node:crypto";
import type { OutboundMessage } from "../../notify/outboundMessage.ts";
import { newButtonId } from "../buttonTokens.ts";
import type { Prisma, Tx } from "../database.ts";
import { reachableIdentities } from "../senders.ts";
import { payloadOf } from "./outboxPayload.ts";

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
  /** Sent before the chat's other waiting messages (a crisis alert, the client's hotline, an admin alert). */
  urgent?: boolean;
  /** Rows of one chat with the same key, one right after another, may go out as one message (BATCH_KEYS). */
  batchKey?: string;
}

/** Priority of an urgent row (the others have 0): the dispatcher sends a chat's rows highest first. */
export const URGENT_PRIORITY = 1;

/** The batch keys: what may be combined into one message when it waits for the same chat. */
export const BATCH_KEYS = {
  /** A client's messages relayed to a counsellor, per case. */
  relayOfCase: (caseId: string) => `relay:case:${caseId}`,
  /** A client's messages relayed before any case (after a crisis alert), per client. */
  relayAbout: (clientId: string) => `relay:client:${clientId}`,
};

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
      payloadJson: payloadOf(message),
      priority: q.urgent ? URGENT_PRIORITY : 0,
      batchKey: q.batchKey ?? null,
    },
    select: { id: true },
  });
  for (const button of message.buttons) {
    await tx.buttonToken.create({ data: { id: button.id, actionJson: JSON.stringify(button.action), outboxId: row.id } });
  }
  return row.id;
}

/** Queues a message to every handle a person can be reached on; returns how many rows were queued. */
export async function queueToPerson(
  tx: Tx,
  p: Pick<QueuedMessage, "message" | "caseId" | "stepRunId" | "aboutPersonId" | "urgent" | "batchKey"> & { personId: string },
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
      urgent: p.urgent,
      batchKey: p.batchKey,
    });
  }
  return identities.length;
}

/** Whether a message with this dedupe key was ever queued (a once-only alert). */
export async function isQueued(tx: Tx, dedupeKey: string): Promise<boolean> {
  return (await tx.outbox.findUnique({ where: { dedupeKey }, select: { id: true } })) !== null;
}

/** The dedupe keys queued so far that start with `prefix` (the morning summaries already claimed today). */
export async function queuedKeysStartingWith(prisma: Prisma | Tx, prefix: string): Promise<string[]> {
  const rows = await prisma.outbox.findMany({ where: { dedupeKey: { startsWith: prefix } }, select: { dedupeKey: true } });
  return rows.map((row) => row.dedupeKey);
}

/** Takes back a message queued earlier in the same transaction (a confirmation whose work was refused after all). */
export async function unqueueMessage(tx: Tx, outboxId: string): Promise<void> {
  await tx.outbox.delete({ where: { id: outboxId } });
}
