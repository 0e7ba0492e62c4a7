// The conversation between a client and their counsellor as the bot keeps it (the text encrypted at rest):
// every message passed on, on its case when there is one.
import { recordAudit } from "./auditTrail.ts";
import type { Tx } from "./database.ts";

/** One message of the conversation, as it came in (from the client) or went out (from staff). */
export interface ConversationMessage {
  caseId: string | null;
  personId: string;
  direction: "in" | "out";
  channel: string;
  text: string | null;
  /** The attachments as they came (their file references), stored as JSON. */
  attachments: unknown[];
  platformId: string;
  at: Date;
  /** The client a staff message without a case is for (erased with them). */
  aboutPersonId?: string | null;
}

/** Keeps a message of the conversation. */
export async function recordConversationMessage(tx: Tx, m: ConversationMessage): Promise<void> {
  await tx.message.create({
    data: {
      caseId: m.caseId,
      personId: m.personId,
      direction: m.direction,
      channel: m.channel,
      text: m.text,
      // Encrypted at rest (the file names); a message without attachments keeps the column's default "[]".
      ...(m.attachments.length > 0 ? { attachJson: JSON.stringify(m.attachments) } : {}),
      platformId: m.platformId,
      createdAt: m.at,
      aboutPersonId: m.aboutPersonId ?? null,
    },
  });
}

/** Whether the client wrote on the case after `since` (the archive): the first message after it is answered with a hint. */
export async function clientWroteSince(tx: Tx, p: { caseId: string; since: Date }): Promise<boolean> {
  return (await tx.message.count({ where: { caseId: p.caseId, direction: "in", createdAt: { gt: p.since } } })) > 0;
}

const RELAY_TO_CLIENT = "relay_to_client";

/** Whether this staff member answered the case's client through the bot before (the audit trail says so). */
export async function answeredClientBefore(tx: Tx, p: { caseId: string; staffId: string }): Promise<boolean> {
  return (await tx.auditEvent.count({ where: { type: RELAY_TO_CLIENT, caseId: p.caseId, actorId: p.staffId } })) > 0;
}

/** Audits a staff member's answer to a client (on a case, or to a crisis alert before any) and how many handles it went to. */
export async function recordAnswerToClient(tx: Tx, p: { caseId: string | null; staffId: string; handles: number; at: Date }): Promise<void> {
  await recordAudit(tx, { type: RELAY_TO_CLIENT, at: p.at, caseId: p.caseId, actorId: p.staffId, data: { handles: p.handles } });
}
