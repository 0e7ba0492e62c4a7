// Laporan Dokumen Hasil Pengawasan: the supervision's results and their review (SOP BK rows 6–8).
import { formatDocumentDateTime } from "../documentDates.ts";
import { documentTexts as t } from "../documentTexts.ts";
import type { DocumentWriter } from "../documentWriter.ts";
import { writeClientSection } from "../layoutParts.ts";
import type { LaporanHasilPengawasanDocument } from "./laporanHasilPengawasanDocument.ts";
import { laporanHasilPengawasanTexts } from "./laporanHasilPengawasanTexts.ts";

/** Case, addressee, reporter and date; the client's identity (no contacts); the results with who supervised; the review. */
export function layoutLaporanHasilPengawasan(w: DocumentWriter, doc: LaporanHasilPengawasanDocument): void {
  const p = laporanHasilPengawasanTexts;
  const zone = doc.header.timeZone;
  w.heading(p.heading);
  w.fields([
    [t.caseNo, String(doc.header.caseNo)],
    [p.to, doc.to],
    [p.reportedBy, t.person(doc.reportedBy)],
    [p.date, formatDocumentDateTime(doc.date, zone)],
  ]);
  writeClientSection(w, p.identity, doc.client, { withContacts: false });
  w.title(p.result);
  w.fields([
    [p.supervisedBy, doc.supervisedBy],
    [p.resultRecordedBy, doc.resultRecordedBy],
    [p.resultAt, formatDocumentDateTime(doc.resultAt, zone)],
  ]);
  w.paragraph(doc.result);
  if (doc.review !== undefined) w.section(p.review(doc.reportedBy.role), doc.review);
  w.signature(doc.reportedBy);
}
