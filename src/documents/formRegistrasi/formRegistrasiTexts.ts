// The Form Registrasi's own words, in Bahasa Indonesia (channel and consent words are every form's:
// documentTexts.ts).

export const formRegistrasiTexts = {
  /** The document's name as the SOP writes it (Peralatan/Perlengkapan 1, row 2). */
  name: "Form Registrasi",
  /** The heading printed on the first page, and the line under it. */
  heading: "FORM REGISTRASI",
  subheading: "Klien Pusat Pembelajaran Keluarga (PUSPAGA)",
  registeredAt: "Tanggal registrasi",
  arrival: "Cara datang",
  walkIn: "Datang langsung ke PUSPAGA",
  online: (channel: string) => `Mendaftar sendiri melalui ${channel}`,
  accompaniedBy: "Petugas pendamping",
  noStaff: "- (klien mengisi sendiri)",
  recordedVia: "Dicatat melalui",
  client: "A. Data Klien",
  problem: "B. Permasalahan",
  consent: "C. Persetujuan Pemrosesan Data",
};
