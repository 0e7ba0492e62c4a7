// Nota Dinas: the internal memo carrying a report up the chain (SOP Terapi steps 3–9).
import { formatDocumentDate } from "../documentDates.ts";
import type { NotaDinasDocument } from "./notaDinasDocument.ts";
import { notaDinasTexts } from "./notaDinasTexts.ts";
import type { DocumentWriter } from "../documentWriter.ts";
import { notaDinasNumber } from "./notaDinasNumber.ts";

/** The derived number, the address block (Kepada, Dari, Tanggal, Sifat, Lampiran, Perihal), body, signatory. */
export function layoutNotaDinas(w: DocumentWriter, doc: NotaDinasDocument): void {
  const n = notaDinasTexts;
  const zone = doc.header.timeZone;
  const number = notaDinasNumber({ caseNo: doc.header.caseNo, date: doc.date, timeZone: zone, unitCode: doc.unitCode, sequence: doc.sequence });
  w.heading(notaDinasTexts.heading, n.number(number));
  w.fields([
    [n.to, doc.to],
    [n.from, doc.from],
    [n.date, formatDocumentDate(doc.date, zone)],
    [n.classification, doc.classification ?? n.defaultClassification],
    ...(doc.attachments !== undefined ? [[n.attachments, doc.attachments] as const] : []),
    [n.subject, doc.subject],
  ]);
  w.rule();
  if (doc.signatoryNote) w.fields([[n.signatoryNote, doc.signatoryNote]]);
  w.paragraph(doc.body);
  if (doc.signedBy) w.signature(doc.signedBy);
  if (doc.copies) w.fields([[n.copies, doc.copies]]);
}
