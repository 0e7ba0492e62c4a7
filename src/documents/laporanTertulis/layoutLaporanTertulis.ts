// Laporan Tertulis: the counsellor's written report on the client to the leadership (SOP BK step 9).
import { formatDocumentDateTime } from "../documentDates.ts";
import { documentTexts as t } from "../documentTexts.ts";
import type { LaporanTertulisDocument } from "./laporanTertulisDocument.ts";
import { laporanTertulisTexts } from "./laporanTertulisTexts.ts";
import type { DocumentWriter } from "../documentWriter.ts";
import { writeClientSection } from "../layoutParts.ts";

/** Case, counsellor and date, the client's identity (without contacts: it goes up the chain), the report. */
export function layoutLaporanTertulis(w: DocumentWriter, doc: LaporanTertulisDocument): void {
  const l = laporanTertulisTexts;
  w.heading(laporanTertulisTexts.heading, l.about(doc.client.kind));
  w.fields([
    [t.caseNo, String(doc.header.caseNo)],
    [l.counsellor, t.person(doc.counsellor)],
    [l.date, formatDocumentDateTime(doc.date, doc.header.timeZone)],
  ]);
  writeClientSection(w, l.identity, doc.client, { withContacts: false });
  w.section(l.report, doc.report);
  w.signature(doc.counsellor);
}
