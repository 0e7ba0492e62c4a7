// What the four kinds added for the documents the SOPs name share with every kind: a valid one-page PDF with
// letterhead and confidential footer, the same bytes for the same input, a name and file name from the SOP.
import { describe, expect, it } from "vitest";
import { documentFileName, documentTitle, renderDocumentPdf } from "../../src/documents/renderPdf.ts";
import { newSamples } from "./sampleSopDocuments.ts";
import { readPdf } from "./pdfText.ts";

describe("the documents the SOPs name", () => {
  it.each(newSamples().map((d) => [documentFileName(d), d] as const))("%s is a valid PDF with letterhead and confidential footer", async (_name, doc) => {
    const bytes = await renderDocumentPdf(doc);
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const pdf = await readPdf(bytes);
    const page = pdf.pages[0]!;
    expect(page).toContain(doc.header.organisation.split(", ").join(" "));
    expect(page).toContain(`SOP ${doc.header.sopTitle}`);
    expect(page).toContain(`Kasus #${doc.header.caseNo} · Dibuat Senin, 30 November 2026 15.00 WIB`);
    expect(pdf.pages.at(-1)).toContain(`Halaman ${pdf.pages.length} dari ${pdf.pages.length}`);
    expect(pdf.info.Title).toBe(documentTitle(doc));
  });

  it("gives the same bytes for the same input", async () => {
    for (const doc of newSamples()) {
      const [a, b] = [await renderDocumentPdf(doc), await renderDocumentPdf(structuredClone(doc))];
      expect(a.equals(b), documentFileName(doc)).toBe(true);
    }
  });

  it("takes name and file name from the SOP's own words", () => {
    expect(newSamples().map(documentTitle)).toEqual([
      "Laporan Dokumen Hasil Pengawasan — Kasus #12",
      "Form Registrasi — Kasus #7",
      "Form Konseling — Kasus #7",
      "Form Rujukan — Kasus #7",
    ]);
    expect(newSamples().map(documentFileName)).toEqual([
      "kasus-12-laporan-dokumen-hasil-pengawasan.pdf",
      "kasus-7-form-registrasi.pdf",
      "kasus-7-form-konseling.pdf",
      "kasus-7-form-rujukan.pdf",
    ]);
  });
});
