// The SOP's output documents as plain data: what the case engine knows, nothing of the PDF library.
// The parts every document shares live here; each kind's own shape lives in its folder (e.g.
// notaDinas/notaDinasDocument.ts) and is named in DocumentsByKind below, which the registry of kinds
// (documentKinds.ts) must then cover. renderDocumentPdf (renderPdf.ts) turns one into a PDF.
import type { ClientKind, FieldId } from "../dialogs/intake/intakeFields.ts";
import type { DisposisiDocument } from "./disposisi/disposisiDocument.ts";
import type { FormulirPendaftaranDocument } from "./formulirPendaftaran/formulirPendaftaranDocument.ts";
import type { LaporanRencanaPengawasanDocument } from "./laporanRencanaPengawasan/laporanRencanaPengawasanDocument.ts";
import type { LaporanTertulisDocument } from "./laporanTertulis/laporanTertulisDocument.ts";
import type { NotaDinasDocument } from "./notaDinas/notaDinasDocument.ts";

export type { DisposisiDocument, FormulirPendaftaranDocument, LaporanRencanaPengawasanDocument, LaporanTertulisDocument, NotaDinasDocument };

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

/** Every SOP output document the app generates, by kind: adding a kind here makes tsc ask for its registry entry. */
export interface DocumentsByKind {
  formulir_pendaftaran: FormulirPendaftaranDocument;
  laporan_rencana_pengawasan: LaporanRencanaPengawasanDocument;
  laporan_tertulis: LaporanTertulisDocument;
  nota_dinas: NotaDinasDocument;
  disposisi: DisposisiDocument;
}

/** The kinds of SOP document (what a flow step names under `document`, what the Document table stores). */
export type DocumentKind = keyof DocumentsByKind;

/** Every SOP output document the app generates, told apart by kind. */
export type SopDocument = DocumentsByKind[DocumentKind];

/** The kinds, for callers that pick a document by name. */
export type SopDocumentKind = DocumentKind;
