// The Form Konseling from the case. The sessions are the runs of the step the flow takes the text from (the
// counselling step, row 5, done again after each new appointment); when the form is made at a later step
// (the administration's choice at row 6), that step's outcome and note are the plan that follows.
import type { DocumentSource } from "../documentSource.ts";
import type { FormKonselingDocument } from "./formKonselingDocument.ts";

export async function buildFormKonseling(src: DocumentSource): Promise<FormKonselingDocument> {
  const runs = await src.stepRuns();
  const sessionRuns = runs.filter((r) => r.stepId === src.textStepId);
  const sessions = sessionRuns.length
    ? sessionRuns.map((r) => ({ at: r.actedAt, by: r.actor, notes: r.note ?? "" }))
    : [{ at: src.actedAt, by: src.actor, notes: src.text }];
  const producing = runs.find((r) => r.id === src.stepRunId);
  const laterStep = producing !== undefined && producing.stepId !== src.textStepId;
  return {
    kind: "form_konseling",
    header: src.header,
    client: src.client,
    counsellor: sessions.at(-1)!.by,
    problem: src.complaint ?? "",
    sessions,
    plan: laterStep ? [producing.outcomeLabel, producing.note].filter(Boolean).join(": ") : "",
  };
}
