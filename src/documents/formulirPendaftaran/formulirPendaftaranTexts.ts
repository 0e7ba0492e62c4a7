// The Formulir Pendaftaran's own words, in Bahasa Indonesia (channel and consent words are every form's:
// documentTexts.ts).

export const formulirPendaftaranTexts = {
  /** The document's name as the SOP's Output column writes it. */
  name: "Formulir Pendaftaran Konseling",
  /** The heading printed on the first page. */
  heading: "FORMULIR PENDAFTARAN KONSELING",
  registeredAt: "Tanggal pendaftaran",
  channel: "Saluran pendaftaran",
  registeredBy: "Didaftarkan oleh",
  selfRegistered: "Klien sendiri",
  biodata: "A. Biodata Klien",
  complaint: "B. Keluhan",
  consent: "C. Persetujuan Pemrosesan Data",
};
