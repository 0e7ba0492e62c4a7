// Finds step runs whose deadline has passed and escalates them once (the escalatedAt mark makes it once,
// across restarts, because the mark is written in the same transaction as the escalation).
import { applyCaseEvent } from "../store/caseRepository.ts";
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
    const result = await applyCaseEvent(app.db.prisma, app.flowContext(run.case.flowId), run.caseId, {
      type: "deadline_passed",
      stepId: run.stepId,
      at: now,
    });
    if (result.ok) escalated++;
  }
  return escalated;
}

/** Runs escalateOverdueSteps every `seconds`; returns a stop function. */
export function startDeadlineTimer(app: App, log: Logger, seconds: number, clock: () => Date = () => new Date()): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const n = await escalateOverdueSteps(app, clock());
      if (n > 0) log.info({ escalated: n }, "deadline timer escalated overdue steps");
    } catch (error) {
      log.error({ err: error }, "deadline timer pass failed; will try again");
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, seconds * 1000);
  void tick();
  return () => clearInterval(timer);
}
