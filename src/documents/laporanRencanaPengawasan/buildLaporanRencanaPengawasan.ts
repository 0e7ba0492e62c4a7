// The Laporan Rencana Pengawasan from the case: the plan as its author wrote it.
import type { DocumentSource } from "../documentSource.ts";
import type { LaporanRencanaPengawasanDocument } from "./laporanRencanaPengawasanDocument.ts";

export async function buildLaporanRencanaPengawasan(src: DocumentSource): Promise<LaporanRencanaPengawasanDocument> {
  return {
    kind: "laporan_rencana_pengawasan",
    header: src.header,
    clientName: src.clientName ?? src.client.fields.nama ?? "-",
    plan: src.text,
    author: await src.textAuthor(),
    date: src.actedAt,
  };
}
