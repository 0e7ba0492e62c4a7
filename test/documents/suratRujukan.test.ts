// Form/Surat Rujukan (SOP Konseling PUSPAGA row 6, referral branch): the letter and the approvals it went through.
import { describe, expect, it } from "vitest";
import { DocumentInputError } from "../../src/documents/checkDocument.ts";
import { buildSuratRujukan } from "../../src/documents/suratRujukan/buildSuratRujukan.ts";
import { renderDocumentPdf } from "../../src/documents/renderPdf.ts";
import { fakeSource, rujukan, stepRun } from "./sampleSopDocuments.ts";
import { readPdf } from "./pdfText.ts";

describe("Form/Surat Rujukan", () => {
  it("prints the client without contacts, the referral report, and the approval trail in order, the send-back included", async () => {
    const { text } = await readPdf(await renderDocumentPdf(rujukan()));
    for (const expected of [
      "FORM RUJUKAN Surat Rujukan Klien",
      "Nomor kasus : 7",
      "Tanggal : 10 Desember 2026",
      "Perihal : Rujukan klien ke instansi lain",
      "Dibuat oleh : Dewi Lestari (Staf administrasi)",
      "Nama : Siti Rahmawati",
      `B. Laporan dan Alasan Rujukan ${rujukan().reason}`,
      "C. Jejak Persetujuan " +
        "1. Langkah 6.4: Persetujuan rujukan oleh Eselon IV. Oleh : Andi Saputra, S.Psi. (Eselon IV) Hasil : Dikembalikan untuk diperbaiki " +
        "Waktu : Selasa, 8 Desember 2026 09.00 WIB Catatan : Lengkapi alasan rujukan dengan hasil sesi kedua. " +
        "2. Langkah 6.4: Persetujuan rujukan oleh Eselon IV. Oleh : Andi Saputra, S.Psi. (Eselon IV) Hasil : Disetujui " +
        "Waktu : Selasa, 8 Desember 2026 14.00 WIB Catatan : (tidak diisi) " +
        "3. Langkah 6.5: Persetujuan rujukan oleh Eselon III. Oleh : Hj. Maryam, S.Sos., M.Si. (Eselon III) Hasil : Disetujui " +
        "Waktu : Rabu, 9 Desember 2026 08.30 WIB",
      "4. Langkah 6.6: Persetujuan rujukan oleh Kepala Dinas dan instruksi rujukan ke instansi lain. " +
        "Oleh : Drs. Bambang Irawan, M.M. (Kepala Dinas) Hasil : Disetujui Waktu : Rabu, 9 Desember 2026 13.45 WIB " +
        "Catatan : Rujuk ke RSJ Provinsi; staf mendampingi klien.",
      `D. Catatan Staf administrasi ${rujukan().note}`,
      "Staf administrasi, Dewi Lestari",
    ])
      expect(text).toContain(expected);
    expect(text).not.toContain("+6281377778888");
  });

  it("says so when no approval has been recorded yet", async () => {
    const { text } = await readPdf(await renderDocumentPdf(rujukan({ approvals: [], note: undefined })));
    expect(text).toContain("C. Jejak Persetujuan Belum ada persetujuan yang tercatat pada kasus ini.");
    expect(text).not.toContain("D. Catatan");
  });

  it("refuses an approval without its approver, result or time, and a letter without signatory", async () => {
    const [first, ...rest] = rujukan().approvals;
    const doc = rujukan({
      approvals: [{ ...first!, by: { name: "", role: "Eselon IV" }, result: "", at: new Date("x") }, ...rest],
      signedBy: undefined as never,
    });
    const error = await renderDocumentPdf(doc).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentInputError);
    const problems = (error as DocumentInputError).problems.join("\n");
    for (const p of ["approvals[0].by.name", "approvals[0].result", "approvals[0].at", "signedBy must be { name, role }"]) expect(problems).toContain(p);
    await expect(renderDocumentPdf(rujukan({ approvals: undefined as never }))).rejects.toThrow(/approvals must be a list/);
  });

  it("is built from every approval step run so far, whatever the outcome, and the report the flow takes the text from", async () => {
    const runs = [
      stepRun({ id: "r1", stepId: "s5", actedAt: new Date("2026-12-07T03:00:00Z"), note: "sesi" }),
      stepRun({ id: "r2", stepId: "lapor_rujukan", actedAt: new Date("2026-12-07T06:00:00Z"), note: "Laporan rujukan." }),
      stepRun({
        id: "r3",
        stepId: "setuju_eselon_iv",
        stepNo: "6.4",
        activity: "Persetujuan rujukan oleh Eselon IV.",
        action: "approval",
        outcome: "revise",
        outcomeLabel: "Kembalikan ke staf",
        note: "Lengkapi.",
        actor: { name: "Andi", role: "Eselon IV" },
        actedAt: new Date("2026-12-08T02:00:00Z"),
      }),
      stepRun({
        id: "r4",
        stepId: "setuju_eselon_iv",
        stepNo: "6.4",
        activity: "Persetujuan rujukan oleh Eselon IV.",
        action: "approval",
        outcome: "approve",
        outcomeLabel: "Setujui",
        actor: { name: "Andi", role: "Eselon IV" },
        actedAt: new Date("2026-12-08T07:00:00Z"),
      }),
      stepRun({
        id: "r5",
        stepId: "setuju_kepala_dinas",
        stepNo: "6.6",
        activity: "Persetujuan Kepala Dinas.",
        action: "approval",
        outcome: "tolak_alasan",
        outcomeLabel: "Tolak dengan alasan",
        actor: { name: "Bambang", role: "Kepala Dinas" },
        actedAt: new Date("2026-12-09T06:45:00Z"),
      }),
      stepRun({ id: "r6", stepId: "buat_rujukan", actedAt: new Date("2026-12-10T02:00:00Z"), note: "Ke RSJ Provinsi." }),
    ];
    const src = fakeSource({
      text: "Laporan rujukan.",
      stepNote: "Ke RSJ Provinsi.",
      textFromOtherStep: true,
      stepRunId: "r6",
      textStepId: "lapor_rujukan",
      actedAt: new Date("2026-12-10T02:00:00Z"),
      runs,
    });
    const doc = await buildSuratRujukan(src);
    expect(doc.reason).toBe("Laporan rujukan.");
    expect(doc.note).toBe("Ke RSJ Provinsi.");
    expect(doc.signedBy).toEqual({ name: "Dewi Lestari", role: "Staf administrasi" });
    expect(doc.approvals.map((a) => [a.stepNo, a.by.name, a.result, a.note])).toEqual([
      ["6.4", "Andi", "Dikembalikan untuk diperbaiki", "Lengkapi."],
      ["6.4", "Andi", "Disetujui", ""],
      ["6.6", "Bambang", "Tolak dengan alasan", ""],
    ]);
  });
});
