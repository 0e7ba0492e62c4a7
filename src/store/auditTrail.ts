// The audit trail: append-only events (the database refuses UPDATE and DELETE) saying who did what to which
// case, and when. Only ids, kinds and counts go into the data, never a name, a complaint or a message's text.
import type { Tx } from "./database.ts";

export interface AuditEntry {
  type: string;
  at: Date;
  actorId?: string | null;
  caseId?: string | null;
  /** Facts about the event, stored as JSON (ids and reasons only). */
  data?: Record<string, unknown>;
}

/** Adds one event to the audit trail, in the transaction of the change it records. */
export async function recordAudit(tx: Tx, e: AuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: { type: e.type, at: e.at, actorId: e.actorId ?? null, caseId: e.caseId ?? null, dataJson: JSON.stringify(e.data ?? {}) },
  });
}
