// Laporan Rencana Pengawasan: the supervision plan, made when the step that approves it is done.
import type { DocumentKindModule } from "../documentKind.ts";
import { buildLaporanRencanaPengawasan } from "./buildLaporanRencanaPengawasan.ts";
import { checkLaporanRencanaPengawasan } from "./laporanRencanaPengawasanDocument.ts";
import { laporanRencanaPengawasanTexts } from "./laporanRencanaPengawasanTexts.ts";
import { layoutLaporanRencanaPengawasan } from "./layoutLaporanRencanaPengawasan.ts";

export const laporanRencanaPengawasanKind: DocumentKindModule<"laporan_rencana_pengawasan"> = {
  kind: "laporan_rencana_pengawasan",
  name: laporanRencanaPengawasanTexts.name,
  producedBy: "step",
  check: checkLaporanRencanaPengawasan,
  layout: layoutLaporanRencanaPengawasan,
  build: buildLaporanRencanaPengawasan,
};
