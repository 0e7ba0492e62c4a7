// The three queries the unit works from, timed inside the product's own process on the big database:
// a counsellor's queue, a case's timeline and the 90-day recap. Each runs once untimed, then `runs` times.
import { performance } from "node:perf_hooks";
import type { Prisma } from "../../src/store/database.ts";
import { caseTimelineRows, counsellorQueue, stepRecap } from "../../src/store/recapQueries.ts";
import type { ScaleQueryRequest, ScaleQueryTimings } from "../support/hostProtocol.ts";

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

/** Times the queries; the counsellors and cases asked for rotate, so no single row stays hot. */
export async function runScaleQueries(prisma: Prisma, req: ScaleQueryRequest): Promise<ScaleQueryTimings> {
  const pick = <T>(list: T[], i: number): T => list[i % list.length]!;
  const now = new Date();
  const since = new Date(now.getTime() - req.recapDays * 86_400_000);

  const queue: ScaleQueryTimings["counsellorQueue"] = { runsMs: [], rows: 0 };
  await counsellorQueue(prisma, pick(req.counsellorIds, 0));
  for (let i = 0; i < req.runs; i++) {
    const r = await timed(() => counsellorQueue(prisma, pick(req.counsellorIds, i + 1)));
    queue.runsMs.push(r.ms);
    queue.rows = r.value.length;
  }

  const timeline: ScaleQueryTimings["caseTimelineRows"] = { runsMs: [], rows: 0 };
  await caseTimelineRows(prisma, pick(req.caseIds, 0));
  for (let i = 0; i < req.runs; i++) {
    const r = await timed(() => caseTimelineRows(prisma, pick(req.caseIds, i + 1)));
    timeline.runsMs.push(r.ms);
    timeline.rows = r.value.length;
  }

  const recap: ScaleQueryTimings["stepRecap"] = { runsMs: [], rows: 0, stepRunsCounted: 0 };
  await stepRecap(prisma, { orgId: req.orgId, since, now });
  for (let i = 0; i < req.runs; i++) {
    const r = await timed(() => stepRecap(prisma, { orgId: req.orgId, since, now }));
    recap.runsMs.push(r.ms);
    recap.rows = r.value.length;
    recap.stepRunsCounted = r.value.reduce((n, g) => n + g.done + g.overdue, 0);
  }
  return { counsellorQueue: queue, caseTimelineRows: timeline, stepRecap: recap };
}
