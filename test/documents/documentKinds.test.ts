// The registry of document kinds: every kind has a module, and the flow files may name only the steps' kinds.
import { describe, expect, it } from "vitest";
import { DOCUMENT_KIND_IDS, DOCUMENT_KINDS, documentName, INTAKE_DOCUMENT_KINDS, STEP_DOCUMENT_KINDS } from "../../src/documents/documentKinds.ts";

describe("document kinds", () => {
  it("lists every kind once, each module naming its own kind", () => {
    expect(DOCUMENT_KIND_IDS).toEqual([
      "formulir_pendaftaran",
      "laporan_rencana_pengawasan",
      "laporan_tertulis",
      "nota_dinas",
      "disposisi",
      "laporan_hasil_pengawasan",
      "form_registrasi",
      "form_konseling",
      "surat_rujukan",
      "salinan_data_pribadi",
    ]);
    for (const kind of DOCUMENT_KIND_IDS) expect(DOCUMENT_KINDS[kind].kind).toBe(kind);
  });

  it("the registration form is the intake's; the others come from flow steps", () => {
    expect(STEP_DOCUMENT_KINDS).toEqual([
      "laporan_rencana_pengawasan",
      "laporan_tertulis",
      "nota_dinas",
      "disposisi",
      "laporan_hasil_pengawasan",
      "form_konseling",
      "surat_rujukan",
    ]);
    expect(INTAKE_DOCUMENT_KINDS).toEqual(["formulir_pendaftaran", "form_registrasi"]);
    expect(documentName("nota_dinas")).toBe("Nota Dinas");
    expect(documentName("laporan_hasil_pengawasan")).toBe("Laporan Dokumen Hasil Pengawasan");
    expect(documentName("form_registrasi")).toBe("Form Registrasi");
    // The copy of a client's data is made on their request, from their records: no flow step or intake names it.
    expect(DOCUMENT_KINDS.salinan_data_pribadi.producedBy).toBe("request");
  });
});
