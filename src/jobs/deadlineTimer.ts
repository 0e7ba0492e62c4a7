// Deadlines of SOP steps: the morning summary of what is due and overdue (src/jobs/morningSummary.ts, once
// per person per working day, in place of a reminder per step), and an escalation to the next role up the
// moment a deadline passes. Each is claimed in the same transaction as its messages (the summary by its
// outbox row's unique key, the escalation by a conditional update of escalatedAt), so it happens once
// across restarts and across several instances of the service.
import { sendMorningSummaries } from "./morningSummary.ts";
import { applyCaseEventInTx } from "../store/caseRepository.ts";
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

/**
 * Runs the morning summaries and the escalations every `seconds`, every decision on `clock`; returns a stop
 * function. MORNING_SUMMARY=0 turns the summaries off.
 */
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
      const summarised = app.config.morningSummary ? await sendMorningSummaries(app, now) : 0;
      const escalated = await escalateOverdueSteps(app, now);
      if (summarised + escalated > 0) {
        log.info({ summarised, escalated }, "deadline timer sent morning summaries and escalations");
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
