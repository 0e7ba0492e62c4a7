// The queries the unit works from: a counsellor's queue, a case's timeline, and the recap of actual against
// standard time per SOP step (what the unit reports on). Shared by the CLI, the dashboard and the benchmark.
import { CANCELLED_OUTCOME } from "./cancelledSteps.ts";
import type { Prisma } from "./database.ts";
import { REFUSE_OUTCOME } from "../flows/actionKinds.ts";

export interface QueueItem {
  caseNo: number;
  caseId: string;
  flowId: string;
  stepId: string;
  stepNo: string;
  askedAt: Date;
  deadlineAt: Date;
}

/** What waits for one counsellor: the open konselor steps of their open cases, soonest deadline first. */
export async function counsellorQueue(prisma: Prisma, counsellorId: string, limit = 100): Promise<QueueItem[]> {
  const runs = await prisma.stepRun.findMany({
    where: { actedAt: null, role: "konselor", case: { counsellorId, status: "open" } },
    orderBy: { deadlineAt: "asc" },
    take: limit,
    select: { stepId: true, stepNo: true, askedAt: true, deadlineAt: true, case: { select: { id: true, number: true, flowId: true } } },
  });
  return runs.map((r) => ({
    caseNo: r.case.number,
    caseId: r.case.id,
    flowId: r.case.flowId,
    stepId: r.stepId,
    stepNo: r.stepNo,
    askedAt: r.askedAt,
    deadlineAt: r.deadlineAt,
  }));
}

/** A case's step runs in order, with who acted and how long it took against the standard. */
export async function caseTimelineRows(prisma: Prisma, caseId: string) {
  return prisma.stepRun.findMany({
    where: { caseId },
    orderBy: [{ askedAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      stepId: true,
      stepNo: true,
      role: true,
      askedAt: true,
      deadlineAt: true,
      actedAt: true,
      outcome: true,
      note: true,
      late: true,
      actualMin: true,
      standardMin: true,
      escalatedAt: true,
      outputDocId: true,
      actedBy: { select: { displayName: true } },
    },
  });
}

export interface StepRecap {
  flowId: string;
  stepId: string;
  stepNo: string;
  standardMin: number;
  done: number;
  late: number;
  /** Of the done runs, how many leadership refused (a referral, a therapy): the branch closed with a reason. */
  refused: number;
  /** Still open and past the deadline. */
  overdue: number;
  medianMin: number | null;
  p90Min: number | null;
}

/** The p-th percentile (nearest rank) of a distribution given as value → how many, values ascending. */
function percentile(histogram: [value: number, count: number][], p: number): number | null {
  const total = histogram.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return null;
  const rank = Math.min(total - 1, Math.max(0, Math.ceil((p / 100) * total) - 1));
  let seen = 0;
  for (const [value, count] of histogram) {
    seen += count;
    if (seen > rank) return value;
  }
  return null;
}

/**
 * Per flow and step: how many runs were done, how many late, how many are overdue now, and the median and
 * 90th percentile of the time taken (minutes of the step's own clock). `orgId`/`since` narrow it.
 */
export async function stepRecap(prisma: Prisma, p: { orgId?: string; since?: Date; now: Date; counsellorId?: string }): Promise<StepRecap[]> {
  const caseFilter = { ...(p.orgId ? { orgId: p.orgId } : {}), ...(p.counsellorId ? { counsellorId: p.counsellorId } : {}) };
  // Counted by the database: per flow, the done runs grouped by step, lateness and minutes taken (minutes
  // are whole numbers, so a step has far fewer distinct values than runs), and the overdue ones by step.
  // One query per flow with the flow in the filter: Prisma would fetch a case relation in chunks.
  const flows = await prisma.case.groupBy({ by: ["flowId"], where: caseFilter });
  const groups = new Map<string, StepRecap & { minutes: Map<number, number> }>();
  const groupOf = (flowId: string, stepId: string, stepNo: string, standardMin: number) => {
    const key = `${flowId}\u0000${stepId}`;
    let g = groups.get(key);
    if (!g) {
      g = { flowId, stepId, stepNo, standardMin, done: 0, late: 0, refused: 0, overdue: 0, medianMin: null, p90Min: null, minutes: new Map() };
      groups.set(key, g);
    }
    return g;
  };
  for (const { flowId } of flows) {
    const done = await prisma.stepRun.groupBy({
      by: ["stepId", "stepNo", "standardMin", "late", "actualMin"],
      // A step closed because its case was cancelled was not done: it is not counted.
      where: { actedAt: { not: null, ...(p.since ? { gte: p.since } : {}) }, outcome: { not: CANCELLED_OUTCOME }, case: { ...caseFilter, flowId } },
      _count: { _all: true },
    });
    for (const r of done) {
      const g = groupOf(flowId, r.stepId, r.stepNo, r.standardMin);
      const n = r._count._all;
      g.done += n;
      if (r.late) g.late += n;
      if (r.actualMin !== null) g.minutes.set(r.actualMin, (g.minutes.get(r.actualMin) ?? 0) + n);
    }
    const refused = await prisma.stepRun.groupBy({
      by: ["stepId", "stepNo", "standardMin"],
      where: { actedAt: { not: null, ...(p.since ? { gte: p.since } : {}) }, outcome: REFUSE_OUTCOME, case: { ...caseFilter, flowId } },
      _count: { _all: true },
    });
    for (const r of refused) groupOf(flowId, r.stepId, r.stepNo, r.standardMin).refused += r._count._all;
    const overdue = await prisma.stepRun.groupBy({
      by: ["stepId", "stepNo", "standardMin"],
      where: { actedAt: null, deadlineAt: { lt: p.now }, case: { status: "open", ...caseFilter, flowId } },
      _count: { _all: true },
    });
    for (const r of overdue) groupOf(flowId, r.stepId, r.stepNo, r.standardMin).overdue += r._count._all;
  }
  return [...groups.values()]
    .map(({ minutes, ...g }) => {
      const histogram = [...minutes].sort((a, b) => a[0] - b[0]);
      return { ...g, medianMin: percentile(histogram, 50), p90Min: percentile(histogram, 90) };
    })
    .sort((a, b) => a.flowId.localeCompare(b.flowId) || a.stepId.localeCompare(b.stepId, "en", { numeric: true }));
}
