// Form Registrasi (SOP Konseling PUSPAGA rows 2–3): PUSPAGA's own registration form, not IPDN's Formulir Pendaftaran.
import { describe, expect, it } from "vitest";
import { DocumentInputError } from "../../src/documents/checkDocument.ts";
import { buildFormRegistrasi } from "../../src/documents/formRegistrasi/buildFormRegistrasi.ts";
import { renderDocumentPdf } from "../../src/documents/renderPdf.ts";
import { fakeSource, registrasi } from "./sampleSopDocuments.ts";
import { readPdf } from "./pdfText.ts";

describe("Form Registrasi", () => {
  it("prints a walk-in's registration: the accompanying staff member, the klien's PUSPAGA fields with contacts, the problem, consent", async () => {
    const { text } = await readPdf(await renderDocumentPdf(registrasi()));
    for (const expected of [
      "FORM REGISTRASI Klien Pusat Pembelajaran Keluarga (PUSPAGA)",
      "Nomor kasus : 7",
      "Tanggal registrasi : Senin, 30 November 2026 08.15 WIB",
      "Cara datang : Datang langsung ke PUSPAGA",
      "Petugas pendamping : Dewi Lestari (Staf administrasi)",
      "Dicatat melalui : Telegram",
      "A. Data Klien Jenis klien : Klien",
      "Nama : Siti Rahmawati",
      "Domisili : Pangkalpinang",
      "Nomor HP : +6281377778888",
      "Email : siti.r@contoh.id",
      `B. Permasalahan ${registrasi().complaint}`,
      "Status persetujuan : Diberikan",
      "Versi teks persetujuan : 2026-11-25",
      "Waktu persetujuan : Senin, 30 November 2026 08.20 WIB",
      "Staf administrasi, Dewi Lestari",
    ])
      expect(text).toContain(expected);
    expect(text).not.toContain("FORMULIR PENDAFTARAN");
    expect(text).not.toContain("NPP");
  });

  it("prints a klien who registered in the chat themselves, before consent reached the form", async () => {
    const { registeredBy: _, ...self } = registrasi({ channel: "whatsapp", consent: null });
    const { text } = await readPdf(await renderDocumentPdf(self));
    expect(text).toContain("Cara datang : Mendaftar sendiri melalui WhatsApp");
    expect(text).toContain("Petugas pendamping : - (klien mengisi sendiri)");
    expect(text).toContain("Status persetujuan : Belum diberikan");
  });

  it("refuses a client who is not a PUSPAGA klien, a klien without a name, and a bad consent", async () => {
    const praja = registrasi({ client: { kind: "praja", fields: { nama: "Ayu" } } });
    await expect(renderDocumentPdf(praja)).rejects.toThrow(/client.kind must be "klien"/);
    const error = await renderDocumentPdf(
      registrasi({ client: { kind: "klien", fields: { domisili: "Sungailiat" } }, consent: { textVersion: "", givenAt: new Date("x") } }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentInputError);
    const problems = (error as DocumentInputError).problems.join("\n");
    for (const p of ["client.fields.nama must be a non-empty string", "consent.textVersion", "consent.givenAt"]) expect(problems).toContain(p);
  });

  it("is built from the intake: biodata, complaint, channel, consent and the registering staff member", async () => {
    const doc = await buildFormRegistrasi(fakeSource());
    expect(doc).toEqual(registrasi());
  });
});
