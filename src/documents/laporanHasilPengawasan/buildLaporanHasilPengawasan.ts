// The Laporan Dokumen Hasil Pengawasan from the case: the results come from the step the flow takes the text
// from (the related unit's supervision, row 6); a report made after it (row 8) adds its actor's own note as
// the counsellor's review.
import type { DocumentSource } from "../documentSource.ts";
import type { LaporanHasilPengawasanDocument } from "./laporanHasilPengawasanDocument.ts";

export async function buildLaporanHasilPengawasan(src: DocumentSource): Promise<LaporanHasilPengawasanDocument> {
  const runs = await src.stepRuns();
  // The latest run of the step that recorded the results; the producing run when the flow names no other step.
  const resultRun = runs.findLast((r) => r.stepId === src.textStepId);
  const recorder = resultRun?.actor ?? src.actor;
  return {
    kind: "laporan_hasil_pengawasan",
    header: src.header,
    client: src.client,
    to: src.recipients.join(", ") || "-",
    result: src.text,
    supervisedBy: recorder.role,
    resultRecordedBy: recorder.name,
    resultAt: resultRun?.actedAt ?? src.actedAt,
    ...(src.textFromOtherStep && src.stepNote ? { review: src.stepNote } : {}),
    reportedBy: src.actor,
    date: src.actedAt,
  };
}
