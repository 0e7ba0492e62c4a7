// Deadlines of SOP steps: a reminder to the step's role holders when a share of the time standard has
// passed, and an escalation to the next role up when the deadline has. Each is claimed with a conditional
// update in the same transaction as its messages (remindedAt / escalatedAt), so it happens once across
// restarts and across several instances of the service.
import { rolesThatMayAct } from "../core/advanceCase.ts";
import { formatLocal } from "../core/workingTime.ts";
import { messagesFor } from "../i18n/index.ts";
import { applyCaseEventInTx } from "../store/caseRepository.ts";
import { queueMessage } from "../store/outboxWriter.ts";
import { recipientsForRole } from "../store/recipients.ts";
import type { App } from "../app/openApp.ts";
import type { Logger } from "../logger.ts";

/** One pass: escalates every overdue, unescalated open step run. Returns how many were escalated. */
export async function escalateOverdueSteps(app: App, now: Date): Promise<number> {
  const due = await app.db.prisma.stepRun.findMany({
    where: { actedAt: null, escalatedAt: null, deadlineAt: { lte: now }, case: { status: "open" } },
    include: { case: { select: { flowId: true } } },
    take: 200,
  });
  let escalated = 0;
  for (const run of due) {
    const ok = await app.db.prisma.$transaction(async (tx) => {
      const claimed = await tx.stepRun.updateMany({ where: { id: run.id, escalatedAt: null, actedAt: null }, data: { escalatedAt: now } });
      if (claimed.count !== 1) return false;
      const result = await applyCaseEventInTx(tx, app.flowContext(run.case.flowId), run.caseId, { type: "deadline_passed", stepId: run.stepId, at: now });
      return result.ok;
    });
    if (ok) escalated++;
  }
  return escalated;
}

/** One pass: reminds the holders of every open step past `fraction` of its time standard, once. */
export async function remindDueSteps(app: App, now: Date, fraction: number): Promise<number> {
  if (fraction <= 0) return 0;
  const open = await app.db.prisma.stepRun.findMany({
    where: { actedAt: null, remindedAt: null, escalatedAt: null, deadlineAt: { gt: now }, askedAt: { lte: now }, case: { status: "open" } },
    include: { case: { select: { id: true, number: true, flowId: true, orgId: true, clientId: true, counsellorId: true } } },
    orderBy: { deadlineAt: "asc" },
    take: 500,
  });
  let reminded = 0;
  for (const run of open) {
    const at = run.askedAt.getTime() + fraction * (run.deadlineAt.getTime() - run.askedAt.getTime());
    if (now.getTime() < at) continue;
    const ctx = app.flowContext(run.case.flowId);
    const step = ctx.flow.steps.find((s) => s.id === run.stepId);
    if (!step) continue;
    const sent = await app.db.prisma.$transaction(async (tx) => {
      const claimed = await tx.stepRun.updateMany({ where: { id: run.id, remindedAt: null, actedAt: null }, data: { remindedAt: now } });
      if (claimed.count !== 1) return false;
      for (const role of rolesThatMayAct(step)) {
        const recipients = await recipientsForRole(tx, { orgId: run.case.orgId, role, clientId: run.case.clientId, counsellorId: run.case.counsellorId });
        for (const r of recipients) {
          const locale = r.locale === "en" ? "en" : "id";
          const t = messagesFor(locale);
          await queueMessage(tx, {
            dedupeKey: `reminder:${run.id}:${r.identityId}`,
            channel: r.channel,
            address: r.address,
            personId: r.personId,
            caseId: run.case.id,
            message: {
              text: t.stepReminder({
                caseNo: run.case.number,
                stepNo: step.no,
                activity: (locale === "en" ? step.activity_en : undefined) ?? step.activity,
                deadline: formatLocal(run.deadlineAt, ctx.organisation.calendar, locale),
              }),
              caseNo: run.case.number,
            },
          });
        }
      }
      await tx.auditEvent.create({ data: { type: "deadline_reminder", caseId: run.case.id, dataJson: JSON.stringify({ stepId: run.stepId }), at: now } });
      return true;
    });
    if (sent) reminded++;
  }
  return reminded;
}

/** Runs the reminders and escalations every `seconds`; returns a stop function. */
export function startDeadlineTimer(
  app: App,
  log: Logger,
  seconds: number,
  clock: () => Date = () => new Date(),
  hooks: { afterQueue?: () => void } = {},
): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const now = clock();
      const reminded = await remindDueSteps(app, now, app.config.deadlineReminderAt);
      const escalated = await escalateOverdueSteps(app, now);
      if (reminded + escalated > 0) {
        log.info({ reminded, escalated }, "deadline timer sent reminders and escalations");
        hooks.afterQueue?.();
      }
    } catch (error) {
      log.error({ err: (error as Error).message }, "deadline timer pass failed; will try again");
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, seconds * 1000);
  void tick();
  return () => clearInterval(timer);
}
