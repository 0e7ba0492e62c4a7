// Nota Dinas: the internal memo: its data and the checks on it.
import { text, filled, date, person, type Problems } from "../checkFields.ts";
import type { DocumentHeader, DocumentPerson } from "../documentParts.ts";

/** Nota Dinas: the internal memo that carries a report up the chain (e.g. to the Rektor). */
export interface NotaDinasDocument {
  kind: "nota_dinas";
  header: DocumentHeader;
  /** Kepada: the recipient role, e.g. "Rektor IPDN". */
  to: string;
  /** Dari: the sending role, e.g. "Kepala Unit Bimbingan Konseling Praja dan Pegawai". */
  from: string;
  /** Tanggal: the memo's date; also its number's month and year. */
  date: Date;
  /** Sifat; "Rahasia" when absent. */
  classification?: string;
  /** Perihal: the subject line. */
  subject: string;
  body: string;
  /** The signatory's own note, written when approving; printed before the report it carries. */
  signatoryNote?: string;
  /** Lampiran, e.g. "1 (satu) berkas"; omitted when absent. */
  attachments?: string;
  /** Tembusan: the roles that receive a copy, e.g. "Kepala Biro III, Rektor"; omitted when none. */
  copies?: string;
  /** Which memo of this case this is (1, 2, …) when a case carries several; adds "-<n>" to the number. */
  sequence?: number;
  /** The unit's code in the number; "BK" when absent. */
  unitCode?: string;
  /** The signatory under the body; omitted when absent. */
  signedBy?: DocumentPerson;
}

/** Pushes a sentence for each of its own fields that cannot be printed (the header is checked for every kind). */
export function checkNotaDinas(doc: NotaDinasDocument, out: Problems): void {
  filled(out, "to", doc.to);
  filled(out, "from", doc.from);
  date(out, "date", doc.date);
  if (doc.classification !== undefined) filled(out, "classification", doc.classification);
  filled(out, "subject", doc.subject);
  text(out, "body", doc.body);
  if (doc.signatoryNote !== undefined) text(out, "signatoryNote", doc.signatoryNote);
  if (doc.attachments !== undefined) filled(out, "attachments", doc.attachments);
  if (doc.copies !== undefined) filled(out, "copies", doc.copies);
  if (doc.sequence !== undefined && (!Number.isSafeInteger(doc.sequence) || doc.sequence < 1)) {
    out.push(`sequence must be a positive integer, got ${JSON.stringify(doc.sequence)}`);
  }
  if (doc.unitCode !== undefined && !/^[A-Za-z0-9.-]+$/.test(doc.unitCode)) {
    out.push(`unitCode must be letters, digits, dots or hyphens (it sits between slashes in the number), got ${JSON.stringify(doc.unitCode)}`);
  }
  if (doc.signedBy !== undefined) person(out, "signedBy", doc.signedBy);
}
