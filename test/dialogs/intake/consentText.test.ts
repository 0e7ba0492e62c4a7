// The consent text a client reads (src/dialogs/intake/consentText.ts): the locale's text with the line naming the
// unit's data protection contact just before its closing question, or the unit's head when none is configured.
import { describe, expect, it } from "vitest";
import { consentText } from "../../../src/dialogs/intake/consentText.ts";

describe("consentText", () => {
  it("names the configured contact in a line of its own right before the closing question", () => {
    const text = consentText("id", "Ibu Rina, rina@ipdn.ac.id");
    expect(text).toMatch(/^Sebelum/);
    expect(text).toMatch(
      /\n• Pertanyaan atau keberatan tentang data pribadi Anda: Ibu Rina, rina@ipdn\.ac\.id\. Kirim \/datasaya untuk salinan data Anda\.\n\nApakah Anda setuju\?$/,
    );
    // The bullet list goes on into the contact line: no blank line between them.
    expect(text).toMatch(/• Menarik persetujuan: [^\n]*\n• Pertanyaan atau keberatan/);
    expect(text.match(/Ibu Rina/g)).toHaveLength(1);
  });

  it("names the head of the unit when no contact is configured", () => {
    expect(consentText("id", undefined)).toContain(
      "• Pertanyaan atau keberatan tentang data pribadi Anda: pimpinan unit layanan ini (Kepala Unit), melalui petugas unit.",
    );
  });

  it("in English too, ending with the English question", () => {
    const text = consentText("en", "Mrs Rina");
    expect(text).toMatch(/^Before we start, we ask for your consent\./);
    expect(text).toMatch(/\n• Questions or objections about your personal data: Mrs Rina\. Send \/datasaya for a copy of your data\.\n\n[^\n]*\?$/);
    expect(consentText("en", undefined)).toContain("the head of this service unit, through the unit's staff");
  });
});
