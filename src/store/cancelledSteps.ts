// A cancelled case's waiting steps are closed, not left waiting: nobody is asked for them again, no list or page
// shows them as waiting, and the recap does not count them as done (outcome CANCELLED_OUTCOME, no time taken).
import type { Tx } from "./database.ts";

/** The outcome of a step closed because its case was cancelled (not done by anyone). */
export const CANCELLED_OUTCOME = "cancelled";

/** Closes the waiting step runs of these cases; returns their ids per case number, to retire their tasks. */
export async function closeWaitingSteps(tx: Tx, p: { caseIds: string[]; at: Date }): Promise<{ caseNo: number; stepRunIds: string[] }[]> {
  if (p.caseIds.length === 0) return [];
  const runs = await tx.stepRun.findMany({ where: { caseId: { in: p.caseIds }, actedAt: null }, select: { id: true, case: { select: { number: true } } } });
  await tx.stepRun.updateMany({
    where: { id: { in: runs.map((r) => r.id) } },
    data: { actedAt: p.at, outcome: CANCELLED_OUTCOME, late: null, actualMin: null },
  });
  const byCase = new Map<number, string[]>();
  for (const r of runs) byCase.set(r.case.number, [...(byCase.get(r.case.number) ?? []), r.id]);
  return [...byCase].map(([caseNo, stepRunIds]) => ({ caseNo, stepRunIds }));
}
