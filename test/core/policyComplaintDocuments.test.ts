// The documents that hold the client's complaint (IPDN's Formulir Pendaftaran, PUSPAGA's Form Registrasi and Form
// Konseling) are the counsellor's, never leadership's; the Form Rujukan and the uploaded results are reports the
// SOP sends up.
import { describe, expect, it } from "vitest";
import { decide, type PolicyQuestion } from "../../src/core/policy.ts";

const puspagaCase = { orgId: "puspaga", clientId: "klien-1", counsellorId: "konselor-1" };
const as = (personId: string, role: string): PolicyQuestion["subject"] => ({ personId, roles: [{ orgId: "puspaga", role }] });
const download = (subject: PolicyQuestion["subject"], documentKind: PolicyQuestion["documentKind"]) =>
  decide({ subject, action: "document.download", case: puspagaCase, documentKind }).allowed;

describe("documents holding the complaint", () => {
  it.each(["formulir_pendaftaran", "form_registrasi", "form_konseling"] as const)("%s: the case's counsellor only", (kind) => {
    expect(download(as("konselor-1", "konselor"), kind)).toBe(true);
    for (const role of ["eselon_iv", "eselon_iii", "kepala_dinas"]) expect(download(as(`p-${role}`, role), kind), role).toBe(false);
    expect(download({ personId: "klien-1", roles: [] }, kind)).toBe(false);
  });

  it("the Form Rujukan and an uploaded result go to leadership as reports", () => {
    for (const kind of ["surat_rujukan", "surat_hasil_pemeriksaan"] as const) {
      expect(download(as("p-eselon_iv", "eselon_iv"), kind), kind).toBe(true);
      expect(download(as("konselor-1", "konselor"), kind), kind).toBe(true);
    }
  });
});
