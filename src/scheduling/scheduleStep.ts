// The schedule step's output is a booked session with its link: once the link is there (from Google at the
// booking or later, or added by hand with /link), the step is done, by the counsellor it belongs to.
import { ACTION_KINDS } from "../flows/actionKinds.ts";
import { applyCaseEventInTx, type FlowContext } from "../store/caseRepository.ts";
import type { Tx } from "../store/database.ts";
import { qualificationsOf } from "../store/staffQualifications.ts";

/** Records the schedule step done, unless it was already acted on or the run is not a booking step. */
export async function completeScheduleStep(
  tx: Tx,
  p: { ctx: FlowContext; caseId: string; stepRunId: string | null; counsellorId: string; note: string; at: Date },
): Promise<void> {
  if (!p.stepRunId) return;
  const run = await tx.stepRun.findUnique({ where: { id: p.stepRunId } });
  if (!run || run.actedAt) return;
  const step = p.ctx.flow.step(run.stepId);
  if (!step || !ACTION_KINDS[step.action].booksSession) return;
  const c = await tx.case.findUniqueOrThrow({ where: { id: p.caseId } });
  const roles = (await tx.staffRole.findMany({ where: { personId: p.counsellorId, orgId: c.orgId }, select: { role: true } })).map((r) => r.role);
  const qualifications = await qualificationsOf(tx, { personId: p.counsellorId, orgId: c.orgId });
  await applyCaseEventInTx(tx, p.ctx, p.caseId, {
    type: "step_done",
    stepId: step.id,
    outcome: "done",
    actor: { personId: p.counsellorId, roles, qualifications },
    note: p.note,
    at: p.at,
  });
}
