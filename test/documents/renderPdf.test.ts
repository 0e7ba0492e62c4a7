import { describe, expect, it } from "vitest";
import { DocumentInputError } from "../../src/documents/checkDocument.ts";
import { documentFileName, documentTitle, renderDocumentPdf } from "../../src/documents/renderPdf.ts";
import { allSamples, disposisi, formulir, formulirPegawai, GENERATED_AT, header, laporan, nota, rencana } from "../fixtures/documents/sampleDocuments.ts";
import { readPdf } from "./pdfText.ts";

const GENERATED = "Senin, 30 November 2026 15.00 WIB";

describe("renderDocumentPdf", () => {
  it.each(allSamples().map((d) => [documentFileName(d), d] as const))("%s is a valid PDF with letterhead and confidential footer", async (_name, doc) => {
    const bytes = await renderDocumentPdf(doc);
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(bytes.subarray(-6).toString("latin1")).toContain("%%EOF");
    const pdf = await readPdf(bytes);
    expect(pdf.pages).toHaveLength(1);
    const page = pdf.pages[0]!;
    expect(page).toContain("Unit Bimbingan Konseling Praja dan Pegawai Institut Pemerintahan Dalam Negeri (IPDN)");
    expect(page).toContain(`SOP ${doc.header.sopTitle}`);
    expect(page).toContain(`Kasus #${doc.header.caseNo} · Dibuat ${GENERATED}`);
    expect(page).toContain("RAHASIA");
    expect(page).toContain("Halaman 1 dari 1");
    expect(pdf.info.Title).toBe(documentTitle(doc));
  });

  it("Formulir Pendaftaran (praja): registration, biodata, complaint and consent", async () => {
    const { text } = await readPdf(await renderDocumentPdf(formulir()));
    for (const expected of [
      "FORMULIR PENDAFTARAN KONSELING",
      "Nomor kasus : 12",
      "Tanggal pendaftaran : Jumat, 27 November 2026 09.14 WIB",
      "Saluran pendaftaran : Telegram",
      "Didaftarkan oleh : Klien sendiri",
      "Jenis klien : Praja",
      "Nama : Ni Luh Putu Ayu Wulandari",
      "NPP : 33.0456",
      "Tingkat : II",
      "Kelas/Wisma : Wisma Kalimantan",
      "Kampus : Jatinangor",
      "Nomor HP : +6281234567890",
      "Email : ayu.w@contoh.id",
      "Saya sulit tidur sejak ujian tengah semester dan merasa cemas setiap apel pagi.",
      "Status persetujuan : Diberikan",
      "Versi teks persetujuan : 2026-11-25",
      "Waktu persetujuan : Jumat, 27 November 2026 09.10 WIB",
    ])
      expect(text).toContain(expected);
  });

  it("Formulir Pendaftaran (pegawai registered by staff): NIP, unit kerja, skipped contacts, consent not yet given", async () => {
    const { text } = await readPdf(await renderDocumentPdf(formulirPegawai()));
    for (const expected of [
      "Kasus #31",
      "Saluran pendaftaran : WhatsApp",
      "Didaftarkan oleh : Rina Marlina (Staf)",
      "Jenis klien : Pegawai",
      "Nama : Bambang Sutrisno",
      "NIP : 19791212 199912 1 001",
      "Unit kerja : Biro Keuangan",
      "Nomor HP : (tidak diisi)",
      "Status persetujuan : Belum diberikan",
    ])
      expect(text).toContain(expected);
    expect(text).not.toContain("NPP");
  });

  it("Formulir Pendaftaran prints a field the intake did not ask of that kind rather than dropping it", async () => {
    const doc = formulir({ client: { kind: "klien", fields: { nama: "Rahmat Hidayat", domisili: "Pangkalpinang", npp: "33.0001" } } });
    const { text } = await readPdf(await renderDocumentPdf(doc));
    expect(text).toContain("Domisili : Pangkalpinang");
    expect(text).toContain("NPP : 33.0001");
  });

  it("Laporan Rencana Pengawasan: client, plan, author and date", async () => {
    const { text } = await readPdf(await renderDocumentPdf(rencana()));
    for (const expected of [
      "LAPORAN RENCANA PENGAWASAN",
      "Nomor kasus : 12",
      "Nama klien : Ni Luh Putu Ayu Wulandari",
      "Disusun oleh : Dra. Siti Aminah, M.Psi., Psikolog (Konselor)",
      "Tanggal : Senin, 30 November 2026 10.30 WIB",
      rencana().plan,
    ])
      expect(text).toContain(expected);
  });

  it("Laporan Tertulis: identity without contacts, report, counsellor and date", async () => {
    const { text } = await readPdf(await renderDocumentPdf(laporan()));
    for (const expected of [
      "LAPORAN TERTULIS",
      "Mengenai Praja Berdasarkan Pemeriksaan Psikolog/Psikiater",
      "Konselor/Psikolog : Dra. Siti Aminah, M.Psi., Psikolog (Konselor)",
      "Tanggal : Rabu, 2 Desember 2026 14.45 WIB",
      "Nama : Ni Luh Putu Ayu Wulandari",
      "NPP : 33.0456",
      laporan().report,
    ])
      expect(text).toContain(expected);
    expect(text).not.toContain("+6281234567890");
    expect(text).not.toContain("ayu.w@contoh.id");
  });

  it("Nota Dinas: derived number, address block, body and signatory", async () => {
    const { text } = await readPdf(await renderDocumentPdf(nota()));
    for (const expected of [
      "NOTA DINAS",
      "Nomor: ND-12/BK/XI/2026",
      "Kepada : Rektor IPDN",
      "Dari : Kepala Unit Bimbingan Konseling Praja dan Pegawai",
      "Tanggal : 30 November 2026",
      "Sifat : Rahasia",
      "Perihal : Laporan hasil pemeriksaan praja oleh psikiater",
      "Dengan hormat, bersama ini kami laporkan",
      "Demikian kami sampaikan untuk mendapat arahan.",
      "Kepala Unit, Dr. Hendra Gunawan, S.Psi., M.Si.",
    ])
      expect(text).toContain(expected);
    expect(text).not.toContain("Lampiran");
  });

  it("Nota Dinas: sequence, unit code, classification and attachments", async () => {
    const doc = nota({ sequence: 2, unitCode: "PSPG", classification: "Segera", attachments: "1 (satu) berkas" });
    const { text } = await readPdf(await renderDocumentPdf(doc));
    expect(text).toContain("Nomor: ND-12-2/PSPG/XI/2026");
    expect(text).toContain("Sifat : Segera");
    expect(text).toContain("Lampiran : 1 (satu) berkas");
    expect(documentFileName(doc)).toBe("kasus-12-nota-dinas-2.pdf");
  });

  it("Disposisi: directive, who gave it and when (WIB), and for whom", async () => {
    const { text } = await readPdf(await renderDocumentPdf(disposisi()));
    for (const expected of [
      "LEMBAR DISPOSISI",
      "Nomor kasus : 12",
      "Perihal : Laporan tertulis mengenai praja",
      "Pemberi disposisi : Prof. Dr. Hadi Prabowo, M.M. (Rektor IPDN)",
      "Tanggal dan waktu : Kamis, 3 Desember 2026 08.05 WIB",
      "Diteruskan kepada : 1. Kepala Unit Bimbingan Konseling Praja dan Pegawai 2. Konselor",
      "Isi Disposisi Lanjutkan konseling dua sesi dan laporkan hasilnya dalam satu minggu.",
    ])
      expect(text).toContain(expected);
  });

  it("keeps client data out of the PDF's metadata", async () => {
    const { info } = await readPdf(await renderDocumentPdf(formulir()));
    expect(JSON.stringify(info)).not.toContain("Wulandari");
    expect(info.Author).toBe(header().organisation);
    expect(info.Subject).toBe("Layanan Konsultasi Konseling Online bagi Praja");
  });
});

describe("determinism", () => {
  it("gives the same bytes for the same input, and the PDF's dates are generatedAt", async () => {
    for (const doc of allSamples()) {
      const [a, b] = [await renderDocumentPdf(doc), await renderDocumentPdf(structuredClone(doc))];
      expect(a.equals(b), documentFileName(doc)).toBe(true);
    }
    const { info } = await readPdf(await renderDocumentPdf(nota()));
    expect(info.CreationDate).toBe("D:20261130080000Z");
    expect(info.ModDate).toBe("D:20261130080000Z");
  });

  it("changes when the generation time changes", async () => {
    const later = disposisi();
    later.header = header({ generatedAt: new Date(GENERATED_AT.getTime() + 60_000) });
    expect((await renderDocumentPdf(disposisi())).equals(await renderDocumentPdf(later))).toBe(false);
  });
});

describe("names and titles", () => {
  it("derives the file name and title from kind and case only", () => {
    expect(documentFileName(disposisi())).toBe("kasus-12-disposisi.pdf");
    expect(documentFileName(formulirPegawai())).toBe("kasus-31-formulir-pendaftaran-konseling.pdf");
    expect(documentFileName(rencana())).toBe("kasus-12-laporan-rencana-pengawasan.pdf");
    expect(documentFileName(laporan())).toBe("kasus-12-laporan-tertulis.pdf");
    expect(documentFileName(nota())).toBe("kasus-12-nota-dinas.pdf");
    expect(documentTitle(disposisi())).toBe("Disposisi — Kasus #12");
  });
});

describe("bad input", () => {
  it("names every unusable field in one error", async () => {
    const doc = disposisi();
    doc.header = { ...header(), caseNo: 0, timeZone: "Mars/Olympus", generatedAt: new Date("nope") };
    doc.forwardTo = [];
    doc.givenBy = { name: "", role: "Rektor IPDN" };
    const error = await renderDocumentPdf(doc).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentInputError);
    const problems = (error as DocumentInputError).problems.join("\n");
    for (const p of ["header.caseNo", "header.timeZone", "header.generatedAt", "forwardTo", "givenBy.name"]) expect(problems).toContain(p);
    expect((error as Error).message).toContain("Fix the data passed to renderDocumentPdf");
  });

  it("refuses an unknown kind and a client kind the intake does not know", async () => {
    await expect(renderDocumentPdf({ ...disposisi(), kind: "surat_cinta" } as never)).rejects.toThrow(/kind must be one of/);
    const doc = laporan();
    doc.client = { kind: "mahasiswa" as never, fields: {} };
    await expect(renderDocumentPdf(doc)).rejects.toThrow(/client.kind must be one of praja, pegawai, klien/);
  });

  it("refuses a unit code that would break the Nota Dinas number", async () => {
    await expect(renderDocumentPdf(nota({ unitCode: "BK/X" }))).rejects.toThrow(/unitCode/);
  });
});
