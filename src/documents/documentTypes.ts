// The SOP's output documents as plain data: what the case engine knows, nothing of the PDF library.
// renderDocumentPdf (renderPdf.ts) turns one of these into a PDF; the caller archives and sends it.
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

/** Formulir Pendaftaran Konseling: the registration form made from the intake. */
export interface FormulirPendaftaranDocument {
  kind: "formulir_pendaftaran";
  header: DocumentHeader;
  client: DocumentClient;
  /** The complaint (keluhan); any length, it continues over as many pages as it needs. */
  complaint: string;
  /** null when staff registered the client and the client has not yet consented in the chat. */
  consent: DocumentConsent | null;
  /** The channel the registration came from: "telegram", "whatsapp", "email", "local", or any other label. */
  channel: string;
  registeredAt: Date;
  /** The staff member who registered the client, when it was not the client themselves. */
  registeredBy?: DocumentPerson;
}

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
  /** Which memo of this case this is (1, 2, …) when a case carries several; adds "-<n>" to the number. */
  sequence?: number;
  /** The unit's code in the number; "BK" when absent. */
  unitCode?: string;
  /** The signatory under the body; omitted when absent. */
  signedBy?: DocumentPerson;
}

/** Disposisi: a superior's written directive on a report, naming what happens next and by whom. */
export interface DisposisiDocument {
  kind: "disposisi";
  header: DocumentHeader;
  /** The directive text (isi disposisi). */
  directive: string;
  givenBy: DocumentPerson;
  givenAt: Date;
  /** Diteruskan kepada: the roles or people the directive goes to; at least one. */
  forwardTo: string[];
  /** Perihal: what the directive is about (e.g. the report it was written on); omitted when absent. */
  subject?: string;
}

/** Every SOP output document the app generates, told apart by kind. */
export type SopDocument =
  | FormulirPendaftaranDocument
  | LaporanRencanaPengawasanDocument
  | LaporanTertulisDocument
  | NotaDinasDocument
  | DisposisiDocument;

/** The kinds, for callers that pick a document by name (and for exhaustive tests). */
export type SopDocumentKind = SopDocument["kind"];
export const SOP_DOCUMENT_KINDS: readonly SopDocumentKind[] = [
  "formulir_pendaftaran",
  "laporan_rencana_pengawasan",
  "laporan_tertulis",
  "nota_dinas",
  "disposisi",
];
