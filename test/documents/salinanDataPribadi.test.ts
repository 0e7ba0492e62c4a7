// The Salinan Data Pribadi on the page: about a person, not a case (no case number in the letterhead, title or file
// name), every section printed, and refused when it claims a case.
import { describe, expect, it } from "vitest";
import { DocumentInputError } from "../../src/documents/checkDocument.ts";
import { documentFileName, documentTitle, renderDocumentPdf } from "../../src/documents/renderPdf.ts";
import type { SalinanDataPribadiDocument } from "../../src/documents/salinanDataPribadi/salinanDataPribadiDocument.ts";
import { readPdf } from "./pdfText.ts";

const doc: SalinanDataPribadiDocument = {
  kind: "salinan_data_pribadi",
  header: {
    organisation: "Unit BK, IPDN",
    sopTitle: "Hak Subjek Data Pribadi",
    caseNo: null,
    generatedAt: new Date("2027-01-04T03:00:00Z"),
    timeZone: "Asia/Jakarta",
  },
  name: "Ayu Lestari",
  clientKind: "Praja",
  language: "Bahasa Indonesia",
  since: new Date("2026-12-01T02:00:00Z"),
  handles: [{ channel: "Telegram", address: "123456", since: new Date("2026-12-01T02:00:00Z") }],
  consents: [{ textVersion: "2026-12-30", channel: "Telegram", givenAt: new Date("2026-12-01T02:01:00Z"), withdrawnAt: null }],
  cases: [
    {
      number: 7,
      sop: "Layanan Konsultasi Konseling Online bagi Praja",
      status: "Berjalan",
      openedAt: new Date("2026-12-01T02:05:00Z"),
      closedAt: null,
      client: { kind: "praja", fields: { nama: "Ayu Lestari", npp: "31.0777" } },
      complaint: "Sulit tidur sejak pindah wisma.",
      steps: [{ stepNo: "3", activity: "Konselor intake awal", askedAt: new Date("2026-12-01T02:05:00Z"), actedAt: null }],
      sessions: [],
      documents: ["Formulir Pendaftaran Konseling — Kasus #7"],
    },
  ],
  messages: [{ at: new Date("2026-12-01T03:00:00Z"), from: "Konselor", caseNo: 7, text: "Ayu, kita bicara besok.", attachments: [] }],
  contact: "Pejabat PDP IPDN",
  retentionDays: 1825,
};

describe("Salinan Data Pribadi", () => {
  it("prints every section, about a person and no single case", async () => {
    expect(documentTitle(doc)).toBe("Salinan Data Pribadi");
    expect(documentFileName(doc)).toBe("salinan-data-pribadi.pdf");
    const pdf = await readPdf(await renderDocumentPdf(doc));
    for (const expected of [
      "SALINAN DATA PRIBADI",
      "Dibuat",
      "Ayu Lestari",
      "123456",
      "2026-12-30",
      "Kasus #7",
      "31.0777",
      "Sulit tidur sejak pindah wisma.",
      "Ayu, kita bicara besok.",
      "Pejabat PDP IPDN",
      "1825 hari",
    ]) {
      expect(pdf.text, expected).toContain(expected);
    }
    expect(pdf.pages[0]).not.toMatch(/Kasus #\d+ · Dibuat/);
  });

  it("is refused when it names a case, as a case's document is when it does not", async () => {
    await expect(renderDocumentPdf({ ...doc, header: { ...doc.header, caseNo: 7 as unknown as null } })).rejects.toThrow(DocumentInputError);
  });
});
