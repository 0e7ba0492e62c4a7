// Form Konseling (SOP Konseling PUSPAGA row 5): the counsellor's record of the sessions and the plan after them.
import { describe, expect, it } from "vitest";
import { DocumentInputError } from "../../src/documents/checkDocument.ts";
import { buildFormKonseling } from "../../src/documents/formKonseling/buildFormKonseling.ts";
import { renderDocumentPdf } from "../../src/documents/renderPdf.ts";
import { fakeSource, konseling, registrasi, stepRun } from "./sampleSopDocuments.ts";
import { readPdf } from "./pdfText.ts";

const counsellor = { name: "Yuliana Putri", role: "Konselor/Psikolog" };

describe("Form Konseling", () => {
  it("prints the client without contacts, the problem, every session with its date and what was done, and the plan", async () => {
    const { text } = await readPdf(await renderDocumentPdf(konseling()));
    for (const expected of [
      "FORM KONSELING",
      "Nomor kasus : 7",
      "Konselor/Psikolog : Yuliana Putri, M.Psi., Psikolog (Konselor/Psikolog)",
      "Jumlah sesi : 2",
      "Nama : Siti Rahmawati",
      "Domisili : Pangkalpinang",
      `B. Permasalahan ${registrasi().complaint}`,
      "C. Pelaksanaan Konseling 1. Sesi konseling Tanggal : Senin, 30 November 2026 09.00 WIB",
      "Yang dilakukan : Wawancara awal dengan ibu; menggali riwayat pindah rumah dan pola pertengkaran.",
      "2. Sesi konseling Tanggal : Senin, 7 Desember 2026 10.00 WIB",
      "Yang dilakukan : Sesi bersama ibu dan anak; latihan komunikasi tanpa menyalahkan.",
      "D. Rencana Tindak Lanjut Mendapat jadwal baru: sesi evaluasi dua minggu lagi",
    ])
      expect(text).toContain(expected);
    expect(text).not.toContain("+6281377778888");
  });

  it("refuses a form without sessions or counsellor, naming each", async () => {
    const error = await renderDocumentPdf(konseling({ sessions: [], counsellor: { name: "Yuliana", role: "" } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentInputError);
    const problems = (error as DocumentInputError).problems.join("\n");
    expect(problems).toContain("sessions must list at least one counselling session");
    expect(problems).toContain("counsellor.role");
    await expect(renderDocumentPdf(konseling({ sessions: [{ at: new Date("x"), by: counsellor, notes: "-" }] }))).rejects.toThrow(/sessions\[0\]\.at/);
  });

  it("made at the administration's choice (row 6), takes the sessions from the counselling step and the choice as the plan", async () => {
    const first = new Date("2026-11-30T02:00:00Z");
    const second = new Date("2026-12-07T03:00:00Z");
    const src = fakeSource({
      text: "Sesi kedua.",
      stepNote: "evaluasi dua minggu lagi",
      textFromOtherStep: true,
      stepRunId: "r6b",
      textStepId: "s5",
      runs: [
        stepRun({ id: "r5a", stepId: "s5", actedAt: first, actor: counsellor, note: "Wawancara awal." }),
        stepRun({
          id: "r6a",
          stepId: "s6",
          action: "decision",
          outcome: "new_schedule",
          outcomeLabel: "Mendapat jadwal baru",
          actedAt: new Date("2026-11-30T03:00:00Z"),
        }),
        stepRun({ id: "r5b", stepId: "s5", actedAt: second, actor: counsellor, note: "Sesi kedua." }),
        stepRun({
          id: "r6b",
          stepId: "s6",
          action: "decision",
          outcome: "new_schedule",
          outcomeLabel: "Mendapat jadwal baru",
          note: "evaluasi dua minggu lagi",
          actedAt: new Date("2026-12-07T04:00:00Z"),
        }),
      ],
    });
    const doc = await buildFormKonseling(src);
    expect(doc.sessions).toEqual([
      { at: first, by: counsellor, notes: "Wawancara awal." },
      { at: second, by: counsellor, notes: "Sesi kedua." },
    ]);
    expect(doc.counsellor).toEqual(counsellor);
    expect(doc.problem).toBe(registrasi().complaint);
    expect(doc.plan).toBe("Mendapat jadwal baru: evaluasi dua minggu lagi");
  });

  it("made at the counselling step itself, records that session and leaves the plan to be filled", async () => {
    const at = new Date("2026-11-30T02:00:00Z");
    const doc = await buildFormKonseling(
      fakeSource({
        text: "Wawancara awal.",
        stepNote: "Wawancara awal.",
        stepRunId: "r5",
        textStepId: "s5",
        actedAt: at,
        actor: counsellor,
        runs: [stepRun({ id: "r5", stepId: "s5", actedAt: at, actor: counsellor, note: "Wawancara awal." })],
      }),
    );
    expect(doc.sessions).toEqual([{ at, by: counsellor, notes: "Wawancara awal." }]);
    expect(doc.plan).toBe("");
    const { text } = await readPdf(await renderDocumentPdf(doc));
    expect(text).toContain("D. Rencana Tindak Lanjut (tidak diisi)");
  });
});
