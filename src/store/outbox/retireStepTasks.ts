// Tasks of steps that will never be done (their case was cancelled when its client's data was erased): the
// buttons stop working at once, a copy not sent yet is never sent, and a copy already in someone's chat is
// replaced by a line saying the task no longer applies (edited where the channel can edit, else a new message).
import type { Tx } from "../database.ts";
import { queueMessage } from "./queueMessage.ts";

/** Retires every copy of these step runs' tasks; `line` words the notice in the recipient's language. */
export async function retireStepTasks(tx: Tx, p: { stepRunIds: string[]; caseNo: number; line(locale: string): string }): Promise<number> {
  if (p.stepRunIds.length === 0) return 0;
  const rows = await tx.outbox.findMany({ where: { stepRunId: { in: p.stepRunIds } } });
  if (rows.length === 0) return 0;
  await tx.buttonToken.deleteMany({ where: { outboxId: { in: rows.map((r) => r.id) } } });
  await tx.outbox.updateMany({
    where: { id: { in: rows.map((r) => r.id) }, status: "pending", platformId: null },
    data: { status: "dead", lastError: "retired: the case was cancelled" },
  });
  const people = await tx.person.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.personId).filter((x): x is string => !!x))] } },
    select: { id: true, locale: true },
  });
  let told = 0;
  for (const row of rows) {
    if (!row.platformId || row.status === "dead") continue;
    const text = p.line(people.find((x) => x.id === row.personId)?.locale ?? "id");
    await queueMessage(tx, {
      dedupeKey: `retired:${row.id}`,
      channel: row.channel,
      address: row.address,
      personId: row.personId,
      message: { text, caseNo: p.caseNo, buttons: [], links: [], attachments: [], replaces: row.platformId },
    });
    told++;
  }
  return told;
}
