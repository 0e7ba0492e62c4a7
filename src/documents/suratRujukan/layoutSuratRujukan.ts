// Form/Surat Rujukan: the referral letter with the approvals it went through (SOP Konseling PUSPAGA row 6).
import { formatDocumentDate, formatDocumentDateTime } from "../documentDates.ts";
import { documentTexts as t } from "../documentTexts.ts";
import type { DocumentWriter } from "../documentWriter.ts";
import { writeClientSection, writeNumberedEntries } from "../layoutParts.ts";
import type { SuratRujukanDocument } from "./suratRujukanDocument.ts";
import { suratRujukanTexts } from "./suratRujukanTexts.ts";

/** Case, date, subject and author; the client's identity (no contacts); the report; the approval trail; the author's note and signature. */
export function layoutSuratRujukan(w: DocumentWriter, doc: SuratRujukanDocument): void {
  const r = suratRujukanTexts;
  const zone = doc.header.timeZone;
  w.heading(r.heading, r.subheading);
  w.fields([
    [t.caseNo, String(doc.header.caseNo)],
    [r.date, formatDocumentDate(doc.date, zone)],
    [r.subject, r.subjectText],
    [r.signedBy, t.person(doc.signedBy)],
  ]);
  writeClientSection(w, r.identity, doc.client, { withContacts: false });
  w.section(r.reason, doc.reason);
  const trail = doc.approvals.map((a) => ({
    title: r.approvalStep(a),
    rows: [
      [r.approvalBy, t.person(a.by)],
      [r.approvalResult, a.result],
      [r.approvalAt, formatDocumentDateTime(a.at, zone)],
      [r.approvalNote, a.note],
    ] as const,
  }));
  writeNumberedEntries(w, r.approvals, trail, r.noApprovals);
  if (doc.note !== undefined) w.section(r.note(doc.signedBy.role), doc.note);
  w.signature(doc.signedBy);
}
