// The Form Konseling's own words, in Bahasa Indonesia.

export const formKonselingTexts = {
  /** The document's name as the SOP writes it (Peralatan/Perlengkapan 2, row 5). */
  name: "Form Konseling",
  /** The heading printed on the first page. */
  heading: "FORM KONSELING",
  counsellor: "Konselor/Psikolog",
  sessionCount: "Jumlah sesi",
  identity: "A. Identitas Klien",
  problem: "B. Permasalahan",
  sessions: "C. Pelaksanaan Konseling",
  session: "Sesi konseling",
  sessionDate: "Tanggal",
  sessionBy: "Konselor/Psikolog",
  sessionNotes: "Yang dilakukan",
  noSessions: "Belum ada sesi yang dicatat.",
  plan: "D. Rencana Tindak Lanjut",
};
