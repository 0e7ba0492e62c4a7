// The parts every SOP document shares: letterhead, people, the client's biodata and consent. Each kind's own
// shape (e.g. notaDinas/notaDinasDocument.ts) is built from these; documentTypes.ts names the kinds.
import type { ClientKind, FieldId } from "../dialogs/intake/intakeFields.ts";

/** The letterhead every document carries, so a printed page is traceable to its unit, SOP and case. */
export interface DocumentHeader {
  /** The organisation's full name, e.g. "Unit Bimbingan Konseling Praja dan Pegawai, Institut Pemerintahan Dalam Negeri (IPDN)". */
  organisation: string;
  /** The SOP's name (the flow title), e.g. "Administrasi Layanan Bimbingan dan Konseling Praja". */
  sopTitle: string;
  /** The case number shown as "Kasus #<n>"; a positive integer. */
  caseNo: number;
  /** When the document was generated. Also the PDF's creation date, so the same input gives the same bytes. */
  generatedAt: Date;
  /** IANA zone every date is shown in, e.g. "Asia/Jakarta" (printed as WIB). */
  timeZone: string;
}

/** Someone who acts in the SOP, printed as a name with the role they acted in. */
export interface DocumentPerson {
  name: string;
  /** The role's label, e.g. "Konselor", "Kepala Unit", "Rektor IPDN". */
  role: string;
}

/** The client's biodata exactly as the intake stored it (its field ids and normalised answers). */
export interface DocumentClient {
  kind: ClientKind;
  /** Answers by intake field id; fields the client skipped are absent. Unknown extra fields are printed too. */
  fields: Partial<Record<FieldId, string>>;
}

/** The client's consent to the processing of their data, as recorded at intake. */
export interface DocumentConsent {
  /** The version of the consent text the client agreed to, e.g. "2026-11-25". */
  textVersion: string;
  givenAt: Date;
}
