// Deadlines of SOP steps: the morning summary of what is due and overdue (src/jobs/morningSummary.ts, once
// per person per working day, in place of a reminder per step), and an escalation to the next role up the
// moment a deadline passes. Each is claimed in the same transaction as its messages (the summary by its
// outbox row's unique key, the escalation by a conditional update of escalatedAt), so it happens once
// across restarts and across several instances of the service.
import { sendMorningSummaries } from "./morningSummary.ts";
import { applyCaseEventInTx, ConcurrentChangeError } from "../store/caseRepository.ts";
import { unreachableCause } from "../store/databaseOutage.ts";
import type { App } from "../app/openApp.ts";
import type { Logger } from "../logger.ts";

/** How long a case that failed is left alone before it is tried (and, failing, logged) again. */
const BROKEN_CASE_RETRY_MS = 60 * 60_000;

/**
 * Step runs whose escalation failed for a reason of their own (a step or flow no longer in flows/, data that
 * does not load), by run id, with when to try again: left out of the passes until then, so they neither fill
 * the batch nor repeat their log line every pass.
 */
export type BrokenRuns = Map<string, number>;

/**
 * One pass: escalates every overdue, unescalated open step run, each case on its own: one that fails is logged
 * (its case number, step and reason) and skipped, and the others are escalated. Returns how many were
 * escalated. A database that cannot be reached ends the pass (every case would fail alike).
 */
export async function escalateOverdueSteps(app: App, now: Date, o: { log?: Logger; broken?: BrokenRuns } = {}): Promise<number> {
  const broken = o.broken ?? new Map<string, number>();
  for (const [id, retryAt] of broken) if (retryAt <= now.getTime()) broken.delete(id);
  const due = await app.db.prisma.stepRun.findMany({
    where: {
      actedAt: null,
      escalatedAt: null,
      deadlineAt: { lte: now },
      case: { status: "open" },
      ...(broken.size ? { id: { notIn: [...broken.keys()] } } : {}),
    },
    include: { case: { select: { flowId: true, number: true } } },
    orderBy: [{ deadlineAt: "asc" }, { id: "asc" }],
    take: 200,
  });
  let escalated = 0;
  for (const run of due) {
    try {
      const ok = await app.db.prisma.$transaction(async (tx) => {
        const claimed = await tx.stepRun.updateMany({ where: { id: run.id, escalatedAt: null, actedAt: null }, data: { escalatedAt: now } });
        if (claimed.count !== 1) return false;
        const result = await applyCaseEventInTx(tx, app.flowContext(run.case.flowId), run.caseId, { type: "deadline_passed", stepId: run.stepId, at: now });
        return result.ok;
      });
      if (ok) escalated++;
    } catch (error) {
      if (unreachableCause(error, app.db.target)) throw error;
      if (error instanceof ConcurrentChangeError) continue; // changed meanwhile: the next pass looks again
      broken.set(run.id, now.getTime() + BROKEN_CASE_RETRY_MS);
      o.log?.error(
        { caseNo: run.case.number, flowId: run.case.flowId, stepId: run.stepId, err: (error as Error).message.split("\n").filter(Boolean).at(-1) },
        `case #${run.case.number} could not be escalated (flow ${run.case.flowId}, step ${run.stepId}); skipped for an hour, the other cases go on. npm run cli -- flows check names every open case the flows no longer fit`,
      );
    }
  }
  return escalated;
}

/** The running deadline timer. */
export interface DeadlineTimer {
  /** Passes finished since the start (each one the summaries and the escalations, whatever they found). */
  readonly passes: number;
  /** Resolves once `count` passes have finished since the start: what a test waits for instead of sleeping. */
  passed(count?: number): Promise<void>;
  stop(): void;
}

/**
 * Runs the morning summaries and the escalations every `seconds`, every decision on `clock`, the first pass at
 * once. MORNING_SUMMARY=0 turns the summaries off. A failing summary does not hold up the escalations.
 */
export function startDeadlineTimer(
  app: App,
  log: Logger,
  seconds: number,
  clock: () => Date = () => new Date(),
  hooks: { afterQueue?: () => void } = {},
): DeadlineTimer {
  let running = false;
  let passes = 0;
  const waiting: { count: number; resolve: () => void }[] = [];
  const broken: BrokenRuns = new Map();
  const attempt = async (what: string, work: () => Promise<number>): Promise<number> => {
    try {
      return await work();
    } catch (error) {
      log.error({ err: (error as Error).message }, `deadline timer: ${what} failed; will try again`);
      return 0;
    }
  };
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const now = clock();
      const summarised = app.config.morningSummary ? await attempt("the morning summaries", () => sendMorningSummaries(app, now)) : 0;
      const escalated = await attempt("the escalations", () => escalateOverdueSteps(app, now, { log, broken }));
      if (summarised + escalated > 0) {
        log.info({ summarised, escalated }, "deadline timer sent morning summaries and escalations");
        hooks.afterQueue?.();
      }
    } finally {
      running = false;
      passes++;
      for (const w of waiting.filter((x) => x.count <= passes)) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  const timer = setInterval(tick, seconds * 1000);
  void tick();
  return {
    get passes() {
      return passes;
    },
    passed(count = 1) {
      if (passes >= count) return Promise.resolve();
      return new Promise((resolve) => waiting.push({ count, resolve }));
    },
    stop: () => clearInterval(timer),
  };
}
