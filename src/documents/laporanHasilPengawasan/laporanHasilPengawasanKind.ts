// Laporan Dokumen Hasil Pengawasan: the supervision's results, made when a step that names it is done.
import type { DocumentKindModule } from "../documentKind.ts";
import { buildLaporanHasilPengawasan } from "./buildLaporanHasilPengawasan.ts";
import { checkLaporanHasilPengawasan } from "./laporanHasilPengawasanDocument.ts";
import { laporanHasilPengawasanTexts } from "./laporanHasilPengawasanTexts.ts";
import { layoutLaporanHasilPengawasan } from "./layoutLaporanHasilPengawasan.ts";

export const laporanHasilPengawasanKind: DocumentKindModule<"laporan_hasil_pengawasan"> = {
  kind: "laporan_hasil_pengawasan",
  name: laporanHasilPengawasanTexts.name,
  producedBy: "step",
  check: checkLaporanHasilPengawasan,
  layout: layoutLaporanHasilPengawasan,
  build: buildLaporanHasilPengawasan,
};
