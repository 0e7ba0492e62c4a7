// The outbox's part when staff leave, lose a role or unlink a chat: what was queued for them and not sent yet is
// never sent, and the buttons of the tasks they were given stop working (a late press is refused as unknown),
// without a further message to their chat. Rows stay (ids, times, status), so delivery counts do not change.
import type { Tx } from "../database.ts";

const WITHDRAWN = "withdrawn: the recipient no longer holds the role or the chat";

/**
 * Withdraws what is queued for a person: everything (they left), or only what concerns these cases and step runs
 * (a role withdrawn); `chat` instead takes everything queued for that handle, whoever it was queued as (an unlinked
 * chat). Returns how many rows were withdrawn.
 */
export async function withdrawQueuedFor(
  tx: Tx,
  p: { personId: string; chat?: { channel: string; address: string }; only?: { caseIds: string[]; stepRunIds: string[] } },
): Promise<number> {
  const target = p.chat ? { channel: p.chat.channel, address: p.chat.address } : { personId: p.personId };
  const scope = p.only ? { OR: [{ caseId: { in: p.only.caseIds } }, { stepRunId: { in: p.only.stepRunIds } }] } : {};
  const withdrawn = await tx.outbox.updateMany({ where: { ...target, ...scope, status: "pending" }, data: { status: "dead", lastError: WITHDRAWN } });
  // Their copies of tasks keep their text but lose their buttons' meaning.
  const tasks = await tx.outbox.findMany({ where: { ...target, ...scope, stepRunId: { not: null } }, select: { id: true } });
  if (tasks.length > 0) await tx.buttonToken.deleteMany({ where: { outboxId: { in: tasks.map((t) => t.id) } } });
  return withdrawn.count;
}

/** The chats that hold a live copy of a step run's task ("channel\u0000address"), so a task is not sent twice. */
export async function chatsWithTask(tx: Tx, stepRunId: string): Promise<Set<string>> {
  const rows = await tx.outbox.findMany({ where: { stepRunId, status: { not: "dead" } }, select: { channel: true, address: true } });
  return new Set(rows.map((r) => `${r.channel}\u0000${r.address}`));
}
