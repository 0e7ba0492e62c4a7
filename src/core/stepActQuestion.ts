// The policy question "may this actor record this step of this case": the actor's roles and qualifications in the
// case's organisation, the case's counsellor (and what they are qualified for), the step's role, kind and the
// qualifications it requires. Asked by the engine and, before it, by the chat buttons (which word a refusal).
import { requiredQualifications } from "../flows/qualifications.ts";
import type { Step } from "../flows/flowSchema.ts";
import type { Actor, CaseSnapshot } from "./caseTypes.ts";
import type { PolicyQuestion } from "./policy.ts";

/** The step.act question for an actor on a case (an unknown organisation matches no role). */
export function stepActQuestion(
  step: Pick<Step, "role" | "action" | "requires_qualification">,
  actor: Actor,
  snapshot: Pick<CaseSnapshot, "clientId" | "counsellorId" | "counsellorQualifications"> & { orgId?: string },
): PolicyQuestion {
  const orgId = snapshot.orgId ?? "_";
  return {
    subject: {
      personId: actor.personId,
      roles: actor.roles.map((role) => ({ orgId, role })),
      qualifications: (actor.qualifications ?? []).map((id) => ({ orgId, id })),
    },
    action: "step.act",
    case: { orgId, clientId: snapshot.clientId, counsellorId: snapshot.counsellorId, counsellorQualifications: snapshot.counsellorQualifications },
    step: { role: step.role, action: step.action, requiresQualification: requiredQualifications(step) },
  };
}
