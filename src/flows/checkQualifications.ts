// Checks of Kualifikasi Pelaksana: an organisation lists each qualification once, and a step requires only
// qualifications its organisation lists (an unknown id would make the step impossible to route or to record).
// Pure: returns the problems; the loader names the file and the step.
import type { FlowProblem } from "./flowProblem.ts";
import type { Flow, OrganisationDef } from "./flowSchema.ts";
import { CLIENT_ROLE } from "./flowSchema.ts";
import { requiredQualifications } from "./qualifications.ts";

/** The organisation's own list: no id twice. */
export function checkQualificationList(org: Pick<OrganisationDef, "qualifications">): string[] {
  const ids = org.qualifications.map((q) => q.id);
  const twice = [...new Set(ids.filter((q, i) => ids.indexOf(q) !== i))];
  return twice.map((q) => `qualification "${q}" is defined more than once`);
}

/** Each step's requires_qualification against the organisation's list; a client's own step cannot require one. */
export function checkStepQualifications(flow: Flow, org: OrganisationDef): FlowProblem[] {
  const known = org.qualifications.map((q) => q.id);
  const problems: FlowProblem[] = [];
  for (const step of flow.steps) {
    const required = requiredQualifications(step);
    if (required.length === 0) continue;
    if (step.role === CLIENT_ROLE) problems.push({ step: step.id, reason: "requires_qualification on the client's own step: clients hold no qualifications" });
    for (const q of required.filter((x) => !known.includes(x))) {
      const list = known.length > 0 ? `its qualifications: ${known.join(", ")}` : "it lists no qualifications";
      problems.push({ step: step.id, reason: `requires_qualification names "${q}", which is not a qualification of organisation ${org.id} (${list})` });
    }
  }
  return problems;
}
