// The copies of a step's task in people's chats. When the step is done — by a button, a typed note, a
// booked session or a /link — every copy is edited (or, not sent yet, rewritten) to say who handled it,
// without buttons, so nobody presses a button that no longer applies.
import { capabilitiesOf } from "../../channels/channelModules.ts";
import { formatLocal } from "../../core/workingTime.ts";
import type { FlowContext, Step } from "../../flows/flowSchema.ts";
import { messagesFor, type Locale } from "../../i18n/index.ts";
import type { OutboundMessage } from "../../notify/outboundMessage.ts";
import { outcomeLabel } from "../cases/stepMessages.ts";
import type { Tx } from "../database.ts";
import { payloadOf, readPayloadOrNull } from "./outboxPayload.ts";
import { queueMessage } from "./queueMessage.ts";

/**
 * Marks every copy of the step run's task handled by `actorId` at `at`. The button ids stay resolvable, so a late
 * press (sent before the edit arrived) is answered with who handled the step, not as an unknown button.
 */
export async function closeStepTasks(
  tx: Tx,
  p: { stepRunId: string; ctx: FlowContext; step: Step; outcome: string; actorId: string | null; at: Date },
): Promise<void> {
  const rows = await tx.outbox.findMany({ where: { stepRunId: p.stepRunId, status: { not: "dead" } } });
  if (rows.length === 0) return;
  const people = await tx.person.findMany({
    where: { id: { in: [...new Set([p.actorId, ...rows.map((r) => r.personId)].filter((x): x is string => !!x))] } },
    select: { id: true, locale: true, displayName: true },
  });
  const actorName = people.find((x) => x.id === p.actorId)?.displayName ?? "?";
  for (const row of rows) {
    const original = readPayloadOrNull(row);
    if (!original) continue; // not a message we can read, so not one we can rewrite
    const locale: Locale = people.find((x) => x.id === row.personId)?.locale === "en" ? "en" : "id";
    const t = messagesFor(locale);
    const at = formatLocal(p.at, p.ctx.organisation.calendar, locale);
    const label = outcomeLabel(p.step, p.outcome, locale);
    const line = row.personId && row.personId === p.actorId ? t.staff.processedByYou({ label, at }) : t.staff.processedBy({ name: actorName, label, at });
    const handled: OutboundMessage = { ...original, text: `${original.text}\n\n${line}`, buttons: [] };
    if (!capabilitiesOf(row.channel).canEdit) {
      // No edits there: the presser was told already; the others get one short line, not the task again.
      if (row.personId && row.personId === p.actorId) continue;
      if (row.status === "pending" && !row.platformId) {
        await tx.outbox.updateMany({
          where: { id: row.id, status: "pending" },
          data: { status: "dead", lastError: "superseded: the step was handled before this was sent" },
        });
        continue;
      }
      await queueMessage(tx, {
        channel: row.channel,
        address: row.address,
        personId: row.personId,
        caseId: row.caseId,
        message: { text: t.staff.taskHandled({ caseNo: original.caseNo ?? 0, line }), caseNo: original.caseNo, replyTo: row.platformId ?? undefined },
      });
      continue;
    }
    if (row.status === "pending" && !row.platformId) {
      await tx.outbox.updateMany({ where: { id: row.id, status: "pending" }, data: { payloadJson: payloadOf(handled) } });
    } else if (row.platformId) {
      await queueMessage(tx, {
        channel: row.channel,
        address: row.address,
        personId: row.personId,
        caseId: row.caseId,
        message: { ...handled, replaces: row.platformId },
      });
    }
  }
}

/**
 * Withdraws the not-yet-sent task messages of a step that was done in the same transaction that started it
 * (the registration that is itself step 1): nobody needs a button for work already done.
 */
export async function withdrawUnsentTasks(tx: Tx, caseId: string, stepId: string): Promise<void> {
  const runs = await tx.stepRun.findMany({ where: { caseId, stepId, actedAt: { not: null } }, select: { id: true } });
  await tx.outbox.deleteMany({ where: { stepRunId: { in: runs.map((r) => r.id) }, status: "pending", platformId: null } });
}
