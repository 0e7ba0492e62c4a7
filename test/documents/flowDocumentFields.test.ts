// What a flow file may name of the document kinds: a step any step kind under `document` (the new ones too), the
// flow its registration form under `registration_document` (IPDN's Formulir Pendaftaran unless it says).
import { describe, expect, it } from "vitest";
import { flowSchema } from "../../src/flows/flowSchema.ts";

const flow = (over: Record<string, unknown> = {}, step: Record<string, unknown> = {}) => ({
  id: "uji",
  title: "Alur Uji",
  organisation: "unit",
  source: "test",
  steps: [{ id: "s1", no: "1", activity: "Mengarsipkan", role: "staf", time: "15m", output: "Arsip", action: "archive", ...step }],
  ...over,
});

describe("document kinds in a flow file", () => {
  it("lets a step name each new step document", () => {
    for (const document of ["laporan_hasil_pengawasan", "form_konseling", "surat_rujukan"]) {
      expect(flowSchema.safeParse(flow({}, { document })).success, document).toBe(true);
    }
  });

  it("keeps the registration forms off the steps: the intake makes them", () => {
    expect(flowSchema.safeParse(flow({}, { document: "form_registrasi" })).success).toBe(false);
    expect(flowSchema.safeParse(flow({}, { document: "formulir_pendaftaran" })).success).toBe(false);
  });

  it("makes IPDN's Formulir Pendaftaran at intake unless the flow names its own registration form", () => {
    expect(flowSchema.parse(flow()).registration_document).toBe("formulir_pendaftaran");
    expect(flowSchema.parse(flow({ registration_document: "form_registrasi" })).registration_document).toBe("form_registrasi");
    expect(flowSchema.safeParse(flow({ registration_document: "surat_rujukan" })).success).toBe(false);
  });
});
