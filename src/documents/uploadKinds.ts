// The SOP documents that are UPLOADED rather than generated: written elsewhere (the psychologist's or the
// psychiatrist's result), sent by the actor as a file in chat as the step's result, archived on the case as a
// document and sent on to whoever receives it in the SOP. A flow step names one under `upload:`; the loader
// refuses a name that is not listed here.

/** What an uploaded kind declares: its name as the SOP writes it (chat caption, Document.title). */
export interface UploadKindDef {
  name: string;
}

export const UPLOAD_KINDS = {
  /** SOP BK Praja/Pegawai row 11's output: "Dokumen Hasil Pemeriksaan Praja/Pegawai Oleh Psikolog". */
  dokumen_hasil_pemeriksaan: { name: "Dokumen Hasil Pemeriksaan oleh Psikolog" },
  /** SOP Terapi rows 5–6: the psychologist's/psychiatrist's written result ("Surat Hasil Pemeriksaan"). */
  surat_hasil_pemeriksaan: { name: "Surat Hasil Pemeriksaan" },
} as const satisfies Record<string, UploadKindDef>;

/** An uploaded kind's id, as a flow step names it under `upload:` and the Document table stores it. */
export type UploadKind = keyof typeof UPLOAD_KINDS;

/** Every uploaded kind, in the registry's order. */
export const UPLOAD_KIND_IDS = Object.keys(UPLOAD_KINDS) as [UploadKind, ...UploadKind[]];

/** Whether a stored Document kind (or any text) names an uploaded kind. */
export function isUploadKind(kind: string): kind is UploadKind {
  return Object.hasOwn(UPLOAD_KINDS, kind);
}

/** "Surat Hasil Pemeriksaan": the kind's name as the SOP writes it. */
export function uploadName(kind: UploadKind): string {
  return UPLOAD_KINDS[kind].name;
}
