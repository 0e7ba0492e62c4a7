// The one registry of SOP document kinds: the flow schema, the policy, the Document titles, the PDF
// renderer and the document worker all read it. A kind named in DocumentsByKind (documentTypes.ts) and
// missing here is a compile error; its folder holds everything else about it.
import type { DocumentKindModule } from "./documentKind.ts";
import type { DocumentKind } from "./documentTypes.ts";
import { disposisiKind } from "./disposisi/disposisiKind.ts";
import { formKonselingKind } from "./formKonseling/formKonselingKind.ts";
import { formRegistrasiKind } from "./formRegistrasi/formRegistrasiKind.ts";
import { formulirPendaftaranKind } from "./formulirPendaftaran/formulirPendaftaranKind.ts";
import { laporanHasilPengawasanKind } from "./laporanHasilPengawasan/laporanHasilPengawasanKind.ts";
import { laporanRencanaPengawasanKind } from "./laporanRencanaPengawasan/laporanRencanaPengawasanKind.ts";
import { laporanTertulisKind } from "./laporanTertulis/laporanTertulisKind.ts";
import { notaDinasKind } from "./notaDinas/notaDinasKind.ts";
import { salinanDataPribadiKind } from "./salinanDataPribadi/salinanDataPribadiKind.ts";
import { suratRujukanKind } from "./suratRujukan/suratRujukanKind.ts";

/** Each kind's module, by kind. */
export type DocumentModules = { [K in DocumentKind]: DocumentKindModule<K> };

export const DOCUMENT_KINDS: DocumentModules = {
  formulir_pendaftaran: formulirPendaftaranKind,
  laporan_rencana_pengawasan: laporanRencanaPengawasanKind,
  laporan_tertulis: laporanTertulisKind,
  nota_dinas: notaDinasKind,
  disposisi: disposisiKind,
  laporan_hasil_pengawasan: laporanHasilPengawasanKind,
  form_registrasi: formRegistrasiKind,
  form_konseling: formKonselingKind,
  surat_rujukan: suratRujukanKind,
  salinan_data_pribadi: salinanDataPribadiKind,
};

/** Every kind, in the registry's order. */
export const DOCUMENT_KIND_IDS = Object.keys(DOCUMENT_KINDS) as DocumentKind[];

/** The kinds a flow step may name under `document` (the registration forms are the intake's). */
export const STEP_DOCUMENT_KINDS = DOCUMENT_KIND_IDS.filter((kind) => DOCUMENT_KINDS[kind].producedBy === "step");

/** The registration forms a flow may name as the document its intake makes (`registration_document`). */
export const INTAKE_DOCUMENT_KINDS = DOCUMENT_KIND_IDS.filter((kind) => DOCUMENT_KINDS[kind].producedBy === "intake");

/** "Nota Dinas": the kind's name as the SOP writes it. */
export function documentName(kind: DocumentKind): string {
  return DOCUMENT_KINDS[kind].name;
}

/** The module of a document's kind, typed for that document (for calling its check, layout or file-name suffix). */
export function documentModule<K extends DocumentKind>(kind: K): DocumentModules[K] {
  return DOCUMENT_KINDS[kind];
}
