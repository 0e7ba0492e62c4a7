// Laporan Tertulis: the counsellor's written report: its data and the checks on it.
import { client, text, date, person, type Problems } from "../checkFields.ts";
import type { DocumentClient, DocumentHeader, DocumentPerson } from "../documentParts.ts";

/** Laporan Tertulis: the counsellor's written report to the leadership on the client. */
export interface LaporanTertulisDocument {
  kind: "laporan_tertulis";
  header: DocumentHeader;
  client: DocumentClient;
  /** The report text. */
  report: string;
  counsellor: DocumentPerson;
  date: Date;
}

/** Pushes a sentence for each of its own fields that cannot be printed (the header is checked for every kind). */
export function checkLaporanTertulis(doc: LaporanTertulisDocument, out: Problems): void {
  client(out, doc.client);
  text(out, "report", doc.report);
  person(out, "counsellor", doc.counsellor);
  date(out, "date", doc.date);
}
