// The Laporan Rencana Pengawasan's own words, in Bahasa Indonesia.

export const laporanRencanaPengawasanTexts = {
  /** The document's name as the SOP's Output column writes it. */
  name: "Laporan Rencana Pengawasan",
  /** The heading printed on the first page. */
  heading: "LAPORAN RENCANA PENGAWASAN",
  clientName: "Nama klien",
  author: "Disusun oleh",
  date: "Tanggal",
  plan: "Rencana Pengawasan",
};
