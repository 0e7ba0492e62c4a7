import { describe, expect, it } from "vitest";
import { renderDocumentPdf } from "../../src/documents/renderPdf.ts";
import { codePointLabel, makeRenderable } from "../../src/documents/renderableText.ts";
import { formulir, rencana } from "../fixtures/documents/sampleDocuments.ts";
import { readPdf } from "./pdfText.ts";

const NOTE = "ditulis sebagai kode Unicode";

describe("makeRenderable (policy, with a made-up font that draws ASCII only)", () => {
  const ascii = (cp: number) => cp >= 0x20 && cp < 0x7f;

  it("keeps what the font draws and says nothing was replaced", () => {
    expect(makeRenderable("Budi Santoso, 08.00", ascii)).toEqual({ text: "Budi Santoso, 08.00", replaced: false });
  });

  it("writes undrawable characters as code points, merging neighbours, splitting at spaces", () => {
    expect(makeRenderable("Nama: 张伟 Li 明", ascii)).toEqual({ text: "Nama: [U+5F20 U+4F1F] Li [U+660E]", replaced: true });
  });

  it("keeps a grapheme cluster whole: a ZWJ family and a skin-toned emoji list every code point", () => {
    expect(makeRenderable("👨‍👩‍👧", ascii).text).toBe("[U+1F468 U+200D U+1F469 U+200D U+1F467]");
    expect(makeRenderable("a👍🏽b", ascii).text).toBe("a[U+1F44D U+1F3FD]b");
  });

  it("drops invisible format characters the font lacks when the rest of the cluster is drawn", () => {
    expect(makeRenderable("a\u200Bb\uFE0Fc\u00AD", ascii)).toEqual({ text: "abc", replaced: false });
  });

  it("normalises line ends, tabs, unpaired surrogates and decomposed accents", () => {
    const font = (cp: number) => ascii(cp) || cp === 0xe9 || cp === 0xfffd;
    expect(makeRenderable("a\r\nb\rc\td", ascii).text).toBe("a\nb\nc    d");
    expect(makeRenderable("x\uD800y", font).text).toBe("x\uFFFDy");
    expect(makeRenderable("Re\u0301ne", font).text).toBe("Réne");
  });

  it("labels code points with at least four hex digits", () => {
    expect(codePointLabel(0x7)).toBe("U+0007");
    expect(codePointLabel(0x1f917)).toBe("U+1F917");
  });
});

describe("people's text in the PDF (DejaVu Sans embedded)", () => {
  it("prints Indonesian, European, Vietnamese, Greek, Cyrillic and Arabic names as they are", async () => {
    const names = ["I Gusti Ngurah Rai Mahendra", "Siti Nur'aini", "Renée Müller-Łukasiewicz", "Nguyễn Thị Hồng", "Γιώργος Παπαδόπουλος", "Ольга Петрова"];
    for (const name of names) {
      const { text } = await readPdf(await renderDocumentPdf({ ...rencana(), clientName: name }));
      expect(text).toContain(`Nama klien : ${name}`);
      expect(text).not.toContain(NOTE);
    }
    const arabic = await readPdf(await renderDocumentPdf({ ...rencana(), clientName: "محمد" }));
    expect(arabic.text).toContain("محمد");
  });

  it("prints a CJK name and emoji the font lacks as visible code points, with a note, and never throws", async () => {
    const doc = formulir({
      client: { kind: "praja", fields: { nama: "张伟 Wijaya", npp: "33.0001", tingkat: "I", kelas: "A", kampus: "Jakarta" } },
      complaint: "Saya 🤗 senang tapi 😀 cemas \u0007 ✓ 👨‍👩‍👧",
    });
    const { text } = await readPdf(await renderDocumentPdf(doc));
    expect(text).toContain("Nama : [U+5F20 U+4F1F] Wijaya");
    expect(text).toContain("Saya [U+1F917] senang tapi 😀 cemas [U+0007] ✓ [U+1F468 U+200D U+1F469 U+200D U+1F467]");
    expect(text).toContain(NOTE);
  });

  it("survives hostile text: lone surrogates, control characters, right-to-left marks, zero-width joiners", async () => {
    const hostile = "A\uD83DB\u0000C\u202EDEF\u202C\u200D\u200D\uFEFF\u{E0001}\u{10FFFD} \u0085x";
    const { text } = await readPdf(await renderDocumentPdf({ ...rencana(), plan: hostile, clientName: hostile }));
    expect(text).toContain("A�B[U+0000]C");
    // A tag character and a private-use character are not drawn: both appear as code points.
    expect(text).toContain("[U+E0001 U+10FFFD] [U+0085]x");
  });
});
