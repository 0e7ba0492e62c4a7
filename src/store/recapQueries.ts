// The queries the unit works from: a counsellor's queue, a case's timeline, and the recap of actual against
// standard time per SOP step (what the unit reports on). Shared by the CLI, the dashboard and the benchmark.
import type { Prisma } from "./database.ts";

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
  return runs.map((r) => ({ caseNo: r.case.number, caseId: r.case.id, flowId: r.case.flowId, stepId: r.stepId, stepNo: r.stepNo, askedAt: r.askedAt, deadlineAt: r.deadlineAt }));
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
  /** Still open and past the deadline. */
  overdue: number;
  medianMin: number | null;
  p90Min: number | null;
}

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

/**
 * Per flow and step: how many runs were done, how many late, how many are overdue now, and the median and
 * 90th percentile of the time taken (minutes of the step's own clock). `orgId`/`since` narrow it.
 */
export async function stepRecap(prisma: Prisma, p: { orgId?: string; since?: Date; now: Date; counsellorId?: string }): Promise<StepRecap[]> {
  const caseFilter = { ...(p.orgId ? { orgId: p.orgId } : {}), ...(p.counsellorId ? { counsellorId: p.counsellorId } : {}) };
  // One query per flow with the flow in the filter, rather than the case relation in the select: Prisma
  // fetches a selected relation with a chunked "Case IN (...)" query per 1,000 runs.
  const flows = await prisma.case.groupBy({ by: ["flowId"], where: caseFilter });
  const done: { flowId: string; stepId: string; stepNo: string; standardMin: number; late: boolean | null; actualMin: number | null }[] = [];
  const overdue: { flowId: string; stepId: string; stepNo: string; standardMin: number }[] = [];
  for (const { flowId } of flows) {
    const runs = await prisma.stepRun.findMany({
      where: { actedAt: { not: null, ...(p.since ? { gte: p.since } : {}) }, case: { ...caseFilter, flowId } },
      select: { stepId: true, stepNo: true, standardMin: true, late: true, actualMin: true },
    });
    for (const r of runs) done.push({ flowId, ...r });
    const late = await prisma.stepRun.findMany({
      where: { actedAt: null, deadlineAt: { lt: p.now }, case: { status: "open", ...caseFilter, flowId } },
      select: { stepId: true, stepNo: true, standardMin: true },
    });
    for (const r of late) overdue.push({ flowId, ...r });
  }
  const groups = new Map<string, StepRecap & { minutes: number[] }>();
  const groupOf = (flowId: string, stepId: string, stepNo: string, standardMin: number) => {
    const key = `${flowId}\u0000${stepId}`;
    let g = groups.get(key);
    if (!g) {
      g = { flowId, stepId, stepNo, standardMin, done: 0, late: 0, overdue: 0, medianMin: null, p90Min: null, minutes: [] };
      groups.set(key, g);
    }
    return g;
  };
  for (const r of done) {
    const g = groupOf(r.flowId, r.stepId, r.stepNo, r.standardMin);
    g.done++;
    if (r.late) g.late++;
    if (r.actualMin !== null) g.minutes.push(r.actualMin);
  }
  for (const r of overdue) groupOf(r.flowId, r.stepId, r.stepNo, r.standardMin).overdue++;
  return [...groups.values()]
    .map(({ minutes, ...g }) => {
      minutes.sort((a, b) => a - b);
      return { ...g, medianMin: percentile(minutes, 50), p90Min: percentile(minutes, 90) };
    })
    .sort((a, b) => a.flowId.localeCompare(b.flowId) || a.stepId.localeCompare(b.stepId, "en", { numeric: true }));
}
