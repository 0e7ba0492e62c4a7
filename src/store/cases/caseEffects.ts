// Carries out the engine's effects inside the event's transaction: audit events, step runs, outbox rows for
// each recipient, session requests, what archiving withdraws. The engine decides; this only writes.
import { rolesThatMayAct } from "../../core/advanceCase.ts";
import type { CaseSnapshot, Effect } from "../../core/caseTypes.ts";
import { clockOf, minutesOnClock } from "../../core/stepTime.ts";
import { CLIENT_ROLE, type FlowContext } from "../../flows/flowSchema.ts";
import type { OutboundMessage } from "../../notify/outboundMessage.ts";
import type { Tx } from "../database.ts";
import { closeStepTasks, queueMessage } from "../outbox/index.ts";
import { recipientsForStepRole } from "../qualifiedRecipients.ts";
import type { Recipient } from "../recipients.ts";
import { renderStepCopy, withCounsellor } from "./stepCopies.ts";
import { requestStepDocument } from "./stepDocuments.ts";
import { renderFor, type Returned } from "./stepMessages.ts";

export interface ApplyOptions {
  /**
   * Queue nothing for the client for this event (no "in progress" note, no task for a client step):
   * the intake tells the client itself, in one message, when it opens the case.
   */
  quietClient?: boolean;
}

/**
 * Carries out the engine's effects inside the transaction. `key` makes outbox rows idempotent per event; `at` is the
 * event's time on the service clock, so every timestamp written here (audit, escalation, a session request's first
 * attempt) agrees with the clock that the timers and the scheduler compare it against.
 */
export async function writeEffects(
  tx: Tx,
  ctx: FlowContext,
  c: CaseSnapshot,
  effects: Effect[],
  w: { key: string; at: Date; options: ApplyOptions },
): Promise<void> {
  const { key, at, options } = w;
  let stepRunId: string | null = null;
  let returned: Returned | undefined;
  for (const [index, effect] of effects.entries()) {
    if (options.quietClient && (effect.kind === "notify_client" || (effect.kind === "notify_role" && effect.role === CLIENT_ROLE))) continue;
    switch (effect.kind) {
      case "audit":
        await tx.auditEvent.create({
          data: { caseId: c.id, actorId: effect.actorId ?? null, type: effect.type, dataJson: JSON.stringify(effect.data), at },
        });
        break;
      case "finish_step": {
        const run = await tx.stepRun.findFirst({ where: { caseId: c.id, stepId: effect.stepId, actedAt: null }, orderBy: { askedAt: "desc" } });
        if (!run) throw new Error(`Case ${c.id}: no open step run for ${effect.stepId}`);
        await tx.stepRun.update({
          where: { id: run.id },
          data: {
            actedAt: effect.at,
            actedById: effect.actorId,
            outcome: effect.outcome,
            note: effect.note ?? null,
            outputDocId: effect.attachmentRef ?? null,
            late: effect.late,
            actualMin: minutesOnClock(effect.clockFrom ?? run.askedAt, effect.at, clockOf(run.clock), ctx.organisation.calendar),
          },
        });
        await requestStepDocument(tx, ctx, c, effect, run.id);
        if (effect.outcome === "revise") returned = { byRole: run.role, previousText: null };
        const step = ctx.flow.step(effect.stepId);
        if (step) await closeStepTasks(tx, { stepRunId: run.id, ctx, step, outcome: effect.outcome, actorId: effect.actorId ?? null, at: effect.at });
        break;
      }
      case "start_step": {
        const run = await tx.stepRun.create({
          data: {
            caseId: c.id,
            stepId: effect.stepId,
            stepNo: effect.stepNo,
            role: effect.role,
            askedAt: effect.askedAt,
            deadlineAt: effect.deadlineAt,
            standardMin: effect.standardMinutes,
            clock: effect.clock,
          },
        });
        stepRunId = run.id;
        break;
      }
      case "escalate":
        await tx.stepRun.updateMany({ where: { caseId: c.id, stepId: effect.stepId, actedAt: null }, data: { escalatedAt: at } });
        await queue(tx, ctx, c, effect, effect.toRole, `${key}:${index}`, stepRunId, at);
        break;
      case "notify_role": {
        // An outside party's work (unit terkait, psikiater) is recorded by the unit's staff: they get the task too.
        const step = ctx.flow.step(effect.stepId);
        const roles = step ? rolesThatMayAct(step) : [effect.role];
        // A returned step shows its actor the text they wrote last time, to correct rather than retype.
        const back = returned && {
          ...returned,
          previousText:
            (await tx.stepRun.findFirst({ where: { caseId: c.id, stepId: effect.stepId, actedAt: { not: null } }, orderBy: { actedAt: "desc" } }))?.note ??
            null,
        };
        for (const role of roles) await queue(tx, ctx, c, effect, role, `${key}:${index}:${role}`, stepRunId, at, back);
        break;
      }
      case "notify_client": {
        // A milestone that is the counsellor's step tells the client who their counsellor is.
        const step = effect.stepId ? ctx.flow.step(effect.stepId) : undefined;
        const counsellor =
          step?.role === "konselor" && c.counsellorId ? await tx.person.findUnique({ where: { id: c.counsellorId }, select: { displayName: true } }) : null;
        await queue(tx, ctx, c, effect, "klien", `${key}:${index}`, stepRunId, at, undefined, (r) =>
          withCounsellor(renderFor(ctx, c, effect, r, stepRunId), r, counsellor?.displayName ?? undefined),
        );
        break;
      }
      case "copy_step":
        // Tembusan: a copy without buttons (not a task: not tied to a step run, so nothing to close later).
        for (const role of effect.roles)
          await queue(tx, ctx, c, effect, role, `${key}:${index}:${role}`, null, at, undefined, (r) => renderStepCopy(ctx, c, effect, r));
        break;
      case "move_deadline":
        // The clock starts later (or earlier) than it did: a passed escalation of the old deadline no longer holds.
        await tx.stepRun.updateMany({
          where: { caseId: c.id, stepId: effect.stepId, actedAt: null },
          data: { deadlineAt: effect.deadlineAt, ...(effect.deadlineAt.getTime() > at.getTime() ? { escalatedAt: null } : {}) },
        });
        break;
      case "book_session":
        // The session scheduler (src/scheduling/sessionScheduler.ts) finds slots and offers them to the
        // client outside this transaction; here only the request is recorded, with the step run it serves.
        if (c.counsellorId) {
          await tx.sessionOffer.create({
            data: { caseId: c.id, stepRunId, counsellorId: c.counsellorId, status: "pending", requestedBy: "step", nextAttemptAt: at, createdAt: at },
          });
        } else {
          await tx.auditEvent.create({ data: { caseId: c.id, type: "no_counsellor_for_session", dataJson: JSON.stringify({ stepId: effect.stepId }), at } });
        }
        break;
      case "archive":
        // The SOP is finished: a session still ahead is cancelled (the scheduler deletes the calendar event and
        // tells both sides why), and any offer of times is withdrawn, so nobody is reminded of a closed case.
        await tx.appointment.updateMany({
          where: { caseId: c.id, status: "booked", startsAt: { gt: at } },
          data: { status: "cancelling:archive", updatedAt: at },
        });
        await tx.sessionOffer.updateMany({ where: { caseId: c.id, status: { in: ["pending", "offered", "booking"] } }, data: { status: "withdrawn" } });
        break;
    }
  }
}

/**
 * Queues one effect's message to everyone holding `role` on the case, once per chat handle (`key`); `render` words
 * it per recipient when the step's message (renderFor) is not what it sends.
 */
async function queue(
  tx: Tx,
  ctx: FlowContext,
  c: CaseSnapshot,
  effect: Effect,
  role: string,
  key: string,
  stepRunId: string | null,
  at: Date,
  returned?: Returned,
  render: (r: Recipient) => OutboundMessage | null = (r) => renderFor(ctx, c, effect, r, stepRunId, returned),
) {
  const step = effect.kind === "notify_role" ? ctx.flow.step(effect.stepId) : undefined;
  const recipients = await recipientsForStepRole(tx, { orgId: c.orgId, role, clientId: c.clientId, counsellorId: c.counsellorId, step });
  if (recipients.length === 0) {
    // Nobody holds this role yet: audited, so the recap shows who was never told.
    await tx.auditEvent.create({
      data: { caseId: c.id, type: "no_recipient", dataJson: JSON.stringify({ role, effect: effect.kind }), at },
    });
    return;
  }
  for (const r of recipients) {
    const message = render(r);
    if (!message) continue;
    await queueMessage(tx, {
      dedupeKey: `${key}:${r.identityId}`,
      channel: r.channel,
      address: r.address,
      personId: r.personId,
      caseId: c.id,
      stepRunId: effect.kind === "notify_role" ? stepRunId : null,
      message,
    });
  }
}
