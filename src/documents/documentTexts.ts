// Every word the documents print, in Bahasa Indonesia (the documents have no English variant).
// Field and client-kind labels come from src/i18n/id.ts so the form says what the chat asked.
import { id } from "../i18n/id.ts";
import type { SopDocumentKind } from "./documentTypes.ts";

/** The documents' own texts, in one place like src/i18n/id.ts (which stays for chat texts). */
export const documentTexts = {
  /** The document's name as the SOP's Output column writes it. */
  names: {
    formulir_pendaftaran: "Formulir Pendaftaran Konseling",
    laporan_rencana_pengawasan: "Laporan Rencana Pengawasan",
    laporan_tertulis: "Laporan Tertulis",
    nota_dinas: "Nota Dinas",
    disposisi: "Disposisi",
  } satisfies Record<SopDocumentKind, string>,
  /** The heading printed on the first page. */
  headings: {
    formulir_pendaftaran: "FORMULIR PENDAFTARAN KONSELING",
    laporan_rencana_pengawasan: "LAPORAN RENCANA PENGAWASAN",
    laporan_tertulis: "LAPORAN TERTULIS",
    nota_dinas: "NOTA DINAS",
    disposisi: "LEMBAR DISPOSISI",
  } satisfies Record<SopDocumentKind, string>,

  header: {
    sop: (title: string) => `SOP ${title}`,
    caseLine: (p: { caseNo: number; generated: string }) => `Kasus #${p.caseNo} · Dibuat ${p.generated}`,
    confidential: "RAHASIA",
  },
  footer: {
    confidential: "RAHASIA · berisi data layanan konseling; hanya untuk pihak yang berwenang",
    page: (p: { page: number; pages: number }) => `Halaman ${p.page} dari ${p.pages}`,
  },

  caseNo: "Nomor kasus",
  notGiven: id.intake.notGiven,
  kindField: id.intake.kindField,
  kindLabel: (kind: string): string => id.intake.kindLabels[kind] ?? kind,
  fieldLabel: (field: string): string => id.fields[field]?.label ?? field,
  person: (p: { name: string; role: string }) => `${p.name} (${p.role})`,

  formulir: {
    registeredAt: "Tanggal pendaftaran",
    channel: "Saluran pendaftaran",
    channels: { telegram: "Telegram", whatsapp: "WhatsApp", email: "Email", local: "Chat lokal" } as Record<string, string>,
    registeredBy: "Didaftarkan oleh",
    selfRegistered: "Klien sendiri",
    biodata: "A. Biodata Klien",
    complaint: "B. Keluhan",
    consent: "C. Persetujuan Pemrosesan Data",
    consentStatus: "Status persetujuan",
    consentGiven: "Diberikan",
    consentMissing: "Belum diberikan (klien didaftarkan oleh staf; persetujuan diminta saat klien menghubungkan percakapannya)",
    consentVersion: "Versi teks persetujuan",
    consentAt: "Waktu persetujuan",
  },
  rencana: {
    clientName: "Nama klien",
    author: "Disusun oleh",
    date: "Tanggal",
    plan: "Rencana Pengawasan",
  },
  laporan: {
    about: (kind: string) => `Mengenai ${id.intake.kindLabels[kind] ?? "Klien"} Berdasarkan Pemeriksaan Psikolog/Psikiater`,
    identity: "A. Identitas Klien",
    report: "B. Isi Laporan",
    counsellor: "Konselor/Psikolog",
    date: "Tanggal",
  },
  nota: {
    number: (n: string) => `Nomor: ${n}`,
    to: "Kepada",
    from: "Dari",
    date: "Tanggal",
    classification: "Sifat",
    defaultClassification: "Rahasia",
    attachments: "Lampiran",
    subject: "Perihal",
    signatoryNote: "Catatan",
  },
  disposisi: {
    subject: "Perihal",
    givenBy: "Pemberi disposisi",
    givenAt: "Tanggal dan waktu",
    forwardTo: "Diteruskan kepada",
    directive: "Isi Disposisi",
  },
  placeholderNote:
    "Catatan: karakter yang tidak dapat ditampilkan oleh huruf dokumen ini ditulis sebagai kode Unicode " +
    "dalam kurung siku, misalnya [U+5F20], agar isinya tetap lengkap.",
  creator: "Pintu Konseling",
};
