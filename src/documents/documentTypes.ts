// The SOP's output documents as plain data: what the case engine knows, nothing of the PDF library.
// The parts every document shares live in documentParts.ts; each kind's own shape lives in its folder (e.g.
// notaDinas/notaDinasDocument.ts) and is named in DocumentsByKind below, which the registry of kinds
// (documentKinds.ts) must then cover. renderDocumentPdf (renderPdf.ts) turns one into a PDF.
import type { DisposisiDocument } from "./disposisi/disposisiDocument.ts";
import type { FormKonselingDocument } from "./formKonseling/formKonselingDocument.ts";
import type { FormRegistrasiDocument } from "./formRegistrasi/formRegistrasiDocument.ts";
import type { FormulirPendaftaranDocument } from "./formulirPendaftaran/formulirPendaftaranDocument.ts";
import type { LaporanHasilPengawasanDocument } from "./laporanHasilPengawasan/laporanHasilPengawasanDocument.ts";
import type { LaporanRencanaPengawasanDocument } from "./laporanRencanaPengawasan/laporanRencanaPengawasanDocument.ts";
import type { LaporanTertulisDocument } from "./laporanTertulis/laporanTertulisDocument.ts";
import type { NotaDinasDocument } from "./notaDinas/notaDinasDocument.ts";
import type { SalinanDataPribadiDocument } from "./salinanDataPribadi/salinanDataPribadiDocument.ts";
import type { SuratRujukanDocument } from "./suratRujukan/suratRujukanDocument.ts";

export type {
  DisposisiDocument,
  FormKonselingDocument,
  FormRegistrasiDocument,
  FormulirPendaftaranDocument,
  LaporanHasilPengawasanDocument,
  LaporanRencanaPengawasanDocument,
  LaporanTertulisDocument,
  NotaDinasDocument,
  SalinanDataPribadiDocument,
  SuratRujukanDocument,
};

export type {
  AnyDocumentHeader,
  DocumentClient,
  DocumentConsent,
  DocumentHeader,
  DocumentPerson,
  DocumentStepRun,
  PersonDocumentHeader,
} from "./documentParts.ts";

/** Every SOP output document the app generates, by kind: adding a kind here makes tsc ask for its registry entry. */
export interface DocumentsByKind {
  formulir_pendaftaran: FormulirPendaftaranDocument;
  laporan_rencana_pengawasan: LaporanRencanaPengawasanDocument;
  laporan_tertulis: LaporanTertulisDocument;
  nota_dinas: NotaDinasDocument;
  disposisi: DisposisiDocument;
  laporan_hasil_pengawasan: LaporanHasilPengawasanDocument;
  form_registrasi: FormRegistrasiDocument;
  form_konseling: FormKonselingDocument;
  surat_rujukan: SuratRujukanDocument;
  salinan_data_pribadi: SalinanDataPribadiDocument;
}

/** The kinds of SOP document (what a flow step names under `document`, what the Document table stores). */
export type DocumentKind = keyof DocumentsByKind;

/** Every SOP output document the app generates, told apart by kind. */
export type SopDocument = DocumentsByKind[DocumentKind];

/** The kinds, for callers that pick a document by name. */
export type SopDocumentKind = DocumentKind;
