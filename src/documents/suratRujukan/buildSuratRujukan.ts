// The Form/Surat Rujukan from the case: the referral report (the text the flow takes for it), every run of an
// approval step so far as the trail, and the letter's maker as its signatory.
import type { DocumentStepRun } from "../documentParts.ts";
import type { DocumentSource } from "../documentSource.ts";
import type { ApprovalTrailEntry, SuratRujukanDocument } from "./suratRujukanDocument.ts";
import { suratRujukanTexts } from "./suratRujukanTexts.ts";

function trailEntry(run: DocumentStepRun): ApprovalTrailEntry {
  return {
    stepNo: run.stepNo,
    activity: run.activity,
    by: run.actor,
    result: suratRujukanTexts.results[run.outcome] ?? run.outcomeLabel,
    note: run.note ?? "",
    at: run.actedAt,
  };
}

export async function buildSuratRujukan(src: DocumentSource): Promise<SuratRujukanDocument> {
  const runs = await src.stepRuns();
  return {
    kind: "surat_rujukan",
    header: src.header,
    client: src.client,
    reason: src.text,
    ...(src.textFromOtherStep && src.stepNote ? { note: src.stepNote } : {}),
    approvals: runs.filter((r) => r.action === "approval").map(trailEntry),
    date: src.actedAt,
    signedBy: src.actor,
  };
}
