// The words every document prints, in Bahasa Indonesia (the documents have no English variant): letterhead,
// footer, client rows, channels, consent. Each kind's own words live in its folder (e.g.
// notaDinas/notaDinasTexts.ts).
// Field and client-kind labels come from src/i18n/id.ts so the form says what the chat asked.
import { id } from "../i18n/id.ts";

/** The texts all documents share, in one place like src/i18n/id.ts (which stays for chat texts). */
export const documentTexts = {
  header: {
    sop: (title: string) => `SOP ${title}`,
    caseLine: (p: { caseNo: number | null; generated: string }) => (p.caseNo === null ? `Dibuat ${p.generated}` : `Kasus #${p.caseNo} · Dibuat ${p.generated}`),
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
  /** The channel a registration came from, as people call it ("local" is the browser chat). */
  channels: { telegram: "Telegram", whatsapp: "WhatsApp", email: "Email", local: "Chat lokal" } as Record<string, string>,
  /** The consent block of a registration form. */
  consent: {
    status: "Status persetujuan",
    given: "Diberikan",
    missing: "Belum diberikan (klien didaftarkan oleh staf; persetujuan diminta saat klien menghubungkan percakapannya)",
    version: "Versi teks persetujuan",
    at: "Waktu persetujuan",
  },

  placeholderNote:
    "Catatan: karakter yang tidak dapat ditampilkan oleh huruf dokumen ini ditulis sebagai kode Unicode " +
    "dalam kurung siku, misalnya [U+5F20], agar isinya tetap lengkap.",
  creator: "Pintu Konseling",
};
