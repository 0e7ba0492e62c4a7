import { describe, expect, it } from "vitest";
import { renderDocumentPdf } from "../../src/documents/renderPdf.ts";
import { formulir, laporan } from "../fixtures/documents/sampleDocuments.ts";
import { readPdf } from "./pdfText.ts";

/** Numbered words, so a lost or repeated stretch of text shows up as a missing or out-of-order number. */
function numberedText(chars: number): { text: string; words: string[] } {
  const words: string[] = [];
  let text = "";
  for (let i = 1; text.length < chars; i++) {
    const word = `kata${String(i).padStart(5, "0")}`;
    words.push(word);
    text += (i % 40 === 0 ? "\n\n" : i === 1 ? "" : " ") + word;
  }
  return { text: text.slice(0, chars), words };
}

describe("long texts", () => {
  it("a 15,000-character complaint continues over several pages and nothing is lost", async () => {
    const { text: complaint } = numberedText(15_000);
    expect(complaint.length).toBe(15_000);
    const pdf = await readPdf(await renderDocumentPdf(formulir({ complaint })));
    expect(pdf.pages.length).toBeGreaterThanOrEqual(3);
    pdf.pages.forEach((page, i) => {
      expect(page).toContain(`Halaman ${i + 1} dari ${pdf.pages.length}`);
      expect(page).toContain("Kasus #12");
      expect(page).toContain("RAHASIA");
    });
    // Every word, in order, exactly once; and the sections after it still follow.
    const found = pdf.text.match(/kata\d{5}/g) ?? [];
    const expected = complaint.match(/kata\d{5}/g) ?? [];
    expect(found).toEqual(expected);
    // With the letterhead and footer of each page taken out, the complaint reads through unbroken.
    const boilerplate = /RAHASIA ?Unit Bimbingan.*?Halaman \d+ dari \d+/g;
    const body = pdf.pages.map((p) => p.replace(boilerplate, "").trim()).join(" ");
    expect(body.includes(complaint.replace(/\s+/g, " "))).toBe(true);
    expect(pdf.pages.at(-1)).toContain("Status persetujuan : Diberikan");
  });

  it("a word longer than a line is broken, not cut", async () => {
    const word = "tautan".repeat(120);
    const pdf = await readPdf(await renderDocumentPdf(laporan()));
    const long = await readPdf(await renderDocumentPdf({ ...laporan(), report: `Lihat ${word} selesai.` }));
    expect(long.text.replace(/\s+/g, "")).toContain(`Lihat${word}selesai.`);
    expect(long.pages.length).toBe(pdf.pages.length);
  });

  it("an empty complaint prints as not given", async () => {
    const { text } = await readPdf(await renderDocumentPdf(formulir({ complaint: "  \n " })));
    expect(text).toContain("B. Keluhan (tidak diisi)");
  });
});
