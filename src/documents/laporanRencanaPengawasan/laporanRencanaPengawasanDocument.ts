// Laporan Rencana Pengawasan: the supervision plan: its data and the checks on it.
import { text, filled, date, person, type Problems } from "../checkFields.ts";
import type { DocumentHeader, DocumentPerson } from "../documentParts.ts";

/** Laporan Rencana Pengawasan: the supervision plan the Kepala Unit receives and coordinates. */
export interface LaporanRencanaPengawasanDocument {
  kind: "laporan_rencana_pengawasan";
  header: DocumentHeader;
  clientName: string;
  /** The plan text. */
  plan: string;
  /** Who drew up the plan. */
  author: DocumentPerson;
  date: Date;
}

/** Pushes a sentence for each of its own fields that cannot be printed (the header is checked for every kind). */
export function checkLaporanRencanaPengawasan(doc: LaporanRencanaPengawasanDocument, out: Problems): void {
  filled(out, "clientName", doc.clientName);
  text(out, "plan", doc.plan);
  person(out, "author", doc.author);
  date(out, "date", doc.date);
}
