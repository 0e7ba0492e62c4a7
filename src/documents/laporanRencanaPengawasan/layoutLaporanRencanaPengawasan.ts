// Laporan Rencana Pengawasan: the supervision plan, as the Kepala Unit receives it (SOP BK step 5).
import { formatDocumentDateTime } from "../documentDates.ts";
import { documentTexts as t } from "../documentTexts.ts";
import type { LaporanRencanaPengawasanDocument } from "./laporanRencanaPengawasanDocument.ts";
import { laporanRencanaPengawasanTexts } from "./laporanRencanaPengawasanTexts.ts";
import type { DocumentWriter } from "../documentWriter.ts";

/** Case, client, author and date, the plan in full, and the author's signature block. */
export function layoutLaporanRencanaPengawasan(w: DocumentWriter, doc: LaporanRencanaPengawasanDocument): void {
  const r = laporanRencanaPengawasanTexts;
  w.heading(laporanRencanaPengawasanTexts.heading);
  w.fields([
    [t.caseNo, String(doc.header.caseNo)],
    [r.clientName, doc.clientName],
    [r.author, t.person(doc.author)],
    [r.date, formatDocumentDateTime(doc.date, doc.header.timeZone)],
  ]);
  w.section(r.plan, doc.plan);
  w.signature(doc.author);
}
