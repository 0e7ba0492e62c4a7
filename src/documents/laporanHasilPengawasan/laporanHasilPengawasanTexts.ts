// The Laporan Dokumen Hasil Pengawasan's own words, in Bahasa Indonesia.

export const laporanHasilPengawasanTexts = {
  /** The document's name as the SOP's Kelengkapan and Output columns write it (BK rows 7–9). */
  name: "Laporan Dokumen Hasil Pengawasan",
  /** The heading printed on the first page. */
  heading: "LAPORAN DOKUMEN HASIL PENGAWASAN",
  to: "Kepada",
  reportedBy: "Dilaporkan oleh",
  date: "Tanggal",
  identity: "A. Identitas Klien",
  result: "B. Hasil Pengawasan",
  supervisedBy: "Pelaksana pengawasan",
  resultRecordedBy: "Dicatat oleh",
  resultAt: "Tanggal laporan pengawasan",
  /** The reporter's own review: the counsellor's at row 8 ("C. Telaah dan Catatan Konselor/Psikolog"). */
  review: (role: string) => `C. Telaah dan Catatan ${role}`,
};
