// Which of the open steps of a staff member's roles are theirs to do, for /kasus: a counsellor's step is the
// case's counsellor's (any counsellor's while none is assigned), and a step that requires a qualification is for
// holders of one: the counsellor's step of a case whose counsellor lacks it, for a qualified counsellor instead.
import { meetsRequirement, requiredQualifications } from "../flows/qualifications.ts";
import type { WaitingStep } from "../store/cases/waitingSteps.ts";
import { COUNSELLOR_ROLE } from "../store/counsellorRouting.ts";
import { casesStaffMaySee } from "../store/demoPeople.ts";
import { qualificationsOfPeople } from "../store/staffQualifications.ts";
import type { Turn } from "./dialogContext.ts";

/** The runs the sender would be sent the task of (src/store/qualifiedRecipients.ts routes the same way). */
export async function stepsForSender(turn: Turn, runs: readonly WaitingStep[]): Promise<WaitingStep[]> {
  const sender = turn.sender!;
  // A demo person (local mode) is shown the page's own cases only (src/store/demoPeople.ts).
  const visible = await casesStaffMaySee(turn.tx, { staffId: sender.personId, caseIds: [...new Set(runs.map((r) => r.case.id))] });
  const held = (orgId: string) => sender.qualifications.filter((q) => q.orgId === orgId).map((q) => q.id);
  const mine: WaitingStep[] = [];
  for (const r of runs) {
    if (!visible.has(r.case.id)) continue;
    const ctx = turn.deps.flowContext(r.case.flowId);
    const step = ctx.flow.step(r.stepId);
    const required = step && step.role === r.role ? requiredQualifications(step) : [];
    const orgId = ctx.organisation.id;
    if (!meetsRequirement(held(orgId), required)) continue;
    if (r.role !== COUNSELLOR_ROLE || !r.case.counsellorId || r.case.counsellorId === sender.personId) {
      mine.push(r);
      continue;
    }
    // Someone else's case: theirs unless the step requires what its counsellor does not hold.
    if (required.length === 0) continue;
    const counsellor = (await qualificationsOfPeople(turn.tx, { personIds: [r.case.counsellorId], orgId })).get(r.case.counsellorId) ?? [];
    if (!meetsRequirement(counsellor, required)) mine.push(r);
  }
  return mine;
}
