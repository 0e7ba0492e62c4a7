// Laporan Tertulis: the counsellor's written report, made when the step that writes it is done.
import type { DocumentKindModule } from "../documentKind.ts";
import { buildLaporanTertulis } from "./buildLaporanTertulis.ts";
import { checkLaporanTertulis } from "./laporanTertulisDocument.ts";
import { laporanTertulisTexts } from "./laporanTertulisTexts.ts";
import { layoutLaporanTertulis } from "./layoutLaporanTertulis.ts";

export const laporanTertulisKind: DocumentKindModule<"laporan_tertulis"> = {
  kind: "laporan_tertulis",
  name: laporanTertulisTexts.name,
  producedBy: "step",
  check: checkLaporanTertulis,
  layout: layoutLaporanTertulis,
  build: buildLaporanTertulis,
};
