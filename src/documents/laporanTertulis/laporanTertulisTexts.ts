// The Laporan Tertulis's own words, in Bahasa Indonesia.
import { id } from "../../i18n/id.ts";

export const laporanTertulisTexts = {
  /** The document's name as the SOP's Output column writes it. */
  name: "Laporan Tertulis",
  /** The heading printed on the first page. */
  heading: "LAPORAN TERTULIS",
  about: (kind: string) => `Mengenai ${id.intake.kindLabels[kind] ?? "Klien"} Berdasarkan Pemeriksaan Psikolog/Psikiater`,
  identity: "A. Identitas Klien",
  report: "B. Isi Laporan",
  counsellor: "Konselor/Psikolog",
  date: "Tanggal",
};
