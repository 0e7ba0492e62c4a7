// Laporan Dokumen Hasil Pengawasan (SOP BK rows 6–8): its content, its checks, and how it is built from a case.
import { describe, expect, it } from "vitest";
import { DocumentInputError } from "../../src/documents/checkDocument.ts";
import { buildLaporanHasilPengawasan } from "../../src/documents/laporanHasilPengawasan/buildLaporanHasilPengawasan.ts";
import { renderDocumentPdf } from "../../src/documents/renderPdf.ts";
import { header, laporan } from "../fixtures/documents/sampleDocuments.ts";
import { fakeSource, pengawasan, stepRun } from "./sampleSopDocuments.ts";
import { readPdf } from "./pdfText.ts";

describe("Laporan Dokumen Hasil Pengawasan", () => {
  it("prints the addressee, the client without contacts, the supervision's results with who supervised, and the review", async () => {
    const { text } = await readPdf(await renderDocumentPdf(pengawasan()));
    for (const expected of [
      "LAPORAN DOKUMEN HASIL PENGAWASAN",
      "Nomor kasus : 12",
      "Kepada : Kepala Unit",
      "Dilaporkan oleh : Dra. Siti Aminah, M.Psi., Psikolog (Konselor/Psikolog)",
      "Tanggal : Jumat, 4 Desember 2026 10.30 WIB",
      "A. Identitas Klien",
      "Nama : Ni Luh Putu Ayu Wulandari",
      "NPP : 33.0456",
      "B. Hasil Pengawasan",
      "Pelaksana pengawasan : Bagian/Unit Terkait",
      "Dicatat oleh : Rina Marlina",
      "Tanggal laporan pengawasan : Kamis, 3 Desember 2026 09.00 WIB",
      pengawasan().result,
      `C. Telaah dan Catatan Konselor/Psikolog ${pengawasan().review}`,
    ])
      expect(text).toContain(expected);
    expect(text).not.toContain("+6281234567890");
  });

  it("leaves the review out when the report carries only the results", async () => {
    const { text } = await readPdf(await renderDocumentPdf(pengawasan({ review: undefined })));
    expect(text).not.toContain("Telaah");
    expect(text).toContain(pengawasan().result);
  });

  it("refuses missing results, supervisor, reporter and date, naming each", async () => {
    const doc = { ...pengawasan(), result: undefined, supervisedBy: " ", reportedBy: { name: "", role: "Konselor" }, date: new Date("nope") } as never;
    const error = await renderDocumentPdf(doc).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentInputError);
    const problems = (error as DocumentInputError).problems.join("\n");
    for (const p of ["result must be a string", "supervisedBy", "reportedBy.name", "date must be a valid Date"]) expect(problems).toContain(p);
  });

  it("is built from the results recorded at the supervision step and the counsellor's own review at row 8", async () => {
    const recorded = new Date("2026-12-03T02:00:00Z");
    const src = fakeSource({
      header: header(),
      client: laporan().client,
      text: "Praja tidur teratur selama pengawasan.",
      stepNote: "Telaah: konseling dapat diakhiri.",
      textFromOtherStep: true,
      stepRunId: "run-s8",
      textStepId: "s6",
      actedAt: new Date("2026-12-04T03:30:00Z"),
      actor: { name: "Dra. Siti Aminah", role: "Konselor/Psikolog" },
      recipients: ["Kepala Unit"],
      runs: [
        stepRun({
          id: "run-s6-old",
          stepId: "s6",
          action: "external",
          actedAt: new Date("2026-12-01T02:00:00Z"),
          actor: { name: "Budi", role: "Bagian/Unit Terkait" },
        }),
        stepRun({ id: "run-s6", stepId: "s6", action: "external", actedAt: recorded, actor: { name: "Rina Marlina", role: "Bagian/Unit Terkait" } }),
        stepRun({ id: "run-s7", stepId: "s7", action: "message", actedAt: new Date("2026-12-03T05:00:00Z") }),
        stepRun({ id: "run-s8", stepId: "s8", actedAt: new Date("2026-12-04T03:30:00Z") }),
      ],
    });
    const doc = await buildLaporanHasilPengawasan(src);
    expect(doc).toMatchObject({
      to: "Kepala Unit",
      result: "Praja tidur teratur selama pengawasan.",
      supervisedBy: "Bagian/Unit Terkait",
      resultRecordedBy: "Rina Marlina",
      resultAt: recorded,
      review: "Telaah: konseling dapat diakhiri.",
      reportedBy: { name: "Dra. Siti Aminah", role: "Konselor/Psikolog" },
    });
    await expect(renderDocumentPdf(doc)).resolves.toBeInstanceOf(Buffer);
  });

  it("made at the supervision step itself, carries that step's report and no review", async () => {
    const at = new Date("2026-12-03T02:00:00Z");
    const actor = { name: "Rina Marlina", role: "Bagian/Unit Terkait" };
    const doc = await buildLaporanHasilPengawasan(
      fakeSource({
        text: "Hasil pengawasan.",
        stepNote: "Hasil pengawasan.",
        stepRunId: "r6",
        textStepId: "s6",
        actedAt: at,
        actor,
        runs: [stepRun({ id: "r6", stepId: "s6", actedAt: at, actor })],
      }),
    );
    expect(doc.review).toBeUndefined();
    expect(doc.to).toBe("-");
    expect([doc.supervisedBy, doc.resultRecordedBy, doc.resultAt]).toEqual(["Bagian/Unit Terkait", "Rina Marlina", at]);
  });
});
