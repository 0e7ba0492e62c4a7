// English: the second locale. Mirrors id.ts key for key.
import type { Messages } from "./id.ts";

export const en: Messages = {
  outcome: { done: "Done", approve: "Approve", revise: "Ask for revision" },
  stepTask: (p) =>
    [
      `Case #${p.caseNo} — ${p.flowTitle}`,
      `Step ${p.stepNo}: ${p.activity}`,
      p.inputs.length ? `Inputs: ${p.inputs.join("; ")}` : "",
      `Time standard: ${p.standard} · deadline: ${p.deadline}`,
    ].filter(Boolean).join("\n"),
  clientStepStarted: (p) => `Case #${p.caseNo}: in progress — ${p.activity} (standard ${p.standard}, by ${p.deadline}).`,
  clientArchived: (p) => `Case #${p.caseNo} is complete and archived. Thank you.`,
  clientCancelled: (p) => `Case #${p.caseNo} was cancelled.`,
  escalation: (p) =>
    `Warning: case #${p.caseNo}, step ${p.stepNo} (${p.activity}) by ${p.role} passed its deadline ${p.deadline}. Please follow up.`,
  bookSession: (p) => `Case #${p.caseNo}: schedule a counselling session (Google Meet) within the counsellor's working hours.`,
};
