// Laporan Dokumen Hasil Pengawasan: the report of the supervision's results: its data and the checks on it.
import { client, date, filled, person, text, type Problems } from "../checkFields.ts";
import type { DocumentClient, DocumentHeader, DocumentPerson } from "../documentParts.ts";

/**
 * Laporan Dokumen Hasil Pengawasan (SOP BK Praja/Pegawai rows 6–8): what the related unit reported on the
 * supervision period, forwarded to the counsellor, and the counsellor's review of it for the Kepala Unit.
 */
export interface LaporanHasilPengawasanDocument {
  kind: "laporan_hasil_pengawasan";
  header: DocumentHeader;
  /** The client's identity; printed without contacts (the report goes up the chain). */
  client: DocumentClient;
  /** Kepada: the roles that receive the report, e.g. "Kepala Unit". */
  to: string;
  /** The supervision's results as reported (row 6). */
  result: string;
  /** Who carried out the supervision and reported on it, as a role label (e.g. "Bagian/Unit Terkait"). */
  supervisedBy: string;
  /** Who recorded the results in the application (a staff member records an outside unit's report). */
  resultRecordedBy: string;
  /** When the results were recorded. */
  resultAt: Date;
  /** The reporter's review of the results (the counsellor's, row 8) when the report is made after them; omitted when absent. */
  review?: string;
  /** Who made this report (its signatory). */
  reportedBy: DocumentPerson;
  date: Date;
}

/** Pushes a sentence for each of its own fields that cannot be printed (the header is checked for every kind). */
export function checkLaporanHasilPengawasan(doc: LaporanHasilPengawasanDocument, out: Problems): void {
  client(out, doc.client);
  filled(out, "to", doc.to);
  text(out, "result", doc.result);
  filled(out, "supervisedBy", doc.supervisedBy);
  filled(out, "resultRecordedBy", doc.resultRecordedBy);
  date(out, "resultAt", doc.resultAt);
  if (doc.review !== undefined) text(out, "review", doc.review);
  person(out, "reportedBy", doc.reportedBy);
  date(out, "date", doc.date);
}
