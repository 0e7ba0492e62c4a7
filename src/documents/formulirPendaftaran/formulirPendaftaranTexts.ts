// The Formulir Pendaftaran's own words, in Bahasa Indonesia.

export const formulirPendaftaranTexts = {
  /** The document's name as the SOP's Output column writes it. */
  name: "Formulir Pendaftaran Konseling",
  /** The heading printed on the first page. */
  heading: "FORMULIR PENDAFTARAN KONSELING",
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
};
